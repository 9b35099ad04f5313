import { asTyped, type DocumentedParams } from './DocumentedParams';

/** What a finished recording left: the file and its length. */
export interface Recording {
  readonly tempFilePath: string;
  readonly durationMs: number;
  readonly fileSize: number;
}

/** Why a recording ended without a file the chat can send (RecorderManager.onError.md's codes). */
export type RecorderFailure = 'denied' | 'tooShort' | 'interrupted' | 'busy' | 'failed';

export interface RecordingHandlers {
  onStop(recording: Recording): void;
  onError(failure: RecorderFailure): void;
  /** The microphone's loudness, 0 to 1, as the platform reports it while recording (the overlay's level). */
  onLevel?(level: number): void;
}

/**
 * RecorderManager.onDecibelChange.md reports `decibel` (分贝数值): quiet speech is around 40, loud
 * around 90; the level maps that span onto 0..1.
 */
export const levelOfDecibel = (decibel: number): number => (Number.isFinite(decibel) ? Math.min(1, Math.max(0, (decibel - 35) / 55)) : 0);

/**
 * The recorder as kf-chat uses it. The platform's recorder is one per app and outlives the chat,
 * so each recording brings its own handlers (those of the previous one are removed first) and
 * `dispose` removes them when the chat unmounts: a reopened chat never fires an old chat's.
 */
export interface VoiceRecorder {
  /**
   * Starts a recording; false (and nothing started) while the previous one has not reported its
   * end yet, so a late onStop can never be taken for the new recording's.
   */
  start(maxDurationMs: number, handlers: RecordingHandlers): boolean;
  stop(): void;
  dispose(): void;
}

/** RecorderManager.start.md: "duration ... 单位毫秒(ms),最大值 180000". */
export const RECORDER_MAX_DURATION_MS = 180_000;

/** After stop(), how long to wait for onStop before taking the platform to have lost it. */
const STOP_GRACE_MS = 3000;

/** RecorderManager.onError.md: error code -> what the user is told. */
function failureOf(code: number | undefined): RecorderFailure {
  if (code === 10) return 'denied';
  if (code === 7) return 'tooShort';
  if (code === 1001) return 'interrupted';
  if (code === 4) return 'busy';
  return 'failed';
}

type StopResult = { tempFilePath: string; duration?: number; fileSize?: number };
type ErrorResult = { error?: number; errMsg?: string; errorMessage?: string };

/**
 * `my.getRecorderManager` (mini/api/基础API/多媒体/录音/my.getRecorderManager.md) set for what the
 * speech service expects: mp3, 16 kHz mono at 48 kbit/s (a legal pair in RecorderManager.start.md's
 * table), `duration` in milliseconds, and the platform's own recording icon hidden (`hideTips`)
 * because kf-chat draws its own. RecorderManager.onStop.md gives `duration` in seconds and only from
 * client 10.2.90; without it the length comes from our own clock between start and stop. A value
 * above the 180 s maximum can only be milliseconds, and is taken as such. The length is capped at
 * the limit the recording was started with: our clock also counts the platform's start and stop
 * latency, and a recording the platform ended at the limit is at the limit.
 */
export function getRecorderManager(now: () => number = Date.now): VoiceRecorder {
  const rm = my.getRecorderManager();
  let startedAt = 0;
  let limitMs = 0;
  /** When stop() was asked for while a recording's end is still to come. */
  let stopAskedAt: number | undefined;
  let listeners: { stop: (res: StopResult) => void; error: (err: ErrorResult) => void; decibel: (res: { decibel: number }) => void } | undefined;
  const remove = () => {
    if (!listeners) return;
    rm.offStop(listeners.stop);
    rm.offError(listeners.error);
    rm.offDecibelChange(listeners.decibel);
    listeners = undefined;
    stopAskedAt = undefined;
  };
  return {
    start(maxDurationMs, handlers) {
      if (listeners && (stopAskedAt === undefined || now() - stopAskedAt < STOP_GRACE_MS)) return false;
      remove();
      const mine = {
        stop: (res: StopResult) => {
          if (listeners !== mine) return;
          remove();
          const reported = typeof res.duration === 'number' && Number.isFinite(res.duration) && res.duration > 0 ? res.duration : undefined;
          const measured = reported === undefined ? now() - startedAt : reported > RECORDER_MAX_DURATION_MS / 1000 ? reported : reported * 1000;
          handlers.onStop({ tempFilePath: res.tempFilePath, durationMs: Math.min(Math.round(measured), limitMs), fileSize: res.fileSize ?? 0 });
        },
        error: (err: ErrorResult) => {
          if (listeners !== mine) return;
          remove();
          handlers.onError(failureOf(err.error));
        },
        decibel: (res: { decibel: number }) => {
          if (listeners === mine) handlers.onLevel?.(levelOfDecibel(res.decibel));
        },
      };
      listeners = mine;
      rm.onStop(mine.stop);
      rm.onError(mine.error);
      // The level (RecorderManager.onDecibelChange.md): the same enterprise mini-programs as the
      // recorder itself (RecorderManager概览.md), so wherever kf-chat can record it can show it.
      rm.onDecibelChange(mine.decibel);
      startedAt = now();
      limitMs = Math.min(Math.max(Math.round(maxDurationMs), 1000), RECORDER_MAX_DURATION_MS);
      const params: DocumentedParams<typeof rm.start, 'maxRecordTime' | 'minRecordTime'> = {
        duration: limitMs,
        format: 'mp3',
        sampleRate: 16000,
        numberOfChannels: 1,
        encodeBitRate: 48000,
        hideTips: true,
      };
      rm.start(asTyped<typeof rm.start>(params));
      return true;
    },
    stop: () => {
      if (listeners) stopAskedAt ??= now();
      rm.stop();
    },
    dispose() {
      const active = listeners !== undefined;
      remove();
      if (active) rm.stop();
    },
  };
}
