import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Mandarin speech made at test time with Debian's espeak-ng, optionally re-encoded with ffmpeg into
 * what a client would send (`webm` from a browser's MediaRecorder, `mp3` from the mini-program).
 */
export function speak(text: string, as: 'wav' | 'webm' | 'mp3' = 'wav'): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-speech-'));
  try {
    const wav = path.join(dir, 'speech.wav');
    execFileSync('espeak-ng', ['-v', 'cmn', '-s', '150', '-w', wav, text]);
    if (as === 'wav') return readFileSync(wav);
    const out = path.join(dir, `speech.${as}`);
    const codec = as === 'webm' ? ['-c:a', 'libopus', '-b:a', '32k'] : ['-c:a', 'libmp3lame', '-b:a', '48k', '-ar', '16000', '-ac', '1'];
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', wav, ...codec, out]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
