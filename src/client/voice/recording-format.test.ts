import { describe, expect, it } from "vitest";
import { microphoneProblem, pickRecordingType, voiceFileName } from "./recording-format";

describe("pickRecordingType", () => {
  it("prefers Opus in WebM, then Ogg, then MP4, else lets the browser choose", () => {
    expect(pickRecordingType(() => true)).toBe("audio/webm;codecs=opus");
    expect(pickRecordingType((type) => type.startsWith("audio/ogg"))).toBe("audio/ogg;codecs=opus");
    expect(pickRecordingType((type) => type === "audio/mp4")).toBe("audio/mp4");
    expect(pickRecordingType(() => false)).toBe("");
  });
});

describe("voiceFileName", () => {
  it("names the file by the time and the container, ignoring codec parameters", () => {
    const at = new Date("2026-12-02T13:45:07.123Z");
    expect(voiceFileName("audio/webm;codecs=opus", at)).toBe("voice-2026-12-02-13-45-07.webm");
    expect(voiceFileName("audio/mp4", at)).toBe("voice-2026-12-02-13-45-07.m4a");
    expect(voiceFileName("", at)).toBe("voice-2026-12-02-13-45-07.webm");
  });
});

describe("microphoneProblem", () => {
  it("tells a refused permission from a missing or busy microphone", () => {
    expect(microphoneProblem(new DOMException("no", "NotAllowedError"))).toBe("denied");
    expect(microphoneProblem(new DOMException("none", "NotFoundError"))).toBe("absent");
    expect(microphoneProblem(new DOMException("in use", "NotReadableError"))).toBe("busy");
    expect(microphoneProblem(new TypeError("getUserMedia is not a function"))).toBe("unsupported");
  });
});
