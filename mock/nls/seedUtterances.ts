import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeAudio } from '../../shared/media';
import type { NlsEmulator } from './NlsEmulator';

const run = promisify(execFile);

/**
 * Teaches the local NLS stand-in a set of phrases by synthesising each with espeak-ng (Mandarin
 * voice), so that speaking them into the chat (or replaying the same synthesis) is "recognised".
 * Returns how many were registered; 0 when espeak-ng or ffmpeg is missing.
 */
export async function seedUtterances(emulator: NlsEmulator, phrases: readonly string[]): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kefu-nls-seed-'));
  let count = 0;
  try {
    for (const [i, phrase] of phrases.entries()) {
      const file = path.join(dir, `${i}.wav`);
      try {
        await run('espeak-ng', ['-v', 'cmn', '-s', '150', '-w', file, phrase]);
        emulator.register(phrase, (await decodeAudio(await readFile(file), { maxMs: 60_000 })).wav);
        count++;
      } catch {
        return count;
      }
    }
    return count;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
