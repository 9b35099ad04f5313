import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino, { type DestinationStream } from 'pino';

/** A file this big is moved to `requests.log.1` on start, so a long-lived data folder stays small. */
const ROTATE_BYTES = 20 * 1024 * 1024;

export interface DevLogDestination {
  readonly stream: DestinationStream;
  /** Every line, as JSON (the same record as in production). */
  readonly file: string;
}

/**
 * Where `npm run dev` logs: every line to `<data>/logs/requests.log`, and warnings and errors also
 * to the terminal as one short readable line each, so the banner with the URLs and logins stays on
 * screen while requests come in.
 */
export function devLogDestination(dataDir: string, terminal: NodeJS.WritableStream = process.stderr): DevLogDestination {
  const dir = path.join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'requests.log');
  if (existsSync(file) && statSync(file).size > ROTATE_BYTES) renameSync(file, `${file}.1`);
  // Synchronous: a dev server's few lines a second cost nothing, and none is lost on Ctrl-C or a crash.
  const toFile = pino.destination({ dest: file, append: true, sync: true });
  const toTerminal = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) terminal.write(`${readable(line)}\n`);
      cb();
    },
  });
  return { stream: pino.multistream([{ level: 'trace', stream: toFile }, { level: 'warn', stream: toTerminal }]), file };
}

const LEVEL_NAMES: Readonly<Record<string, string>> = { warn: '警告', error: '错误', fatal: '致命' };

/** `[警告] 18:05:18 msg (function POST /path 500, request id) error message`. */
export function readable(line: string): string {
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const time = str(r['timestamp']).slice(11, 19);
  const where = [str(r['function']), str(r['method']), str(r['path']), str(r['status'])].filter(Boolean).join(' ');
  const id = str(r['request_id']);
  const err = r['err'] as { code?: unknown; message?: unknown } | undefined;
  const detail = err ? ` ${[str(err.code), str(err.message)].filter(Boolean).join(': ')}` : '';
  return `[${LEVEL_NAMES[str(r['level'])] ?? str(r['level'])}] ${time} ${str(r['msg'])} (${where}${id && id !== '-' ? `, ${id}` : ''})${detail}`;
}
