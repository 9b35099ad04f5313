import { spawn } from 'node:child_process';
import { KefuError } from '../errors';
import type { TextRecognizer } from './TextRecognizer';
import { OcrUnavailableError } from './OcrUnavailableError';
import { Semaphore } from './Semaphore';
import { downscaleImage, type PreparedImage } from './downscaleImage';

export { OcrUnavailableError } from './OcrUnavailableError';

export interface TesseractOptions {
  readonly command?: string;
  readonly languages?: string;
  /** The whole job, scaling and reading, is killed after this long (default 10 s). */
  readonly timeoutMs?: number;
  /** At most this many jobs at once in this instance (default 1); the others queue. */
  readonly concurrency?: number;
  /** Pictures are scaled down to at most this many pixels before tesseract (default 4 million). */
  readonly maxPixels?: number;
  /** The ffmpeg that scales pictures down. */
  readonly ffmpegCommand?: string;
  /** Told the size of each picture as tesseract receives it (benchmarks, tests). */
  readonly onPrepared?: (image: Pick<PreparedImage, 'width' | 'height'>) => void;
}

/**
 * Debian's Tesseract (`tesseract-ocr` with `tesseract-ocr-chi-sim`): simplified Chinese plus
 * English for the digits and Latin letters of trade numbers, the page read as one block of text.
 * The image goes in on stdin; nothing touches the disk or the network.
 *
 * Bounded, because a picture is cheap to send and expensive to read: it is scaled down to
 * `maxPixels` first, at most `concurrency` jobs run at once per instance (a burst of uploads
 * queues instead of taking every core), and a job past `timeoutMs` has its child killed and is
 * rejected with OCR_TIMEOUT; a job that cannot get a slot within `timeoutMs` is given up the same
 * way. The upload goes on without text either way (MediaService).
 */
export class TesseractTextRecognizer implements TextRecognizer {
  private readonly slots: Semaphore;

  constructor(private readonly o: TesseractOptions = {}) {
    this.slots = new Semaphore(o.concurrency ?? 1);
  }

  recognize(image: Uint8Array): Promise<string> {
    const timeoutMs = this.o.timeoutMs ?? 10_000;
    return this.slots.run(async () => {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const prepared = await downscaleImage(image, { maxPixels: this.o.maxPixels ?? 4_000_000, signal: abort.signal, ...(this.o.ffmpegCommand ? { command: this.o.ffmpegCommand } : {}) });
        this.o.onPrepared?.({ width: prepared.width, height: prepared.height });
        return await this.read(prepared.bytes, abort.signal);
      } catch (err) {
        if (abort.signal.aborted) throw new KefuError('OCR_TIMEOUT', undefined, { phase: 'run', timeoutMs });
        throw err;
      } finally {
        clearTimeout(timer);
      }
    }, timeoutMs);
  }

  private read(image: Uint8Array, signal: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.o.command ?? 'tesseract', ['stdin', 'stdout', '-l', this.o.languages ?? 'chi_sim+eng', '--psm', '6'], { stdio: ['pipe', 'pipe', 'pipe'], signal, killSignal: 'SIGKILL' });
      const out: Buffer[] = [];
      let err = '';
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-2000)));
      child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new OcrUnavailableError('tesseract is not installed') : e));
      child.on('close', (code) => {
        if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
        else reject(new Error(err.trim() || `tesseract exited with ${code}`));
      });
      // A closed pipe (tesseract refused the input early) is reported by 'close', not as a crash.
      child.stdin.on('error', () => undefined);
      child.stdin.end(Buffer.from(image));
    });
  }
}
