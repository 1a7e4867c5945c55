// Where to send someone after signing in: only a path on this site ("/profile"), never "//evil.com".

/** `value` if it is a same-origin relative path, else `fallback`. */
export function safeNextPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) return fallback;
  // Browsers read "\" as "/" ("/\evil.com" is "//evil.com") and drop tabs/newlines from URLs.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  const base = "http://same-origin.invalid";
  try {
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}

/** The sign-in page that returns to `path` afterwards. */
export function signInPath(path: string): string {
  return `/sign-in?next=${encodeURIComponent(safeNextPath(path))}`;
}
