import { spawn } from 'node:child_process';
import { KefuError } from '../errors';
import type { TextRecognizer } from './TextRecognizer';
import { OcrUnavailableError } from './OcrUnavailableError';
import { Semaphore } from './Semaphore';
import { downscaleImage, type PreparedImage } from './downscaleImage';
import { ANY_FIGURE, FIGURE_LINE, RECEIPT_WORDS } from './receiptPatterns';

export { OcrUnavailableError } from './OcrUnavailableError';

/** About a phone screen's width in CSS pixels: a screenshot brought to it has its large type at Tesseract's size. */
const PHONE_WIDTH = 420;

/** The lines of a second reading that are an amount alone, put after the first reading's first line (the payee). */
function withFigures(text: string, again: string): string {
  const figures = again.split(/\r?\n/).map((l) => l.trim()).filter((l) => FIGURE_LINE.test(l));
  if (!figures.length) return text;
  const lines = text.split('\n');
  return [...lines.slice(0, 1), ...figures, ...lines.slice(1)].join('\n');
}

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
 *
 * Tesseract misses glyphs far taller than those it was trained on: a phone screenshot at 2-3x
 * shows a bill's amount in type over 100 px high, and it reads nothing or noise there. When a
 * wide picture reads as a receipt with no amount anywhere, it is read again brought to a phone's
 * width (within the same slot and time cap), and the amounts standing alone on a line of that
 * reading are added to the first (whose smaller text, order numbers included, reads better).
 */
export class TesseractTextRecognizer implements TextRecognizer {
  private readonly slots: Semaphore;

  constructor(private readonly o: TesseractOptions = {}) {
    this.slots = new Semaphore(o.concurrency ?? 1);
  }

  recognize(image: Uint8Array): Promise<string> {
    const timeoutMs = this.o.timeoutMs ?? 10_000;
    return this.slots.run(async () => {
      const started = Date.now();
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const prepared = await this.scaled(image, this.o.maxPixels ?? 4_000_000, abort.signal);
        this.o.onPrepared?.({ width: prepared.width, height: prepared.height });
        const text = await this.read(prepared.bytes, abort.signal);
        return await this.secondLook(prepared, text, abort.signal, started + timeoutMs / 2);
      } catch (err) {
        if (abort.signal.aborted) throw new KefuError('OCR_TIMEOUT', undefined, { phase: 'run', timeoutMs });
        throw err;
      } finally {
        clearTimeout(timer);
      }
    }, timeoutMs);
  }

  /**
   * The first reading, with the amounts a reading at a phone's width finds alone on a line when it
   * looks like a receipt without any (see the class). Only started before `latest` (half the time
   * cap), and never at the first reading's cost: if it fails or runs out of time, the first stands.
   */
  private async secondLook(first: PreparedImage, text: string, signal: AbortSignal, latest: number): Promise<string> {
    if (first.width < PHONE_WIDTH * 1.5 || !RECEIPT_WORDS.test(text) || ANY_FIGURE.test(text) || Date.now() > latest) return text;
    const scale = PHONE_WIDTH / first.width;
    try {
      const small = await this.scaled(first.bytes, Math.floor(first.width * first.height * scale * scale), signal);
      return withFigures(text, await this.read(small.bytes, signal));
    } catch {
      return text;
    }
  }

  private scaled(image: Uint8Array, maxPixels: number, signal: AbortSignal): Promise<PreparedImage> {
    return downscaleImage(image, { maxPixels, signal, ...(this.o.ffmpegCommand ? { command: this.o.ffmpegCommand } : {}) });
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
