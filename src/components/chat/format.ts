// Dates and times as a messenger shows them, in the reader's locale.

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Whole calendar days from `date` to `now` (0 = today, 1 = yesterday). */
export function daysAgo(date: Date, now: Date = new Date()): number {
  return Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS);
}

/** "14:05" / "2:05 PM". */
export function formatClock(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: locale === "ru" ? "2-digit" : "numeric", minute: "2-digit" }).format(new Date(iso));
}

/** "12 нояб." this year, "12.11.2025" before it. */
export function formatShortDate(iso: string, locale: string, now: Date = new Date()): string {
  const date = new Date(iso);
  return date.getFullYear() === now.getFullYear()
    ? new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" }).format(date)
    : new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric" }).format(date);
}

/** The chat list's time: today "14:05", otherwise the date. */
export function formatListTime(iso: string, locale: string, now: Date = new Date()): string {
  return daysAgo(new Date(iso), now) === 0 ? formatClock(iso, locale) : formatShortDate(iso, locale, now);
}

/** A day separator's date: "12 ноября", or "12 ноября 2025" in another year. */
export function formatDay(iso: string, locale: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locale, sameYear ? { day: "numeric", month: "long" } : { day: "numeric", month: "long", year: "numeric" }).format(date);
}

/** The calendar day of a timestamp, for grouping messages by day. */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** "Анна, Борис и Карина" / "Anna, Boris, and Karina". */
export function formatList(items: string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

const BYTE_UNITS = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;

/** "340 KB" / "1,5 МБ": a file size in the reader's locale. */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: BYTE_UNITS[unit], unitDisplay: "short", maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value);
}
