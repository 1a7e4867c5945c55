// Recording a voice message in the browser: the microphone through MediaRecorder (Opus in WebM
// where supported), its loudness read by an AnalyserNode while recording (for the waveform), and
// the duration measured from the recorder's start to its stop.
import { microphoneProblem, pickRecordingType, type MicrophoneProblem } from "./recording-format";
import { frameLevel, waveformFromLevels } from "./waveform";

interface VoiceRecording {
  blob: Blob;
  mimeType: string;
  durationMs: number;
  waveform: number[];
}

export class MicrophoneError extends Error {
  constructor(readonly problem: MicrophoneProblem) {
    super(`Microphone unavailable: ${problem}`);
  }
}

const LEVEL_EVERY_MS = 50;

export class VoiceRecorder {
  private chunks: Blob[] = [];
  private levels: number[] = [];
  private startedAt = performance.now();
  private timer: ReturnType<typeof setInterval> | null = null;
  private audio: AudioContext | null = null;

  private constructor(
    private readonly stream: MediaStream,
    private readonly recorder: MediaRecorder,
  ) {
    recorder.addEventListener("dataavailable", (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    });
    this.listen();
  }

  /** Asks for the microphone and starts recording; throws a MicrophoneError saying what is wrong. */
  static async start(): Promise<VoiceRecorder> {
    if (typeof MediaRecorder === "undefined" || !navigator.mediaDevices?.getUserMedia) throw new MicrophoneError("unsupported");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      throw new MicrophoneError(microphoneProblem(error));
    }
    try {
      const mimeType = pickRecordingType((type) => MediaRecorder.isTypeSupported(type));
      const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
      const voice = new VoiceRecorder(stream, recorder);
      recorder.start(250);
      voice.startedAt = performance.now();
      return voice;
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      throw new MicrophoneError(microphoneProblem(error));
    }
  }

  /** Milliseconds recorded so far. */
  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** The latest loudness levels (0..1), newest last, for a live meter. */
  recentLevels(count: number): number[] {
    return this.levels.slice(-count);
  }

  /** Stops and returns the recording. */
  stop(): Promise<VoiceRecording> {
    const durationMs = Math.round(this.elapsedMs());
    return new Promise((resolve, reject) => {
      this.recorder.addEventListener("stop", () => {
        const mimeType = this.recorder.mimeType || this.chunks[0]?.type || "audio/webm";
        const blob = new Blob(this.chunks, { type: mimeType });
        resolve({ blob, mimeType, durationMs, waveform: waveformFromLevels(this.levels) });
      }, { once: true });
      this.recorder.addEventListener("error", () => reject(new MicrophoneError("busy")), { once: true });
      if (this.recorder.state === "inactive") reject(new MicrophoneError("busy"));
      else this.recorder.stop();
      this.release();
    });
  }

  /** Stops and throws the recording away. */
  cancel(): void {
    if (this.recorder.state !== "inactive") this.recorder.stop();
    this.chunks = [];
    this.release();
  }

  private listen() {
    try {
      this.audio = new AudioContext();
      const analyser = this.audio.createAnalyser();
      analyser.fftSize = 1024;
      this.audio.createMediaStreamSource(this.stream).connect(analyser);
      const frame = new Uint8Array(analyser.fftSize);
      this.timer = setInterval(() => {
        analyser.getByteTimeDomainData(frame);
        this.levels.push(frameLevel(frame));
      }, LEVEL_EVERY_MS);
    } catch {
      // No Web Audio: the message is sent without a waveform (the player shows a bar).
    }
  }

  private release() {
    if (this.timer) clearInterval(this.timer);
    void this.audio?.close().catch(() => undefined);
    for (const track of this.stream.getTracks()) track.stop();
  }
}
