import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { imageSize } from '../../shared/media';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { TesseractTextRecognizer, Semaphore } from '../../shared/ocr';
import { isKefuError } from '../../shared/errors';
import { startDevServer, type DevServerOptions } from '../../scripts/dev/devServer';
import type { CreateKefuOptions } from '../../shared/app';
import { encodePng, png } from '../helpers/mediaFixtures';
import { call, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

jest.setTimeout(60_000);

/**
 * A 1-bit PNG of a page of glyph-like marks, tiny on disk (about 17 KB at 6000×6600) and, read as
 * is, about 40 s of tesseract CPU (measured: killed at 60 s wall, 26 s user + 13 s sys).
 */
function glyphPage(width: number, height: number): Buffer {
  const stride = Math.ceil(width / 8) + 1;
  // 30 distinct rows repeat down the page: white ground (bit 1), 12×18 black glyphs with a notch.
  const rows = Array.from({ length: 30 }, (_, cy) => {
    const row = Buffer.alloc(stride, 0);
    for (let x = 0; x < width; x++) {
      const cx = x % 20;
      const gx = cx - 2;
      const gy = cy - 4;
      const black = cx >= 2 && cx <= 13 && cy >= 4 && cy <= 21 && (gx < 3 || gx > 8 || gy < 3 || gy > 14) && !(gy > 7 && gy < 10 && gx > 8);
      if (!black) row[1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
    return row;
  });
  return encodePng(width, height, 1, Buffer.concat(Array.from({ length: height }, (_, y) => rows[y % 30]!)));
}

/**
 * Stand-ins the recogniser runs instead of `tesseract` and `ffmpeg`: wrappers of the real programs
 * that log their CPU time and keep the image tesseract got, or fakes that record how many run at
 * once, or hang. The script at `tesseract` is rewritten per test.
 */
const bin = mkdtempSync(path.join(os.tmpdir(), 'kefu-ocr-bin-'));
const realTesseract = execFileSync('sh', ['-c', 'command -v tesseract']).toString().trim();
const realFfmpeg = execFileSync('sh', ['-c', 'command -v ffmpeg']).toString().trim();
const cpuLog = path.join(bin, 'cpu.log');
const runLog = path.join(bin, 'run.log');
const seen = path.join(bin, 'input.png');
const pidFile = path.join(bin, 'pid');
function script(name: string, body: string) {
  writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`);
  chmodSync(path.join(bin, name), 0o755);
}
/** User + system seconds of every child the wrappers timed. */
const cpuSeconds = () => readFileSync(cpuLog, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number)).reduce((sum, [u = 0, s = 0]) => sum + u + s, 0);

/** The dev server with its own recogniser (createKefu's `ocr` option), log captured like startTestServer's. */
async function startOcrServer(ocr: TesseractTextRecognizer): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-ocr-test-'));
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  const logger = createLogger({ service: 'kefu', level: 'info', destination });
  const config = loadConfig({}, { PORT: '0', KEFU_DATA_DIR: dataDir, KEFU_DEV_LOGIN: 'true', KEFU_OCR: 'tesseract' });
  // startDevServer hands its options on to createKefu.
  const options: DevServerOptions & Pick<CreateKefuOptions, 'ocr'> = { logger, recheckMs: 60_000, ocr };
  const server = await startDevServer(config, options);
  return {
    ...server,
    logText: () => chunks.join(''),
    call: (method, route, o = {}) => call(server.url, method, route, o, (request) => server.fetch(request, { sourceIp: '127.0.0.1' })),
    request: (route, init) => server.fetch(new Request(server.url + route, init), { sourceIp: '127.0.0.1' }),
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('bounded OCR: pictures scaled down, a few tesseracts at a time, each with a time cap', () => {
  let server: TestServer;
  let capped: TestServer;
  const prepared: { width: number; height: number }[] = [];

  beforeAll(async () => {
    script('ffmpeg', `TIMEFORMAT='%U %S'\n{ time ${realFfmpeg} "$@" 2>&3 ; } 3>&2 2>>"${cpuLog}"`);
    script('tesseract', 'exit 1');
    const command = path.join(bin, 'tesseract');
    server = await startOcrServer(new TesseractTextRecognizer({ command, ffmpegCommand: path.join(bin, 'ffmpeg'), concurrency: 2, onPrepared: (size) => prepared.push(size) }));
    capped = await startOcrServer(new TesseractTextRecognizer({ command, timeoutMs: 600 }));
  });
  afterAll(async () => {
    await server?.stop();
    await capped?.stop();
    rmSync(bin, { recursive: true, force: true });
  });

  async function upload(on: TestServer, user: string, conversationId: string, file: Buffer) {
    const form = new FormData();
    form.set('conversationId', conversationId);
    form.set('file', new Blob([file], { type: 'image/png' }), 'page.png');
    const res = await on.request(`/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${user}` }, body: form });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it('reads a 6000×6600 page from an image of at most 4 MP, in under 3 s of CPU', async () => {
    script('tesseract', `TIMEFORMAT='%U %S'\ntee "${seen}" | { time ${realTesseract} "$@" 2>/dev/null ; } 2>>"${cpuLog}"`);
    writeFileSync(cpuLog, '');
    const page = glyphPage(6000, 6600);
    expect(page.length).toBeLessThan(64 * 1024);
    const user = await userLogin(server, 'u005');
    const c = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const up = await upload(server, user, c, page);
    expect(up.status).toBe(201);
    const got = imageSize(readFileSync(seen));
    expect(prepared).toEqual([{ width: got!.width, height: got!.height }]);
    expect(got!.width * got!.height).toBeLessThanOrEqual(4_000_000);
    expect(got!.width / got!.height).toBeCloseTo(6000 / 6600, 2);
    // Both children (ffmpeg's scaling, tesseract's reading) timed; read as is, this page costs ~40 s.
    expect(readFileSync(cpuLog, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(cpuSeconds()).toBeLessThan(3);
  });

  it('runs at most KEFU_OCR_CONCURRENCY (2) tesseracts when six pictures arrive at once; all six are accepted', async () => {
    writeFileSync(runLog, '');
    script('tesseract', `cat >/dev/null\necho start >>"${runLog}"\nsleep 0.4\necho end >>"${runLog}"\necho 订单号`);
    const user = await userLogin(server, 'u006');
    const c = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(server, user, c, png(120 + i, 80))));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const events = readFileSync(runLog, 'utf8').trim().split('\n');
    let running = 0;
    let most = 0;
    for (const e of events) {
      running += e === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(events.filter((e) => e === 'start')).toHaveLength(6);
    expect(most).toBe(2);
    // Three rounds of two: the others waited their turn.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1100);
  });

  it('kills a tesseract past its time cap; the picture still reaches the agent, without text', async () => {
    rmSync(pidFile, { force: true });
    script('tesseract', `echo $$ >"${pidFile}"\nexec sleep 30`);
    const user = await userLogin(capped, 'u007');
    const c = (await capped.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const started = Date.now();
    const up = await upload(capped, user, c, png(200, 100));
    expect(up.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(existsSync(pidFile)).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    // Killed with SIGKILL (a zombie until Node reaps it, so allow a moment).
    let alive = true;
    for (let i = 0; i < 20 && alive; i++) {
      try {
        process.kill(pid, 0);
        await new Promise((r) => setTimeout(r, 50));
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
    const sent = await capped.call('POST', `/v1/conversations/${c}/messages`, { token: user, body: { clientMessageId: 'slow-shot', mediaId: up.json['mediaId'] } });
    expect(sent.status).toBe(201);
    expect(sent.json['body']).toEqual(expect.objectContaining({ type: 'image', mediaId: up.json['mediaId'] }));
    expect(sent.json['body']).not.toHaveProperty('text');
    const agent = await staffLogin(capped, 'xiaowang');
    const seenByAgent = await capped.call('GET', `/v1/conversations/${c}/messages`, { token: agent });
    expect(JSON.stringify(seenByAgent.json)).toContain(String(up.json['mediaId']));
    expect(capped.logText()).toContain('OCR_TIMEOUT');
  });
});

describe('the OCR queue', () => {
  it('gives up a job that waited past its limit (OCR_TIMEOUT, phase queue) and still serves the next in order', async () => {
    const slots = new Semaphore(1);
    const order: string[] = [];
    const first = slots.run(async () => {
      await new Promise((r) => setTimeout(r, 200));
      order.push('first');
    });
    const impatient = slots.run(() => Promise.resolve(order.push('impatient')), 50).catch((err: unknown) => (isKefuError(err) ? `${err.code} ${String(err.details?.['phase'])}` : err));
    const patient = slots.run(() => Promise.resolve(order.push('patient')));
    expect(slots.running).toBe(1);
    expect(await impatient).toBe('OCR_TIMEOUT queue');
    await Promise.all([first, patient]);
    expect(order).toEqual(['first', 'patient']);
    expect(slots.running).toBe(0);
  });
});
