"use client";
import { useTheme } from "./use-theme";

/** Mounted once in the root layout: follows system theme changes and other tabs' choices. */
export function ThemeSync() {
  useTheme();
  return null;
}
