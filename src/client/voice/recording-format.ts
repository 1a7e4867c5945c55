// Which container MediaRecorder records voice into, and the file name it is uploaded under.

/** Opus in WebM (Chromium, Firefox), else Ogg, else MP4/AAC (Safari); "" lets the browser choose. */
const PREFERRED_TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/ogg", "audio/mp4"];

export function pickRecordingType(isTypeSupported: (type: string) => boolean): string {
  return PREFERRED_TYPES.find((type) => isTypeSupported(type)) ?? "";
}

const EXTENSIONS: Record<string, string> = { "audio/webm": "webm", "audio/ogg": "ogg", "audio/mp4": "m4a", "audio/mpeg": "mp3", "audio/aac": "aac" };

/** "voice-2026-12-02-13-45-07.webm" from the recorder's type (parameters like codecs ignored). */
export function voiceFileName(mimeType: string, at: Date): string {
  const base = mimeType.split(";")[0]!.trim().toLowerCase();
  const stamp = at.toISOString().slice(0, 19).replace(/[T:]/g, "-");
  return `voice-${stamp}.${EXTENSIONS[base] ?? "webm"}`;
}

export type MicrophoneProblem = "denied" | "absent" | "unsupported" | "busy";

/** What getUserMedia's (or MediaRecorder's) failure means for the person. */
export function microphoneProblem(error: unknown): MicrophoneProblem {
  const name = (error as { name?: string } | null)?.name;
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "absent";
  if (name === "NotReadableError" || name === "AbortError") return "busy";
  return "unsupported";
}
