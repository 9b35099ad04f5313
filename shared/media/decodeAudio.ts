import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readWav } from './readWav';

/** A recording decoded for speech recognition: 16 kHz mono 16-bit WAV, and its length. */
export interface DecodedAudio {
  readonly wav: Uint8Array;
  readonly durationMs: number;
}

export class AudioDecodeError extends Error {
  constructor(
    message: string,
    /** ffmpeg is not installed: the recording is kept, but cannot be measured or transcribed. */
    readonly unavailable = false,
  ) {
    super(message);
    this.name = 'AudioDecodeError';
  }
}

const SAMPLE_RATE = 16000;

/**
 * Decodes any recording a client sends (mp3, aac, m4a, wav, webm, ogg) with Debian's ffmpeg into
 * what the recogniser takes. At most `maxMs + 1 s` is decoded, so an hour-long file (or a tiny
 * file that expands to hours) costs no more than a long message; the caller compares `durationMs`
 * with its limit. The input goes through a temporary file because m4a needs a seekable input.
 */
export async function decodeAudio(bytes: Uint8Array, o: { maxMs: number; ffmpeg?: string; timeoutMs?: number }): Promise<DecodedAudio> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kefu-audio-'));
  try {
    const input = path.join(dir, 'in');
    await writeFile(input, bytes);
    const capSeconds = Math.ceil(o.maxMs / 1000) + 1;
    const wav = await run(o.ffmpeg ?? 'ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', input, '-t', String(capSeconds), '-vn', '-ac', '1', '-ar', String(SAMPLE_RATE), '-acodec', 'pcm_s16le', '-f', 'wav', 'pipe:1'], o.timeoutMs ?? 20_000, capSeconds * SAMPLE_RATE * 2 + 4096);
    const samples = readWav(wav)?.pcm.length ?? 0;
    if (!samples) throw new AudioDecodeError('no audio in the file');
    return { wav, durationMs: Math.round((samples / SAMPLE_RATE) * 1000) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], timeoutMs: number, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) child.kill('SIGKILL');
      else chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-2000)));
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new AudioDecodeError(err.code === 'ENOENT' ? `${cmd} is not installed` : err.message, err.code === 'ENOENT'));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(new Uint8Array(Buffer.concat(chunks)));
      else reject(new AudioDecodeError(stderr.trim() || `ffmpeg exited with ${code}`));
    });
  });
}
