"use client";
// The composer's voice recording: hold the mic to record and release to send, or tap it for a
// locked recording with cancel and send; sliding the pointer away or Escape discards. The recording
// goes through the upload engine (purpose VOICE, with its duration and waveform), then is sent as a
// message with no text.
import { useCallback, useEffect, useRef, useState } from "react";
import { useMessenger } from "~/client/react";
import { trpcUploadApi } from "~/client/uploads/trpc-upload-api";
import { UploadJob } from "~/client/uploads/upload-job";
import { xhrPut } from "~/client/uploads/xhr-put";
import { MicrophoneError, VoiceRecorder } from "~/client/voice/voice-recorder";
import type { MicrophoneProblem } from "~/client/voice/recording-format";
import { voiceFileName } from "~/client/voice/recording-format";
import { useTRPCClient } from "~/trpc/react";

/** A press shorter than this is a tap: the recording locks instead of sending on release. */
const TAP_MS = 350;
/** Pointer travel (px) that cancels a held recording. */
const SLIDE_CANCEL_PX = 90;
/** Shorter recordings are dropped as accidental. */
const MIN_MS = 500;

type Mode = "hold" | "locked";

type VoiceState =
  | { phase: "idle" }
  | { phase: "recording"; mode: Mode; elapsedMs: number; levels: number[]; slide: number }
  | { phase: "sending" };

export type VoiceError = MicrophoneProblem | "tooShort" | { upload: { code: string; message: string } };

export function useVoiceRecording(chatId: string) {
  const client = useTRPCClient();
  const messenger = useMessenger();
  const [state, setState] = useState<VoiceState>({ phase: "idle" });
  const [error, setError] = useState<VoiceError | null>(null);
  const recorder = useRef<VoiceRecorder | null>(null);
  const starting = useRef<Promise<VoiceRecorder | null> | null>(null);
  const mode = useRef<Mode>("hold");
  const press = useRef<{ at: number; x: number } | null>(null);

  const reset = useCallback(() => {
    recorder.current = null;
    starting.current = null;
    press.current = null;
    setState({ phase: "idle" });
  }, []);

  const cancel = useCallback(() => {
    const pending = starting.current;
    recorder.current?.cancel();
    // Released while the microphone was still being opened: drop it once it opens.
    if (!recorder.current && pending) void pending.then((opened) => opened?.cancel());
    reset();
  }, [reset]);

  const begin = useCallback(
    (as: Mode) => {
      if (starting.current || recorder.current) return;
      setError(null);
      mode.current = as;
      setState({ phase: "recording", mode: as, elapsedMs: 0, levels: [], slide: 0 });
      const opening = VoiceRecorder.start().then(
        (opened) => {
          if (starting.current !== opening) {
            opened.cancel();
            return null;
          }
          recorder.current = opened;
          return opened;
        },
        (failure: unknown) => {
          setError(failure instanceof MicrophoneError ? failure.problem : "unsupported");
          reset();
          return null;
        },
      );
      starting.current = opening;
    },
    [reset],
  );

  const upload = useCallback(
    async (recorded: VoiceRecorder) => {
      setState({ phase: "sending" });
      const recording = await recorded.stop();
      reset();
      if (recording.durationMs < MIN_MS || recording.blob.size === 0) {
        setError("tooShort");
        return;
      }
      setState({ phase: "sending" });
      const { blob, mimeType, durationMs, waveform } = recording;
      const input = { chatId, clientId: crypto.randomUUID(), fileName: voiceFileName(mimeType, new Date()), size: blob.size, contentType: mimeType, purpose: "VOICE" as const };
      const job = new UploadJob(blob, { ...input, voice: { durationMs, waveform } }, { api: trpcUploadApi(client), put: xhrPut });
      // Queued at once, the recording kept in IndexedDB: the outbox uploads it and sends the message
      // (offline, or after a reload, too); a refused file shows on the message with retry/discard.
      await messenger?.send(chatId, "", [], [job]);
      setState({ phase: "idle" });
    },
    [chatId, client, messenger, reset],
  );

  const finish = useCallback(() => {
    const recorded = recorder.current;
    if (!recorded) return cancel();
    void upload(recorded).catch(() => {
      setState({ phase: "idle" });
      setError("busy");
    });
  }, [cancel, upload]);

  // The elapsed time and the live level meter.
  const recording = state.phase === "recording";
  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => {
      const current = recorder.current;
      if (!current) return;
      setState((previous) => (previous.phase === "recording" ? { ...previous, elapsedMs: current.elapsedMs(), levels: current.recentLevels(24) } : previous));
    }, 200);
    return () => clearInterval(timer);
  }, [recording]);

  // Escape discards a recording wherever the focus is.
  useEffect(() => {
    if (!recording) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        cancel();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [recording, cancel]);

  // Leaving the chat drops an unfinished recording (and frees the microphone).
  useEffect(() => () => recorder.current?.cancel(), []);

  const micHandlers = {
    onPointerDown: (event: React.PointerEvent<HTMLButtonElement>) => {
      if (event.button !== 0) return;
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId);
      press.current = { at: performance.now(), x: event.clientX };
      begin("hold");
    },
    onPointerMove: (event: React.PointerEvent<HTMLButtonElement>) => {
      if (!press.current || mode.current !== "hold") return;
      const slide = Math.max(0, press.current.x - event.clientX);
      if (slide > SLIDE_CANCEL_PX) return cancel();
      setState((previous) => (previous.phase === "recording" ? { ...previous, slide } : previous));
    },
    onPointerUp: () => {
      const pressed = press.current;
      press.current = null;
      if (!pressed || mode.current !== "hold") return;
      // A tap (or a release before the microphone opened) locks the recording; a hold sends it.
      if (performance.now() - pressed.at < TAP_MS || !recorder.current) {
        mode.current = "locked";
        setState((previous) => (previous.phase === "recording" ? { ...previous, mode: "locked", slide: 0 } : previous));
      } else finish();
    },
    onPointerCancel: () => {
      if (press.current && mode.current === "hold") cancel();
    },
    // Keyboard (Enter/Space): a locked recording.
    onClick: (event: React.MouseEvent<HTMLButtonElement>) => {
      if (event.detail === 0) begin("locked");
    },
  };

  return { state, error, clearError: () => setError(null), micHandlers, cancel, finish };
}
