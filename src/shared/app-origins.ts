// The origins the app's pages may have: APP_URL's, and, when APP_URL names this machine by a
// loopback name, the same scheme and port under the other loopback names, so a person who opens
// http://127.0.0.1:3000 instead of http://localhost:3000 is not refused. No other site can be served
// from a loopback address of the user's own machine, so this opens nothing to other sites.
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** Every origin a page of the app at `appUrl` may send requests from. */
export function appOrigins(appUrl: string): string[] {
  const url = new URL(appUrl);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return [url.origin];
  return LOOPBACK_HOSTS.map((host) => new URL(`${url.protocol}//${host}${url.port ? `:${url.port}` : ""}`).origin);
}
