import { avatarColour } from "~/components/avatar";

/** A sender's name takes the colour of their avatar (class names spelled out for Tailwind). */
const NAME_COLOURS: Record<string, string> = {
  "bg-rose-700": "text-rose-700 dark:text-rose-400",
  "bg-orange-700": "text-orange-700 dark:text-orange-400",
  "bg-amber-700": "text-amber-700 dark:text-amber-400",
  "bg-emerald-700": "text-emerald-700 dark:text-emerald-400",
  "bg-teal-700": "text-teal-700 dark:text-teal-400",
  "bg-sky-700": "text-sky-700 dark:text-sky-400",
  "bg-indigo-600": "text-indigo-700 dark:text-indigo-400",
  "bg-violet-600": "text-violet-700 dark:text-violet-400",
  "bg-pink-700": "text-pink-700 dark:text-pink-400",
};

/** The text colour of a sender's name in a group. */
export function senderColour(userId: string | null): string {
  return NAME_COLOURS[avatarColour(userId ?? "")] ?? "text-accent-600 dark:text-accent-400";
}
