// Draws the app icons once (`npx tsx scripts/generate-icons.ts`); the PNGs are committed in
// public/icons/. "any" icons are the rounded logo on transparency; "maskable" ones fill the square
// and keep the mark inside the central 80 % safe zone, since launchers crop them to any shape.
import { mkdirSync } from "node:fs";
import sharp from "sharp";

const ACCENT = "#3390ec";
// The mark of src/components/logo.tsx (a speech bubble with a spark), in a 32×32 box.
const MARK = `<path d="M16 7.5c-5.25 0-9.5 3.6-9.5 8.04 0 2.33 1.17 4.43 3.04 5.9-.13 1.4-.7 2.72-1.62 3.8a.4.4 0 0 0 .38.66c2.02-.3 3.75-1.06 5-2.05.88.2 1.79.3 2.7.3 5.25 0 9.5-3.6 9.5-8.04S21.25 7.5 16 7.5Z" fill="#fff"/><path d="m17.1 10.6-3.4 5.3h2.6l-1.4 4.5 4.4-6h-2.7l1.9-3.8Z" fill="${ACCENT}"/>`;

/** The rounded tile with the mark at its natural size (the favicon's look). */
const ROUNDED = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${ACCENT}"/>${MARK}</svg>`;
/** Full-bleed square; the mark scaled by 0.8 around the centre, well inside the safe zone. */
const FULL_BLEED = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${ACCENT}"/><g transform="translate(16 16) scale(0.8) translate(-16 -16)">${MARK}</g></svg>`;

const OUTPUTS: { file: string; svg: string; size: number }[] = [
  { file: "icon-192.png", svg: ROUNDED, size: 192 },
  { file: "icon-512.png", svg: ROUNDED, size: 512 },
  { file: "maskable-192.png", svg: FULL_BLEED, size: 192 },
  { file: "maskable-512.png", svg: FULL_BLEED, size: 512 },
  // iOS rounds the corners itself and shows transparency as black: full bleed.
  { file: "apple-touch-icon.png", svg: FULL_BLEED, size: 180 },
];

mkdirSync("public/icons", { recursive: true });
for (const { file, svg, size } of OUTPUTS) {
  await sharp(Buffer.from(svg), { density: (72 * size) / 32 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(`public/icons/${file}`);
  console.log(`public/icons/${file} (${size}×${size})`);
}
