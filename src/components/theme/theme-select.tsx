"use client";
import { useTranslations } from "next-intl";
import { Select } from "~/components/ui/select";
import { THEMES, type ThemePreference } from "./theme";
import { useTheme } from "./use-theme";

const LABEL_KEYS = { system: "themeSystem", light: "themeLight", dark: "themeDark" } as const;

export function ThemeSelect({ id, label, testId = "theme-select", compact }: { id: string; label: string; testId?: string; compact?: boolean }) {
  const t = useTranslations("preferences");
  const [theme, setTheme] = useTheme();
  return (
    <Select
      id={id}
      label={label}
      compact={compact}
      data-testid={testId}
      value={theme}
      onChange={(event) => setTheme(event.target.value as ThemePreference)}
    >
      {THEMES.map((value) => (
        <option key={value} value={value}>
          {t(LABEL_KEYS[value])}
        </option>
      ))}
    </Select>
  );
}
