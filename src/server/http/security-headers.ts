// The per-request security headers of pages (set in src/proxy.ts): a Content-Security-Policy with
// a fresh script nonce, and HSTS when the app is served over https. The headers that never change
// (nosniff, Referrer-Policy, X-Frame-Options, …) are in next.config.mjs and reach every response.

/** A fresh, unguessable nonce (128 bits, base64) for one response's scripts. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The origins a browser may connect to for the realtime sidecar(s): each URL of
 * REALTIME_PUBLIC_URL (one URL, a comma-separated list, or an already-parsed list) with both its
 * http(s) form (Socket.IO's polling) and its ws(s) form (the WebSocket).
 */
export function realtimeConnectSources(urls: string | readonly string[]): string[] {
  const list = typeof urls === "string" ? urls.split(",") : urls;
  const sources = new Set<string>();
  for (const raw of list) {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      continue;
    }
    const secure = url.protocol === "https:" || url.protocol === "wss:";
    if (!["http:", "https:", "ws:", "wss:"].includes(url.protocol)) continue;
    sources.add(`${secure ? "https" : "http"}://${url.host}`);
    sources.add(`${secure ? "wss" : "ws"}://${url.host}`);
  }
  return [...sources];
}

export interface CspOptions {
  nonce: string;
  /** REALTIME_PUBLIC_URL as configured. */
  realtimeUrls: string | readonly string[];
  /** `next dev`: React needs eval for its debugging stacks there (never in production). */
  dev: boolean;
  /** APP_URL is https: ask the browser to upgrade any stray http sub-request. */
  https: boolean;
  /** The file store's origins when browsers upload to and load files from it directly (s3 driver). */
  storageOrigins?: readonly string[];
}

export function contentSecurityPolicy({ nonce, realtimeUrls, dev, https, storageOrigins = [] }: CspOptions): string {
  const storage = storageOrigins.map((origin) => ` ${origin}`).join("");
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next loads from its nonce'd bootstrap run; 'self' is ignored then
    // by CSP3 browsers and kept for older ones.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React style={…} attributes are inline styles; CSS cannot run script.
    "style-src 'self' 'unsafe-inline'",
    // Avatars are any https URL the user chose.
    `img-src 'self' data: blob: https:${storage}`,
    // Voice messages: recorded (blob:) and played from the app or the file store.
    `media-src 'self' blob:${storage}`,
    "font-src 'self' data:",
    `connect-src 'self' ${realtimeConnectSources(realtimeUrls).join(" ")}${storage}`.trim(),
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** HSTS for an https APP_URL (one year; subdomains are left to their own owners), else null. */
export function strictTransportSecurity(appUrl: string): string | null {
  return appUrl.startsWith("https://") ? "max-age=31536000" : null;
}
