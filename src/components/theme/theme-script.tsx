import { THEME_SCRIPT } from "./theme";

/** Inline <head> script that sets the `dark` class before paint. */
export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />;
}
