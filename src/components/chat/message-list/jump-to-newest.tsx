"use client";
import { useTranslations } from "next-intl";
import { cn } from "~/components/ui/cn";

/** The round "to the newest message" button, shown when the reader has scrolled up. */
export function JumpToNewest({ onClick }: { onClick: () => void }) {
  const t = useTranslations("chat");
  return (
    <button
      type="button"
      aria-label={t("toNewest")}
      title={t("toNewest")}
      onClick={onClick}
      className={cn(
        "absolute right-4 bottom-4 inline-flex size-11 items-center justify-center rounded-full bg-white text-neutral-600 shadow-md ring-1 ring-black/5 transition-colors hover:text-neutral-900",
        "dark:bg-neutral-800 dark:text-neutral-300 dark:ring-white/10 dark:hover:text-white",
      )}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
        <path
          fillRule="evenodd"
          d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.06l3.71-3.83a.75.75 0 1 1 1.08 1.04l-4.25 4.39a.75.75 0 0 1-1.08 0L5.21 8.27a.75.75 0 0 1 .02-1.06Z"
          clipRule="evenodd"
        />
      </svg>
    </button>
  );
}
