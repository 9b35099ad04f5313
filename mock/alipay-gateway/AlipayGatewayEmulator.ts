import { createHash, createSign, createVerify, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { SubscriptionLedger } from './SubscriptionLedger';
import { TradeBook, readGatewayRefund, readGatewayTrade } from './TradeBook';

export interface AlipayGatewayOptions {
  readonly appId: string;
  /** The app's public key (PEM): request signatures are checked with it. */
  readonly appPublicKey: string;
  /** The gateway's own private key (PEM): responses are signed with it, as Alipay signs them. */
  readonly gatewayPrivateKey: string;
  readonly clock?: () => number;
  /** How long a minted auth code works (Alipay: a few minutes). */
  readonly codeTtlMs?: number;
  /**
   * An app in openId mode: alipay.system.oauth.token answers `open_id` only (no `user_id`), so
   * messages must go `to_open_id`.
   */
  readonly openIdMode?: boolean;
}

/**
 * Business sub-codes of a refused subscription send. The template ones are documented
 * (../shared/platform-docs/alipay-open-docs/support/支付宝小程序/常见问题/USER_TEMPLATE_ILLEGAL（模板非法）.md,
 * USER_TEMPLATE_LACK_KEYWORD（缺少关键词）.md, USER_KEYWORD_LENGTH_ERROR（关键词超长）.md). The error table
 * of the send page (https://opendocs.alipay.com/mini/02cth2) is not in the local docs, so the two
 * subscription sub-codes are this stand-in's names; Kefu does not match on them (any other 40004
 * of a subscription send is a refusal to it: shared/alipay/classifySendError.ts).
 */
export const SEND_SUB_CODES = {
  template: { sub_code: 'USER_TEMPLATE_ILLEGAL', sub_msg: '模板非法' },
  lackKeyword: { sub_code: 'USER_TEMPLATE_LACK_KEYWORD', sub_msg: '缺少关键词' },
  keywordLength: { sub_code: 'USER_KEYWORD_LENGTH_ERROR', sub_msg: '关键词超长' },
  notSubscribed: { sub_code: 'USER_NOT_SUBSCRIBED', sub_msg: '用户未订阅该消息模板' },
  usedUp: { sub_code: 'SUBSCRIBE_TIMES_USED_UP', sub_msg: '用户订阅次数已用完' },
} as const;

/** A subscription message as the phone shows it, with the recipient field the request used. */
export interface DeliveredMessage {
  readonly toUserId?: string;
  readonly toOpenId?: string;
  /** The user it reached (resolved from the open_id when that was used). */
  readonly userId: string;
  readonly templateId: string;
  readonly page: string;
  readonly data: unknown;
  readonly formId?: string;
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
 *
 * `alipay.open.app.mini.templatemessage.send` delivers subscription messages: `user_template_id`,
 * `page`, `data` (keyword1..N, each at most 50 characters) and `to_user_id` or `to_open_id`, no
 * `form_id` needed. It refuses templates the merchant did not choose, users who did not subscribe
 * and one-time acceptances used up, with 40004 and a business sub-code (SEND_SUB_CODES).
 * Templates are chosen with `ledger.defineTemplate` or POST /dev/templates; what a user accepts in
 * my.requestSubscribeMessage is POST /dev/subscriptions (or `ledger.subscribe`).
 *
 * `alipay.trade.query` and `alipay.trade.fastpay.refund.query` answer from `trades` (TradeBook:
 * their documented fields, 40004 ACQ.TRADE_NOT_EXIST for an unknown trade, ACQ.INVALID_PARAMETER
 * without a trade number), after the same signature, app and timestamp checks as every method.
 * Trades and refunds are added with `trades.add` / `trades.addRefund` or POST /dev/trades and
 * /dev/refunds (the GatewayTrade and GatewayRefund fields as JSON).
 */
export class AlipayGatewayEmulator {
  readonly app = new Hono();
  private readonly codes = new Map<string, { userId: string; expiresAt: number }>();
  private readonly clock: () => number;
  /** Calls seen: "<method> <code or sub_code>". */
  readonly log: string[] = [];
  /** Subscription messages delivered, as a phone would show them. */
  readonly messages: DeliveredMessage[] = [];
  /** The merchant's templates and the users' acceptances. */
  readonly ledger = new SubscriptionLedger();
  /** open_id -> user_id, for the open ids this app was given. */
  private readonly openIds = new Map<string, string>();
  /** How many of the next message sends fail (Alipay's busy answer), for retry tests. */
  failSends = 0;
  /** The app's trades and refunds, for the two trade queries. */
  readonly trades = new TradeBook();
  /**
   * How many of the next answers carry a signature that does not match their body (as a forged or
   * altered answer would), for tests of the SDK's response verification.
   */
  badSignatures = 0;

  constructor(private readonly o: AlipayGatewayOptions) {
    this.clock = o.clock ?? Date.now;
    this.app.post('/gateway.do', (c) => this.gateway(c));
    // Dev only (this is the stand-in): what my.getAuthCode would give the simulator for a user.
    this.app.post('/dev/auth-codes', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { userId?: unknown };
      if (typeof body.userId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(body.userId)) return c.json({ code: 'VALIDATION_FAILED', message: 'userId 必填' }, 400);
      return c.json({ authCode: this.mintAuthCode(body.userId) });
    });
    // Dev only: the merchant chooses a subscription template on the merchant platform.
    this.app.post('/dev/templates', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { templateId?: unknown; kind?: unknown; keywords?: unknown };
      const kind = body.kind === 'long' || body.kind === 'once' ? body.kind : undefined;
      const keywords = body.keywords === undefined ? 2 : body.keywords;
      if (typeof body.templateId !== 'string' || !/^[A-Za-z0-9+/=_-]{1,64}$/.test(body.templateId) || !kind || typeof keywords !== 'number' || !Number.isInteger(keywords) || keywords < 1 || keywords > 10) {
        return c.json({ code: 'VALIDATION_FAILED', message: 'templateId、kind (once|long) 必填, keywords 为 1-10' }, 400);
      }
      this.ledger.defineTemplate(body.templateId, kind, keywords);
      return c.json({ templateId: body.templateId, kind, keywords });
    });
    // Dev only: what my.requestSubscribeMessage records when the user taps 允许 in the panel.
    // Dev only: a trade the app's users paid (or did not), and a refund of one.
    this.devAdd('/dev/trades', readGatewayTrade, (t) => this.trades.add(t), 'tradeNo (28 位数字)、outTradeNo、buyerUserId、buyerLogonId、status、totalAmount ("128.00") 必填');
    this.devAdd('/dev/refunds', readGatewayRefund, (r) => this.trades.addRefund(r), 'tradeNo、outRequestNo、refundAmount ("128.00")、done 必填');
    this.app.post('/dev/subscriptions', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { userId?: unknown; entityIds?: unknown; accept?: unknown };
      const ids = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);
      const entityIds = ids(body.entityIds);
      const accept = body.accept === undefined ? entityIds : ids(body.accept);
      if (typeof body.userId !== 'string' || !entityIds || !accept) return c.json({ code: 'VALIDATION_FAILED', message: 'userId、entityIds 必填' }, 400);
      return c.json(this.ledger.subscribe(body.userId, entityIds, accept));
    });
  }

  /** A dev endpoint that adds what `read` accepts of the JSON body, else 400 with `help`. */
  private devAdd<T>(path: string, read: (body: Record<string, unknown>) => T | undefined, add: (value: T) => void, help: string): void {
    this.app.post(path, async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as unknown;
      const value = body && typeof body === 'object' ? read(body as Record<string, unknown>) : undefined;
      if (value === undefined) return c.json({ code: 'VALIDATION_FAILED', message: help }, 400);
      add(value);
      return c.json(value as object);
    });
  }

  /** The open_id this app gets for a user: stable per app and user, as Alipay's is. */
  openIdOf(userId: string): string {
    const openId = `0${createHash('sha256').update(`${this.o.appId}:${userId}`).digest('hex').slice(0, 29)}`;
    this.openIds.set(openId, userId);
    return openId;
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
    const forged = this.badSignatures > 0;
    if (forged) this.badSignatures--;
    const sign = createSign('RSA-SHA256').update(forged ? `${inner} ` : inner, 'utf8').sign(this.o.gatewayPrivateKey, 'base64');
    this.log.push(`${method} ${String(body['sub_code'] ?? body['code'])}`);
    // Built as text so the signed part is byte for byte what the SDK cuts out to verify.
    return c.body(`{"${key}":${inner},"sign":"${sign}"}`, 200, { 'content-type': 'application/json;charset=utf-8' });
  }

  private refuse(c: Context, method: string, subCode: string, subMsg: string) {
    return this.answer(c, method, { code: '40002', msg: 'Invalid Arguments', sub_code: subCode, sub_msg: subMsg });
  }

  private sendMessage(c: Context, method: string, bizContent: string) {
    const biz = parseJson(bizContent);
    const toUserId = typeof biz?.['to_user_id'] === 'string' ? biz['to_user_id'] : undefined;
    const toOpenId = typeof biz?.['to_open_id'] === 'string' ? biz['to_open_id'] : undefined;
    const templateId = biz?.['user_template_id'];
    if (!biz || (!toUserId && !toOpenId) || typeof templateId !== 'string') return this.refuse(c, method, 'isv.missing-parameter', '缺少必选参数');
    if (this.failSends > 0) {
      this.failSends--;
      return this.answer(c, method, { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' });
    }
    const business = (e: { sub_code: string; sub_msg: string }) => this.answer(c, method, { code: '40004', msg: 'Business Failed', ...e });
    const template = this.ledger.template(templateId);
    if (!template) return business(SEND_SUB_CODES.template);
    const data = typeof biz['data'] === 'string' ? parseJson(biz['data']) : undefined;
    const values = Object.values(data ?? {}).map((v) => (v && typeof v === 'object' ? (v as { value?: unknown }).value : undefined));
    if (values.length !== template.keywords || values.some((v) => typeof v !== 'string')) return business(SEND_SUB_CODES.lackKeyword);
    if (values.some((v) => String(v).length > 50)) return business(SEND_SUB_CODES.keywordLength);
    // An open_id this app was never given belongs to nobody who could have subscribed.
    const userId = toOpenId !== undefined ? (this.openIds.get(toOpenId) ?? `unknown-open-id:${toOpenId}`) : (toUserId ?? '');
    const refusal = this.ledger.take(userId, templateId);
    if (refusal === 'notSubscribed') return business(SEND_SUB_CODES.notSubscribed);
    if (refusal === 'usedUp') return business(SEND_SUB_CODES.usedUp);
    const page = typeof biz['page'] === 'string' ? biz['page'] : '';
    const formId = typeof biz['form_id'] === 'string' ? biz['form_id'] : undefined;
    this.messages.push({ ...(toUserId !== undefined ? { toUserId } : {}), ...(toOpenId !== undefined ? { toOpenId } : {}), userId, templateId, page, data, ...(formId !== undefined ? { formId } : {}) });
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
    if (method === 'alipay.trade.query' || method === 'alipay.trade.fastpay.refund.query') {
      const biz = parseJson(params['biz_content'] ?? '') ?? {};
      // An openId-mode app knows its buyers by open_id only, in the trade's answer too.
      const buyer = (userId: string) => (this.o.openIdMode ? { buyer_open_id: this.openIdOf(userId) } : { buyer_user_id: userId });
      return this.answer(c, method, method === 'alipay.trade.query' ? this.trades.query(biz, buyer) : this.trades.refundQuery(biz));
    }
    if (method !== 'alipay.system.oauth.token') return this.refuse(c, method, 'isv.invalid-method', '不存在的方法名');
    if (params['grant_type'] !== 'authorization_code') return this.refuse(c, method, 'isv.grant-type-invalid', 'grant_type 参数不正确');
    const entry = this.codes.get(params['code'] ?? '');
    // Used once: a replayed code is as invalid as an unknown or expired one.
    this.codes.delete(params['code'] ?? '');
    if (!entry || entry.expiresAt < this.clock()) return this.refuse(c, method, 'isv.code-invalid', '授权码code无效');
    return this.answer(c, method, {
      ...(this.o.openIdMode ? {} : { user_id: entry.userId }),
      open_id: this.openIdOf(entry.userId),
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
