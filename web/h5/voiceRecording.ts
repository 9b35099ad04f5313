import { type ChatSession, mediaUpload, RECORDING_LIMIT_MS, recordingProblem, recordingClock, VoicePress } from '../../shared/client';
import { MAX_VOICE_BYTES } from '../../shared/schemas/limits';
import { $, el } from './dom';
import { sendForm } from './sendForm';

interface Live {
  recorder: MediaRecorder;
  chunks: Blob[];
  stream: MediaStream;
  limit: number;
  tick: number;
  audio?: AudioContext;
}

/**
 * Press and hold 按住 说话 (MediaRecorder): shared/client's VoicePress decides, this draws the
 * overlay (timer, input level, slide-up-to-cancel, the countdown to the 60 s limit) and sends.
 */
export function wireVoice(chat: ChatSession, say: (text: string) => void): void {
  const t = chat.texts;
  const voice = $<HTMLButtonElement>('voice');
  const overlay = $('overlay');
  const press = new VoicePress(() => performance.now());
  let live: Live | undefined;
  let pressed = false;
  let level = 0;

  const draw = () => {
    const o = press.overlay();
    overlay.classList.toggle('hidden', !o.recording);
    overlay.classList.toggle('cancel', o.cancel);
    voice.classList.toggle('recording', o.recording);
    voice.textContent = o.recording ? t.voiceRelease : t.voiceHold;
    if (!o.recording) return;
    const bar = el('div', 'level');
    const fill = el('i', '');
    fill.style.width = `${Math.round(level * 100)}%`;
    bar.append(fill);
    overlay.replaceChildren(el('div', 'clock', recordingClock(o.seconds)), bar, el('div', 'hint', o.cancel ? t.voiceCancel : t.voiceSlideHint));
    if (o.remaining !== undefined) overlay.append(el('div', 'left', t.voiceRemaining(o.remaining)));
  };

  const meter = (stream: MediaStream, r: Live) => {
    // The level bar: the microphone's loudness, so the user sees they are heard.
    try {
      const audio = new AudioContext();
      const analyser = audio.createAnalyser();
      audio.createMediaStreamSource(stream).connect(analyser);
      const data = new Uint8Array(analyser.fftSize);
      r.audio = audio;
      r.tick = window.setInterval(() => {
        analyser.getByteTimeDomainData(data);
        let peak = 0;
        for (const v of data) peak = Math.max(peak, Math.abs(v - 128) / 128);
        level = Math.min(1, peak * 1.5);
        draw();
      }, 200);
    } catch {
      r.tick = window.setInterval(draw, 500);
    }
  };

  const stop = (hitLimit: boolean) => {
    const r = live;
    const ended = press.release();
    if (!r || !ended) return draw();
    live = undefined;
    window.clearTimeout(r.limit);
    window.clearInterval(r.tick);
    void r.audio?.close();
    draw();
    r.recorder.addEventListener('stop', () => {
      r.stream.getTracks().forEach((tr) => tr.stop());
      if (ended.outcome === 'cancel') return;
      const problem = recordingProblem(ended.durationMs, t);
      if (problem) return say(problem);
      const blob = new Blob(r.chunks, { type: r.recorder.mimeType || 'audio/webm' });
      if (blob.size > MAX_VOICE_BYTES) return say(t.sendFailed);
      const label = t.voiceLabel(Math.max(1, Math.round(ended.durationMs / 1000)));
      void chat.sendMedia(mediaUpload('voice', label, sendForm(blob, 'voice.webm'), { durationMs: String(ended.durationMs) })).then((sent) => {
        if (sent && hitLimit) say(t.voiceTooLong(RECORDING_LIMIT_MS / 1000));
      });
    });
    r.recorder.stop();
  };

  voice.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    pressed = true;
    say('');
    const startY = e.clientY;
    navigator.mediaDevices.getUserMedia({ audio: true }).then(
      (stream) => {
        if (!pressed) {
          // Released before the microphone opened: as short as a recording gets.
          stream.getTracks().forEach((tr) => tr.stop());
          return say(t.voiceTooShort);
        }
        const recorder = new MediaRecorder(stream);
        const r: Live = { recorder, chunks: [], stream, tick: 0, limit: window.setTimeout(() => stop(true), RECORDING_LIMIT_MS) };
        recorder.addEventListener('dataavailable', (ev) => r.chunks.push(ev.data));
        recorder.start();
        live = r;
        level = 0;
        press.press(startY);
        meter(stream, r);
        draw();
      },
      () => say(t.voiceDenied),
    );
  });
  voice.addEventListener('pointermove', (e) => {
    if (press.move(e.clientY)) draw();
  });
  for (const type of ['pointerup', 'pointercancel'] as const) {
    voice.addEventListener(type, () => {
      pressed = false;
      stop(false);
    });
  }
}
