"use client";
import { useSyncExternalStore } from "react";
import { readThemePreference, subscribeTheme, writeThemePreference, type ThemePreference } from "./theme";

const serverSnapshot = (): ThemePreference => "system";

/** The stored theme preference and a setter; keeps <html> in sync with system changes while mounted. */
export function useTheme(): [ThemePreference, (preference: ThemePreference) => void] {
  const preference = useSyncExternalStore(subscribeTheme, readThemePreference, serverSnapshot);
  return [preference, writeThemePreference];
}
