import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { decodeAudio } from '../../shared/media';
import { startNlsEmulator, type NlsEmulator } from '../../mock/nls/NlsEmulator';
import { speak } from '../helpers/speechFixtures';
import { renderPaymentScreens, tradeNumber } from '../../mock/screenshots/paymentScreenshots';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

jest.setTimeout(120_000);

const keys = { accessKeyId: 'LTAI-e2e', accessKeySecret: 'made-for-this-test-run', appKey: 'kefu-e2e' };

/** A PNG whose header claims a huge bitmap but whose file is tiny: a decompression bomb. */
function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30_000, 0);
  ihdr.writeUInt32BE(30_000, 4);
  ihdr[8] = 8;
  const body = Buffer.concat([Buffer.from('IHDR', 'ascii'), ihdr]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), len, body, crc, Buffer.alloc(64)]);
}

/** 70 s of near-silence as a small mp3 (well under 2 MB): only decoding can tell it is too long. */
function longMp3(): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-long-'));
  try {
    const out = path.join(dir, 'long.mp3');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000:duration=70', '-ac', '1', '-b:a', '16k', out]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('voice and pictures end to end: speech to text, screenshots to order numbers', () => {
  let nls: { emulator: NlsEmulator; url: string; close(): Promise<void> };
  let server: TestServer;
  let browser: Browser;
  let user: string;

  const newConversation = async () => (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
  async function upload(conversationId: string, file: Buffer, type: string, extra: Record<string, string> = {}) {
    const form = new FormData();
    form.set('conversationId', conversationId);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    form.set('file', new Blob([file], { type }), 'upload');
    const res = await server.request(`/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${user}` }, body: form });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }
  async function sendMedia(conversationId: string, mediaId: unknown, clientMessageId: string) {
    return server.call('POST', `/v1/conversations/${conversationId}/messages`, { token: user, body: { clientMessageId, mediaId } });
  }
  async function events(conversationId: string) {
    const page = await server.call('GET', `/v1/conversations/${conversationId}/events?after=0&timeout=0`, { token: user });
    return (page.json['events'] as { type: string; message?: { body: Record<string, unknown> } }[]).flatMap((e) => (e.message ? [e.message.body] : []));
  }

  beforeAll(async () => {
    nls = await startNlsEmulator(keys);
    nls.emulator.register('花呗怎么还款', (await decodeAudio(speak('花呗怎么还款'), { maxMs: 60_000 })).wav);
    server = await startTestServer({
      KEFU_NLS_GATEWAY_URL: `${nls.url}/stream/v1/asr`,
      KEFU_NLS_META_URL: nls.url,
      KEFU_NLS_APPKEY: keys.appKey,
      KEFU_NLS_ACCESS_KEY_ID: keys.accessKeyId,
      KEFU_NLS_ACCESS_KEY_SECRET: keys.accessKeySecret,
      KEFU_OCR: 'tesseract',
    });
    user = await userLogin(server, 'u003');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await nls?.close();
  });

  it('a spoken question recorded in a browser (webm) is transcribed and answered by the FAQ bot like typed text', async () => {
    const c = await newConversation();
    const up = await upload(c, speak('花呗怎么还款', 'webm'), 'audio/webm', { kind: 'voice', durationMs: '1500' });
    expect(up.status).toBe(201);
    const sent = await sendMedia(c, up.json['mediaId'], 'voice-1');
    expect(sent.json['body']).toMatchObject({ type: 'voice', transcribed: true, text: '花呗怎么还款', mime: 'audio/webm' });
    // Measured by decoding, not taken from the client.
    expect(Math.abs((sent.json['body'] as { durationMs: number }).durationMs - 1500)).toBeGreaterThan(0);
    const bodies = await events(c);
    expect(bodies[1]).toMatchObject({ type: 'faqCard', question: '花呗怎么还款' });
  });

  it('speech the recogniser cannot make out, or a recogniser that is down, still reaches the agent as 未转写', async () => {
    const c = await newConversation();
    const unknown = await upload(c, speak('今天的天气真不错我们出去走走吧', 'mp3'), 'audio/mpeg');
    expect((await sendMedia(c, unknown.json['mediaId'], 'voice-2')).json['body']).toMatchObject({ type: 'voice', transcribed: false });
    expect((await events(c))[1]).toMatchObject({ type: 'system', text: '已收到您的语音,但没能听清。请用文字描述问题,或回复"转人工"' });

    nls.emulator.revokeTokens();
    const down = await startTestServer({ KEFU_NLS_GATEWAY_URL: 'http://127.0.0.1:9/stream/v1/asr', KEFU_NLS_META_URL: 'http://127.0.0.1:9', KEFU_NLS_APPKEY: 'x', KEFU_NLS_ACCESS_KEY_ID: 'x', KEFU_NLS_ACCESS_KEY_SECRET: 'x', KEFU_OCR: 'off' });
    try {
      const u = await userLogin(down, 'u004');
      const conv = (await down.call('POST', '/v1/conversations', { token: u, body: {} })).json['id'] as string;
      const form = new FormData();
      form.set('conversationId', conv);
      form.set('file', new Blob([speak('花呗怎么还款', 'mp3')], { type: 'audio/mpeg' }), 'v.mp3');
      const res = await fetch(`${down.url}/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${u}` }, body: form });
      expect(res.status).toBe(201);
      const mediaId = ((await res.json()) as { mediaId: string }).mediaId;
      const msg = await down.call('POST', `/v1/conversations/${conv}/messages`, { token: u, body: { clientMessageId: 'v', mediaId } });
      expect(msg.json['body']).toMatchObject({ type: 'voice', transcribed: false });
      expect(down.logText()).toContain('speech recognition failed');
    } finally {
      await down.stop();
    }
  });

  it('a screenshot of a payment fills the ticket with its 28-digit trade number, amount and time, marked as read from the picture', async () => {
    const tradeNo = tradeNumber(77);
    expect(tradeNo).toHaveLength(28);
    const [shot] = await renderPaymentScreens(browser, [{ tradeNo, amountText: '¥1,288.50', amount: 1288.5, time: '2026-11-24 15:02:33', layout: 'bill', width: 390, scale: 2, fontPx: 16, dark: false }]);
    const c = await newConversation();
    const up = await upload(c, shot!, 'image/png', { kind: 'image' });
    expect(up.status).toBe(201);
    const sent = await sendMedia(c, up.json['mediaId'], 'shot-1');
    expect(sent.json['body']).toMatchObject({ type: 'image' });
    expect(String((sent.json['body'] as { text?: string }).text)).toContain(tradeNo);
    const reply = (await events(c))[1] as { text: string };
    expect(reply.text).toContain(tradeNo);

    const agent = await staffLogin(server, 'xiaowang');
    const conversation = await server.call('GET', `/v1/conversations/${c}`, { token: agent });
    const ticket = conversation.json['ticket'] as Record<string, { value: unknown; via?: string; seq: number }>;
    expect(ticket['orderNo']).toMatchObject({ value: { orderNo: tradeNo }, via: 'image', seq: 1 });
    expect(ticket['amount']).toMatchObject({ value: { amount: 1288.5 }, via: 'image' });
    expect(ticket['time']).toMatchObject({ value: { start: '2026-11-24T15:02:33+08:00' }, via: 'image' });
  });

  it('refuses audio over 60 s, audio that does not decode, and a decompression bomb, storing nothing', async () => {
    const c = await newConversation();
    const cases: [Buffer, string, Record<string, string>, number, string][] = [
      [longMp3(), 'audio/mpeg', { durationMs: '5000' }, 400, 'MEDIA_TOO_LONG'],
      [Buffer.concat([Buffer.from('ID3'), Buffer.alloc(4000, 7)]), 'audio/mpeg', {}, 415, 'MEDIA_TYPE_UNSUPPORTED'],
      [bombPng(), 'image/png', {}, 413, 'MEDIA_IMAGE_TOO_LARGE'],
    ];
    for (const [file, type, extra, status, code] of cases) {
      const res = await upload(c, file, type, extra);
      expect({ status: res.status, code: res.json['code'] }).toEqual({ status, code });
    }
    const media = await server.deps.store.tenant('demo').range('media', [], { limit: 1000 });
    expect(media.rows.filter((r) => (r.value as { conversationId: string }).conversationId === c)).toEqual([]);
  });
});
