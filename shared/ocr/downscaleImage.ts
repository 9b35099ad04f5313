import { spawn } from 'node:child_process';
import { imageSize } from '../media';
import { OcrUnavailableError } from './OcrUnavailableError';

export interface PreparedImage {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface DownscaleOptions {
  /** Pictures with more pixels than this are scaled down to it, keeping their shape. */
  readonly maxPixels: number;
  /** Kills ffmpeg when aborted (the OCR job's time cap). */
  readonly signal?: AbortSignal;
  readonly command?: string;
}

// A 4 MP grey PNG is at most a few MB; anything far beyond means ffmpeg is not doing what we asked.
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

/**
 * The picture as tesseract should get it: unchanged when it has at most `maxPixels`, otherwise
 * scaled down by ffmpeg (already on the machine for voice, see decodeAudio) to a grey PNG of at
 * most `maxPixels`. Tesseract's cost grows with the pixel count: a 6000×6600 page costs tens of
 * seconds of CPU, its 4 MP reduction about one, and screenshots are far below 4 MP, so real
 * pictures lose nothing. Area averaging keeps thin strokes of a reduced page readable.
 */
export function downscaleImage(image: Uint8Array, o: DownscaleOptions): Promise<PreparedImage> {
  const size = imageSize(image);
  if (!size || !size.width || !size.height) return Promise.reject(new OcrUnavailableError('picture size unknown; not read'));
  const pixels = size.width * size.height;
  if (pixels <= o.maxPixels) return Promise.resolve({ bytes: image, width: size.width, height: size.height });
  const factor = Math.sqrt(o.maxPixels / pixels);
  const width = Math.max(1, Math.floor(size.width * factor));
  const height = Math.max(1, Math.floor(size.height * factor));
  const args = ['-hide_banner', '-loglevel', 'error', '-i', 'pipe:0', '-frames:v', '1', '-vf', `scale=${width}:${height}:flags=area`, '-pix_fmt', 'gray', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'];
  return new Promise((resolve, reject) => {
    const child = spawn(o.command ?? 'ffmpeg', args, { stdio: ['pipe', 'pipe', 'pipe'], ...(o.signal ? { signal: o.signal, killSignal: 'SIGKILL' as const } : {}) });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      outBytes += c.length;
      if (outBytes > MAX_OUTPUT_BYTES) child.kill('SIGKILL');
      else out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-2000)));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new OcrUnavailableError('ffmpeg is not installed; a large picture is not read') : e));
    child.on('close', (code) => {
      if (code === 0 && outBytes <= MAX_OUTPUT_BYTES) resolve({ bytes: Buffer.concat(out), width, height });
      else reject(new OcrUnavailableError(err.trim() || `ffmpeg could not scale the picture (exit ${code})`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(image));
  });
}
