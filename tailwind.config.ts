// Tailwind theme extensions, loaded from src/app/globals.css with `@config`.
import type { Config } from "tailwindcss";

export default {
  content: ["./src/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // The one accent colour (a messenger blue); everything else is the neutral palette. 500 and
        // darker carry white text and serve as text on light backgrounds: each keeps ≥ 4.5:1 (WCAG AA).
        accent: {
          50: "#eef6ff",
          100: "#d9ebfe",
          200: "#bcdcfd",
          300: "#8ec6fc",
          400: "#59a6f8",
          500: "#1f6fd4",
          600: "#1a5fb8",
          700: "#1a4f98",
          800: "#1b4c8f",
          900: "#1c4176",
          950: "#152a4a",
        },
      },
      fontFamily: {
        sans: ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Noto Sans", "Arial", "sans-serif"],
      },
    },
  },
} satisfies Config;
