/** What a finished recording left: the file and its length. */
export interface Recording {
  readonly tempFilePath: string;
  readonly durationMs: number;
  readonly fileSize: number;
}

/** The recorder as kf-chat uses it: start with a hard limit, stop, and one callback per outcome. */
export interface VoiceRecorder {
  start(maxDurationMs: number): void;
  stop(): void;
  onStop(cb: (recording: Recording) => void): void;
  onError(cb: (message: string) => void): void;
}

/**
 * The global recorder, set for what the speech service expects: mp3, 16 kHz, mono. Alipay reports
 * the duration in seconds on some clients and milliseconds on others; values under 100 are taken
 * as seconds.
 */
export function getRecorderManager(): VoiceRecorder {
  const rm = my.getRecorderManager();
  return {
    start: (maxDurationMs) => rm.start({ duration: Math.round(maxDurationMs / 1000), format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 }),
    stop: () => rm.stop(),
    onStop: (cb) =>
      rm.onStop((res) => cb({ tempFilePath: res.tempFilePath, durationMs: res.duration < 100 ? res.duration * 1000 : res.duration, fileSize: res.fileSize })),
    onError: (cb) => rm.onError((err) => cb(err.errorMessage)),
  };
}
