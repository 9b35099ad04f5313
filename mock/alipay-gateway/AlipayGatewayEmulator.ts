import { createSign, createVerify, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';

export interface AlipayGatewayOptions {
  readonly appId: string;
  /** The app's public key (PEM): request signatures are checked with it. */
  readonly appPublicKey: string;
  /** The gateway's own private key (PEM): responses are signed with it, as Alipay signs them. */
  readonly gatewayPrivateKey: string;
  readonly clock?: () => number;
  /** How long a minted auth code works (Alipay: a few minutes). */
  readonly codeTtlMs?: number;
}

/** Alipay's timestamps are "yyyy-MM-dd HH:mm:ss" in the caller's (China) local time. */
function parseTimestamp(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])).getTime() : Number.NaN;
}

/**
 * A local stand-in for Alipay's OpenAPI gateway (`/gateway.do`), for the methods Kefu calls. Like
 * Alipay it reads the parameters from the query and the form body, checks the RSA2 signature over
 * the sorted `key=value` string with the app's public key, refuses stale timestamps and unknown
 * apps, and answers `{"<method>_response":{...},"sign":"..."}` signed with its own key, so the
 * SDK's response verification runs for real. Errors use Alipay's codes and sub-codes
 * (40002 isv.invalid-signature, isv.invalid-timestamp, isv.invalid-app-id, isv.code-invalid,
 * isv.invalid-method). Auth codes are minted by `mintAuthCode` (the dev endpoint and tests) and
 * work once, for a few minutes.
 */
export class AlipayGatewayEmulator {
  readonly app = new Hono();
  private readonly codes = new Map<string, { userId: string; expiresAt: number }>();
  private readonly clock: () => number;
  /** Calls seen: "<method> <code or sub_code>". */
  readonly log: string[] = [];
  /** Template messages delivered, as a phone would show them. */
  readonly messages: { toUserId: string; templateId: string; page: string; data: unknown }[] = [];
  /** How many of the next message sends fail (Alipay's busy answer), for retry tests. */
  failSends = 0;

  constructor(private readonly o: AlipayGatewayOptions) {
    this.clock = o.clock ?? Date.now;
    this.app.post('/gateway.do', (c) => this.gateway(c));
    // Dev only (this is the stand-in): what my.getAuthCode would give the simulator for a user.
    this.app.post('/dev/auth-codes', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { userId?: unknown };
      if (typeof body.userId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(body.userId)) return c.json({ code: 'VALIDATION_FAILED', message: 'userId 必填' }, 400);
      return c.json({ authCode: this.mintAuthCode(body.userId) });
    });
  }

  /** A one-time auth code for `userId`, as Alipay hands the mini-program through my.getAuthCode. */
  mintAuthCode(userId: string): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { userId, expiresAt: this.clock() + (this.o.codeTtlMs ?? 5 * 60_000) });
    return code;
  }

  private answer(c: Context, method: string, body: Record<string, unknown>) {
    const key = `${method.replaceAll('.', '_')}_response`;
    const inner = JSON.stringify(body);
    const sign = createSign('RSA-SHA256').update(inner, 'utf8').sign(this.o.gatewayPrivateKey, 'base64');
    this.log.push(`${method} ${String(body['sub_code'] ?? body['code'])}`);
    // Built as text so the signed part is byte for byte what the SDK cuts out to verify.
    return c.body(`{"${key}":${inner},"sign":"${sign}"}`, 200, { 'content-type': 'application/json;charset=utf-8' });
  }

  private refuse(c: Context, method: string, subCode: string, subMsg: string) {
    return this.answer(c, method, { code: '40002', msg: 'Invalid Arguments', sub_code: subCode, sub_msg: subMsg });
  }

  private sendMessage(c: Context, method: string, bizContent: string) {
    const biz = parseJson(bizContent);
    if (!biz || typeof biz['to_user_id'] !== 'string' || typeof biz['user_template_id'] !== 'string') return this.refuse(c, method, 'isv.missing-parameter', '缺少必选参数');
    if (this.failSends > 0) {
      this.failSends--;
      return this.answer(c, method, { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' });
    }
    const page = typeof biz['page'] === 'string' ? biz['page'] : '';
    const data = typeof biz['data'] === 'string' ? parseJson(biz['data']) : undefined;
    this.messages.push({ toUserId: biz['to_user_id'], templateId: biz['user_template_id'], page, data });
    return this.answer(c, method, { code: '10000', msg: 'Success' });
  }

  private async gateway(c: Context) {
    const params: Record<string, string> = Object.fromEntries(new URL(c.req.url).searchParams.entries());
    const form = new URLSearchParams(await c.req.text());
    for (const [k, v] of form.entries()) params[k] = v;
    const method = params['method'] ?? '';
    if (params['app_id'] !== this.o.appId) return this.refuse(c, method, 'isv.invalid-app-id', '无效的AppID参数');
    if (params['sign_type'] !== 'RSA2') return this.refuse(c, method, 'isv.invalid-signature-type', '无效的签名类型');
    const { sign, ...signed } = params;
    const signString = Object.keys(signed)
      .sort()
      .map((k) => `${k}=${signed[k]}`)
      .join('&');
    const valid = !!sign && createVerify('RSA-SHA256').update(signString, 'utf8').verify(this.o.appPublicKey, sign, 'base64');
    if (!valid) return this.refuse(c, method, 'isv.invalid-signature', `验签出错,建议检查签名字符串或签名私钥与应用公钥是否匹配,网关生成的验签字符串为:${signString}`);
    const at = parseTimestamp(params['timestamp'] ?? '');
    if (!Number.isFinite(at) || Math.abs(this.clock() - at) > 15 * 60_000) return this.refuse(c, method, 'isv.invalid-timestamp', '非法的时间戳参数');
    if (method === 'alipay.open.app.mini.templatemessage.send') return this.sendMessage(c, method, params['biz_content'] ?? '');
    if (method !== 'alipay.system.oauth.token') return this.refuse(c, method, 'isv.invalid-method', '不存在的方法名');
    if (params['grant_type'] !== 'authorization_code') return this.refuse(c, method, 'isv.grant-type-invalid', 'grant_type 参数不正确');
    const entry = this.codes.get(params['code'] ?? '');
    // Used once: a replayed code is as invalid as an unknown or expired one.
    this.codes.delete(params['code'] ?? '');
    if (!entry || entry.expiresAt < this.clock()) return this.refuse(c, method, 'isv.code-invalid', '授权码code无效');
    return this.answer(c, method, {
      user_id: entry.userId,
      open_id: `0${entry.userId.slice(-8)}${randomBytes(8).toString('hex')}`,
      access_token: `authbseB${randomBytes(16).toString('hex')}`,
      expires_in: 1296000,
      refresh_token: `authbseB${randomBytes(16).toString('hex')}`,
      re_expires_in: 2592000,
      auth_start: new Date(this.clock()).toISOString().replace('T', ' ').slice(0, 19),
    });
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function startAlipayGateway(o: AlipayGatewayOptions): Promise<{ emulator: AlipayGatewayEmulator; url: string; close(): Promise<void> }> {
  const emulator = new AlipayGatewayEmulator(o);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  return { emulator, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway.do`, close: () => new Promise((r) => server.close(() => r())) };
}
