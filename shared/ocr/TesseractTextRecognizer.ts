import { spawn } from 'node:child_process';
import type { TextRecognizer } from './TextRecognizer';

export class OcrUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcrUnavailableError';
  }
}

/**
 * Debian's Tesseract (`tesseract-ocr` with `tesseract-ocr-chi-sim`): simplified Chinese plus
 * English for the digits and Latin letters of trade numbers, the page read as one block of text.
 * The image goes in on stdin; nothing touches the disk or the network.
 */
export class TesseractTextRecognizer implements TextRecognizer {
  constructor(private readonly o: { command?: string; languages?: string; timeoutMs?: number } = {}) {}

  recognize(image: Uint8Array): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.o.command ?? 'tesseract', ['stdin', 'stdout', '-l', this.o.languages ?? 'chi_sim+eng', '--psm', '6'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let err = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), this.o.timeoutMs ?? 30_000);
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-2000)));
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(e.code === 'ENOENT' ? new OcrUnavailableError('tesseract is not installed') : e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
        else reject(new Error(err.trim() || `tesseract exited with ${code}`));
      });
      // A closed pipe (tesseract refused the input early) is reported by 'close', not as a crash.
      child.stdin.on('error', () => undefined);
      child.stdin.end(Buffer.from(image));
    });
  }
}
