// Where to send someone after signing in: only a path on this site ("/profile"), never "//evil.com".
// Normalise first, then check the result: "/.//evil.com", "/a/..//evil.com" and "/%2e//evil.com"
// all normalise to "//evil.com", which a browser reads as another host.

const BASE = "http://same-origin.invalid";
const MAX_LENGTH = 2048;

/** A path a browser resolves on this origin: one leading "/", no "//" or "/\" host prefix. */
function isLocalPath(path: string): boolean {
  return path.startsWith("/") && !/^\/[/\\]/.test(path);
}

/** The pathname with %-escapes undone (for the check only); null when malformed. */
function decoded(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** A backslash or a control character (C0, DEL, C1): browsers rewrite or drop these inside URLs. */
function hasUnsafeUrlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c || code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** `value` normalised, if it is a same-origin relative path, else `fallback`. */
export function safeNextPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH || !isLocalPath(value)) return fallback;
  // Browsers read "\" as "/" ("/\evil.com" is "//evil.com") and drop tabs/newlines from URLs.
  if (hasUnsafeUrlChar(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The normalised path must itself be local, also once a later hop decodes %2f / %5c in it.
  const plain = decoded(url.pathname);
  if (!isLocalPath(path) || plain === null || !isLocalPath(plain) || hasUnsafeUrlChar(plain)) return fallback;
  // And stable: reading it again gives the same path (no second round of dot-segment removal).
  const again = new URL(path, BASE);
  return again.origin === BASE && `${again.pathname}${again.search}${again.hash}` === path ? path : fallback;
}

/** `path` as a URL on `origin` if it stays there, else `origin` + "/" (the last check before navigating). */
export function inAppUrl(path: string, origin: string): string {
  const safe = safeNextPath(path);
  const url = new URL(safe, origin);
  return url.origin === origin ? url.href : new URL("/", origin).href;
}

/** The sign-in page that returns to `path` afterwards. */
export function signInPath(path: string): string {
  return `/sign-in?next=${encodeURIComponent(safeNextPath(path))}`;
}
