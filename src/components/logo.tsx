import { cn } from "./ui/cn";

/** The app mark: a speech bubble with a spark, on the accent colour. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn("size-8 shrink-0", className)}>
      <rect width="32" height="32" rx="10" className="fill-accent-500" />
      <path
        d="M16 7.5c-5.25 0-9.5 3.6-9.5 8.04 0 2.33 1.17 4.43 3.04 5.9-.13 1.4-.7 2.72-1.62 3.8a.4.4 0 0 0 .38.66c2.02-.3 3.75-1.06 5-2.05.88.2 1.79.3 2.7.3 5.25 0 9.5-3.6 9.5-8.04S21.25 7.5 16 7.5Z"
        fill="#fff"
      />
      <path d="m17.1 10.6-3.4 5.3h2.6l-1.4 4.5 4.4-6h-2.7l1.9-3.8Z" className="fill-accent-500" />
    </svg>
  );
}
