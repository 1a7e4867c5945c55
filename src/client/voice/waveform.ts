// A voice message's waveform: loudness samples 0..255 (what attachment.complete stores and the
// player draws), computed from the decoded recording or from levels read while recording.

/** Samples a waveform carries (the schema allows up to WAVEFORM_MAX_SAMPLES). */
const WAVEFORM_SAMPLES = 80;

/** RMS loudness of `count` equal slices of the signal, scaled so the loudest slice is 255. */
export function waveformFromSamples(samples: Float32Array, count = WAVEFORM_SAMPLES): number[] {
  if (samples.length === 0) return [];
  const slices = Math.min(count, samples.length);
  const rms = Array.from({ length: slices }, (_, index) => {
    const start = Math.floor((index * samples.length) / slices);
    const end = Math.floor(((index + 1) * samples.length) / slices);
    let sum = 0;
    for (let i = start; i < end; i++) sum += samples[i]! * samples[i]!;
    return Math.sqrt(sum / Math.max(1, end - start));
  });
  return normalise(rms);
}

/** Levels (any non-negative scale) resampled to `count` values by averaging, scaled to 0..255. */
export function waveformFromLevels(levels: number[], count = WAVEFORM_SAMPLES): number[] {
  if (levels.length === 0) return [];
  const slices = Math.min(count, levels.length);
  const averaged = Array.from({ length: slices }, (_, index) => {
    const start = Math.floor((index * levels.length) / slices);
    const end = Math.max(start + 1, Math.floor(((index + 1) * levels.length) / slices));
    return levels.slice(start, end).reduce((sum, level) => sum + level, 0) / (end - start);
  });
  return normalise(averaged);
}

function normalise(values: number[]): number[] {
  const peak = Math.max(...values);
  if (!(peak > 0)) return values.map(() => 0);
  return values.map((value) => Math.min(255, Math.max(0, Math.round((value / peak) * 255))));
}

/** The RMS level (0..1) of one analyser frame of time-domain bytes (128 = silence). */
export function frameLevel(frame: Uint8Array): number {
  if (frame.length === 0) return 0;
  let sum = 0;
  for (const byte of frame) sum += ((byte - 128) / 128) ** 2;
  return Math.sqrt(sum / frame.length);
}
