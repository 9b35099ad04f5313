import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../config';
import { startDevServer } from '../../scripts/dev/devServer';
import { createLogger } from './createLogger';
import { devLogDestination, readable } from './devLogDestination';
import { validateLogLine } from './validateLogLine';

function terminal(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk.toString('utf8'));
        cb();
      },
    }),
    text: () => chunks.join(''),
  };
}

describe('the dev server’s log', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-devlog-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every line to <data>/logs/requests.log and only warnings and errors to the terminal, readable', () => {
    const term = terminal();
    const dest = devLogDestination(dir, term.stream);
    const log = createLogger({ service: 'local', destination: dest.stream });
    log.info({ request_id: 'r1', function: 'message', method: 'POST', path: '/v1/conversations', status: 201 }, 'request');
    log.warn({ request_id: 'r2', err: Object.assign(new Error('store busy'), { code: 'STORE_BUSY' }), service_type: 'agent' }, 'reply push not queued');
    expect(dest.file).toBe(path.join(dir, 'logs', 'requests.log'));
    const lines = readFileSync(dest.file, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(validateLogLine(l)).toEqual([]);
    expect(term.text().split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^\[警告\] \d{2}:\d{2}:\d{2} reply push not queued \(agent, r2\) STORE_BUSY: store busy$/)]);
  });

  it('a readable line falls back to the raw text when it is not JSON', () => {
    expect(readable('plain words')).toBe('plain words');
  });

  it('npm run dev’s server (no logger given) logs its requests to the file, not to stdout', async () => {
    const config = loadConfig({}, { PORT: '0', KEFU_DATA_DIR: dir, KEFU_JOBS_INTERVAL_MS: '0' });
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const server = await startDevServer(config);
      const res = await fetch(`${server.url}/v1/health`, { headers: { 'x-request-id': 'dev-file-1' } });
      expect(res.status).toBe(200);
      await server.close();
      expect(server.logFile).toBe(path.join(dir, 'logs', 'requests.log'));
      const lines = readFileSync(server.logFile!, 'utf8').split('\n').filter(Boolean);
      expect(lines.some((l) => l.includes('"request_id":"dev-file-1"'))).toBe(true);
      for (const l of lines) expect(validateLogLine(l)).toEqual([]);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).not.toContain('dev-file-1');
  });
});
