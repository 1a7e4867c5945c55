import { THEME_SCRIPT } from "./theme";

/** Inline <head> script that sets the `dark` class before paint; `nonce` lets it run under the CSP. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />;
}
