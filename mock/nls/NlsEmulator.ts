import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { audioEnvelope, envelopeSimilarity } from './audioEnvelope';
import { readWav } from '../../shared/media';

export interface NlsEmulatorOptions {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly appKey: string;
  /** Token lifetime (the real service issues about a day). */
  readonly tokenTtlSeconds?: number;
  readonly clock?: () => number;
}

/** Registered "speech": an outline and the words it stands for. */
interface Utterance {
  readonly text: string;
  readonly envelope: number[];
}

/** POP's percent-encoding (RFC 3986, as the SDK signs). */
function popEncode(s: string): string {
  return encodeURIComponent(s).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');
}

/**
 * A local stand-in for Alibaba Cloud's speech service, speaking its protocol: the POP RPC
 * `CreateToken` action (AccessKey signature HMAC-SHA1 checked, timestamp within 15 minutes, nonce
 * not reused; errors as `{Code, Message, RequestId}`) and the one-sentence recognition REST
 * endpoint (`X-NLS-Token`, `appkey`, `format`, `sample_rate`; answers `{task_id, result, status,
 * message}`). It cannot understand Mandarin, so it "recognises" by comparing the audio's loudness
 * outline with utterances registered through `register` (tests and `npm run dev` register speech
 * they synthesised with espeak-ng); unknown audio gives an empty result, as silence does.
 */
export class NlsEmulator {
  readonly app = new Hono();
  private readonly tokens = new Map<string, number>();
  private readonly nonces = new Set<string>();
  private readonly utterances: Utterance[] = [];
  private readonly clock: () => number;
  /** Requests seen, for tests: "CreateToken" or "asr <status>". */
  readonly log: string[] = [];

  constructor(readonly options: NlsEmulatorOptions) {
    const o = options;
    this.clock = o.clock ?? Date.now;
    this.app.post('/', (c) => this.createToken(c));
    this.app.post('/stream/v1/asr', (c) => this.recognize(c));
  }

  /** Teaches the stand-in that this 16 kHz mono WAV says `text`. */
  register(text: string, wav16k: Uint8Array): void {
    const wav = readWav(wav16k);
    if (!wav) throw new Error('register needs a 16-bit mono PCM WAV');
    this.utterances.push({ text, envelope: audioEnvelope(wav.pcm) });
  }

  /** Every token issued so far stops working (as when a token is revoked). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  private popError(c: Context, status: 400 | 403 | 404, code: string, message: string) {
    return c.json({ RequestId: randomUUID(), HostId: 'nls-meta.cn-shanghai.aliyuncs.com', Code: code, Message: message }, status);
  }

  private async createToken(c: Context) {
    const form = new URLSearchParams(await c.req.text());
    const params = Object.fromEntries(form.entries());
    if (params['Action'] !== 'CreateToken') return this.popError(c, 400, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    if (params['AccessKeyId'] !== this.options.accessKeyId) return this.popError(c, 404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const { Signature: signature, ...signed } = params;
    const canonical = Object.keys(signed)
      .sort()
      .map((k) => `${popEncode(k)}=${popEncode(signed[k]!)}`)
      .join('&');
    const expected = createHmac('sha1', `${this.options.accessKeySecret}&`).update(`POST&${popEncode('/')}&${popEncode(canonical)}`).digest('base64');
    if (signature !== expected) return this.popError(c, 400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    const at = Date.parse(params['Timestamp'] ?? '');
    if (!Number.isFinite(at) || Math.abs(this.clock() - at) > 15 * 60_000) return this.popError(c, 400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const nonce = params['SignatureNonce'] ?? '';
    if (!nonce || this.nonces.has(nonce)) return this.popError(c, 400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.add(nonce);
    const id = randomBytes(16).toString('hex');
    const expireTime = Math.floor(this.clock() / 1000) + (this.options.tokenTtlSeconds ?? 86_400);
    this.tokens.set(id, expireTime * 1000);
    this.log.push('CreateToken');
    return c.json({ RequestId: randomUUID(), NlsRequestId: randomUUID(), Token: { UserId: '1234567890', Id: id, ExpireTime: expireTime } });
  }

  private async recognize(c: Context) {
    const taskId = randomBytes(16).toString('hex');
    const answer = (httpStatus: 200 | 400 | 403, status: number, message: string, result = '') => {
      this.log.push(`asr ${status}`);
      c.header('task_id', taskId);
      return c.json({ task_id: taskId, result, status, message }, httpStatus);
    };
    const token = c.req.header('x-nls-token') ?? '';
    const expires = this.tokens.get(token);
    if (!expires || expires <= this.clock()) return answer(403, 40000001, `Gateway:ACCESS_DENIED:The token '${token}' is invalid!`);
    if (c.req.query('appkey') !== this.options.appKey) return answer(400, 40020105, 'Meta:APPKEY_NOT_EXIST:Appkey not exist!');
    const format = c.req.query('format') ?? 'pcm';
    const sampleRate = Number(c.req.query('sample_rate') ?? 16000);
    if (sampleRate !== 16000 && sampleRate !== 8000) return answer(400, 40000003, 'PARAMETER_INVALID:sample_rate must be 8000 or 16000');
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (!body.length) return answer(400, 40000002, 'Gateway:MESSAGE_INVALID:Empty audio data!');
    let pcm: Int16Array;
    if (format === 'wav') {
      const wav = readWav(body);
      if (!wav) return answer(400, 40000003, 'PARAMETER_INVALID:Wav header invalid!');
      if (wav.sampleRate !== sampleRate) return answer(400, 41010101, `UNSUPPORTED_SAMPLE_RATE:wav is ${wav.sampleRate} Hz, request says ${sampleRate}`);
      pcm = wav.pcm;
    } else if (format === 'pcm') {
      const copy = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
      pcm = new Int16Array(copy.buffer, copy.byteOffset, copy.length / 2);
    } else {
      // The stand-in decodes only what Kefu sends; the real service also takes opus, amr, mp3, aac.
      return answer(400, 40000003, `PARAMETER_INVALID:format ${format} is not supported by the local stand-in`);
    }
    if (pcm.length / sampleRate > 60) return answer(400, 40000003, 'PARAMETER_INVALID:Audio is longer than 60 seconds!');
    const envelope = audioEnvelope(pcm);
    let best: { text: string; score: number } = { text: '', score: 0 };
    for (const u of this.utterances) {
      const score = envelopeSimilarity(envelope, u.envelope);
      if (score > best.score) best = { text: u.text, score };
    }
    return answer(200, 20000000, 'SUCCESS', best.score >= 0.8 ? best.text : '');
  }
}

/** The stand-in on a local port: meta (token) and gateway (recognition) on the same origin. */
export async function startNlsEmulator(o: NlsEmulatorOptions & { port?: number }): Promise<{ emulator: NlsEmulator; url: string; close(): Promise<void> }> {
  const emulator = new NlsEmulator(o);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port: o.port ?? 0 }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { emulator, url, close: () => new Promise((r) => server.close(() => r())) };
}
