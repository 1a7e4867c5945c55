// Tailwind theme extensions, loaded from src/app/globals.css with `@config`.
import type { Config } from "tailwindcss";

export default {
  content: ["./src/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // The one accent colour (a messenger blue); everything else is the neutral palette.
        accent: {
          50: "#eef6ff",
          100: "#d9ebfe",
          200: "#bcdcfd",
          300: "#8ec6fc",
          400: "#59a6f8",
          500: "#3390ec",
          600: "#1f70d6",
          700: "#1a5ab0",
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
