import { mediaUpload, RECORDING_LIMIT_MS, recordingProblem, recordingClock } from '../../../shared/client';
import { MAX_VOICE_BYTES } from '../../../shared/schemas/limits';
import { getRecorderManager } from '../../lib/jsapi/getRecorderManager';
import type { KfChatThis, Methods } from './kfChatThis';

type VoiceMethods = Pick<Methods, 'handleToggleMode' | 'handleVoiceStart' | 'handleVoiceMove' | 'handleVoiceEnd' | 'handleVoiceCancel' | 'drawRecording' | 'endRecordingView' | 'onRecorded' | 'onRecordFailed'>;

/**
 * Press and hold to talk: shared/client's VoicePress decides (slide up to cancel, the 60 s limit),
 * the platform's recorder records, and the overlay shows the clock, the hint and the countdown.
 */
export const voiceMethods: VoiceMethods & ThisType<KfChatThis> = {
  handleToggleMode() {
    this.setData({ inputMode: this.data.inputMode === 'text' ? 'voice' : 'text', panelOpen: false });
  },

  handleVoiceStart(e) {
    if (this.data.recording || !this.data.media) return;
    this.recorder ??= getRecorderManager();
    // The last recording has not reported its end yet: this press starts nothing (and leaves that
    // recording's cancel as it was).
    const onLevel = (level: number) => {
      if (this.data.recording) this.setData({ recordLevel: Math.round(level * 100) });
    };
    if (!this.recorder.start(RECORDING_LIMIT_MS, { onStop: (r) => void this.onRecorded(r), onError: (f) => this.onRecordFailed(f), onLevel })) return;
    this.press.press(e.touches[0]?.clientY ?? 0);
    this.discardRecording = false;
    this.setData({ recording: true, recordCancel: false, recordLevel: 0, notice: '' });
    this.drawRecording();
    this.recordTicker = setInterval(() => this.drawRecording(), 500);
  },

  handleVoiceMove(e) {
    if (!this.data.recording) return;
    if (this.press.move(e.touches[0]?.clientY ?? 0)) this.drawRecording();
  },

  handleVoiceEnd() {
    if (!this.data.recording) return;
    this.discardRecording = this.press.release()?.outcome === 'cancel';
    this.endRecordingView();
    this.recorder?.stop();
  },

  handleVoiceCancel() {
    if (!this.data.recording) return;
    this.press.abort();
    this.discardRecording = true;
    this.endRecordingView();
    this.recorder?.stop();
  },

  drawRecording() {
    const o = this.press.overlay();
    this.setData({ recordCancel: o.cancel, recordClock: recordingClock(o.seconds), recordRemaining: o.remaining !== undefined ? this.texts.voiceRemaining(o.remaining) : '' });
  },

  endRecordingView() {
    clearInterval(this.recordTicker);
    this.recordTicker = undefined;
    this.setData({ recording: false, recordCancel: false, recordRemaining: '' });
  },

  /** The recorder finished: on release, or by itself at the 60 s limit while still pressed. */
  async onRecorded(recording) {
    const t = this.texts;
    if (this.discardRecording) return;
    const hitLimit = this.data.recording;
    if (hitLimit) {
      this.press.release();
      this.endRecordingView();
    }
    const problem = recordingProblem(recording.durationMs, t) ?? (recording.fileSize > MAX_VOICE_BYTES ? t.sendFailed : undefined);
    if (problem) {
      this.setNotice(problem);
      return;
    }
    const label = t.voiceLabel(Math.max(1, Math.round(recording.durationMs / 1000)));
    const sent = await this.session?.sendMedia(mediaUpload('voice', label, this.sendFile('voice', recording.tempFilePath), { durationMs: String(Math.round(recording.durationMs)) }));
    if (sent && hitLimit) this.setNotice(t.voiceTooLong(RECORDING_LIMIT_MS / 1000));
  },

  onRecordFailed(failure) {
    const t = this.texts;
    this.press.abort();
    this.endRecordingView();
    if (this.discardRecording) return;
    this.setNotice({ denied: t.voiceDenied, tooShort: t.voiceTooShort, interrupted: t.voiceInterrupted, busy: t.voiceFailed, failed: t.voiceFailed }[failure]);
  },
};
