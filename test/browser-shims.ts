// The few browser globals src/client/connection.ts touches, so the real client code runs in node.
export function installBrowserShims(): void {
  const scope = globalThis as unknown as { window?: EventTarget; navigator?: { onLine: boolean } };
  scope.window ??= new EventTarget();
  if (typeof scope.navigator === "undefined") Object.defineProperty(globalThis, "navigator", { value: { onLine: true }, configurable: true });
}
