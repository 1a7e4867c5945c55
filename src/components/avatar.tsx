"use client";
import { useState } from "react";
import { cn } from "./ui/cn";

const COLOURS = [
  "bg-rose-700",
  "bg-orange-700",
  "bg-amber-700",
  "bg-emerald-700",
  "bg-teal-700",
  "bg-sky-700",
  "bg-indigo-600",
  "bg-violet-600",
  "bg-pink-700",
] as const;

const SIZES = {
  sm: "size-8 text-xs",
  md: "size-10 text-sm",
  lg: "size-16 text-xl",
  xl: "size-24 text-3xl",
} as const;

/** Up to two initials ("Анна Каренина" → "АК"), emoji- and surrogate-safe. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? "");
  return letters.join("").toLocaleUpperCase() || "?";
}

/** A stable colour for a person (from their id or username). */
export function avatarColour(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}

export function Avatar({
  name,
  seed,
  url,
  size = "md",
  className,
}: {
  name: string;
  seed: string;
  url?: string | null;
  size?: keyof typeof SIZES;
  className?: string;
}) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const showImage = !!url && failedUrl !== url;
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full font-semibold text-white select-none",
        SIZES[size],
        !showImage && avatarColour(seed),
        className,
      )}
    >
      {showImage ? (
        // A plain <img>: avatars come from any https host, which next/image would need listed one by one.
        <img src={url} alt="" className="size-full object-cover" referrerPolicy="no-referrer" onError={() => setFailedUrl(url)} />
      ) : (
        initials(name)
      )}
    </span>
  );
}
