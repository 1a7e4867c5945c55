import { describe, expect, it } from "vitest";
import { frameLevel, waveformFromLevels, waveformFromSamples } from "./waveform";

describe("waveformFromSamples", () => {
  it("gives one 0..255 loudness value per slice, the loudest slice at 255", () => {
    // First half silent, second half a full-scale square wave.
    const samples = new Float32Array(1000).map((_, index) => (index < 500 ? 0 : index % 2 ? 1 : -1));
    const waveform = waveformFromSamples(samples, 10);
    expect(waveform).toEqual([0, 0, 0, 0, 0, 255, 255, 255, 255, 255]);
  });

  it("scales quieter slices proportionally to their RMS", () => {
    const samples = new Float32Array(400).map((_, index) => (index < 200 ? 0.25 : 0.5) * (index % 2 ? 1 : -1));
    expect(waveformFromSamples(samples, 2)).toEqual([128, 255]);
  });

  it("never gives more values than samples, and nothing for silence or no sound", () => {
    expect(waveformFromSamples(new Float32Array([0.5, -0.5, 0.1]), 80)).toHaveLength(3);
    expect(waveformFromSamples(new Float32Array(100), 4)).toEqual([0, 0, 0, 0]);
    expect(waveformFromSamples(new Float32Array(0))).toEqual([]);
  });
});

describe("waveformFromLevels", () => {
  it("averages live levels into the requested number of values", () => {
    expect(waveformFromLevels([0, 0.2, 0.4, 0.4, 0.8, 0.8], 3)).toEqual([32, 128, 255]);
    expect(waveformFromLevels([1, 2], 80)).toEqual([128, 255]);
    expect(waveformFromLevels([])).toEqual([]);
  });
});

describe("frameLevel", () => {
  it("is 0 for silence (128) and 1 for a full-scale square wave", () => {
    expect(frameLevel(new Uint8Array(64).fill(128))).toBe(0);
    expect(frameLevel(new Uint8Array(64).map((_, index) => (index % 2 ? 0 : 256 - 1e-9)))).toBeCloseTo(1, 1);
  });
});
