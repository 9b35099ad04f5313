import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { AccountService, type AccountServiceOptions } from '../../shared/accounts';
import type { Store } from '../../shared/store';
import { AlipayLogin } from '../../shared/alipay';
import { createKefu } from '../../shared/app';
import { createFunctionApp } from '../../functions/_http/createFunctionApp';
import { fcHandler, type FcHandler } from '../../functions/_runtime/fcHandler';
import { authRoutes } from '../../functions/auth/authRoutes';
import { merchantRoutes } from '../../functions/merchant/merchantRoutes';
import type { FcHttpEvent } from '../../functions/_runtime/FcHttpEvent';

export const SECRET = 't'.repeat(40);

/** A clock the test moves by hand, shared by every instance of a test. */
export interface FakeClock {
  now: number;
  readonly date: () => Date;
}

export function fakeClock(start = Date.now()): FakeClock {
  const clock = { now: start, date: () => new Date(clock.now) };
  return clock;
}

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly json: Record<string, unknown>;
}

/** One warm Function Compute instance of the auth and merchant functions, on a shared store. */
export interface AuthInstance {
  readonly accounts: AccountService;
  call(method: string, path: string, options?: { token?: string; body?: unknown; sourceIp?: string }): Promise<Answer>;
}

/**
 * An instance as FC runs it (events through the FC adapter, so the source address arrives as on
 * FC), with its own AccountService on the test's clock: what one instance caches, another does not.
 */
export function authInstance(store: Store, clock: FakeClock, options: AccountServiceOptions = {}): AuthInstance {
  const config = loadConfig({}, { KEFU_STORE: 'memory', KEFU_DEV_LOGIN: 'true', KEFU_TOKEN_SECRET: SECRET, KEFU_LOG_LEVEL: 'silent', KEFU_OCR: 'off' });
  const base = createKefu(config, { logger: createLogger({ service: 'test', level: 'silent' }), store });
  const accounts = new AccountService(store, base.tokens, clock.date, options);
  // The use-cases that log in go through this instance's accounts too.
  const alipayLogin = new AlipayLogin({
    ...(base.alipay ? { alipay: base.alipay } : {}),
    login: (tenant, userId) => accounts.alipayUserLogin(tenant, userId),
    rememberIdType: (tenant, userId, idType) => base.replyNotifier.subscriptions.rememberIdType(tenant, userId, idType),
    onRememberFailed: () => undefined,
  });
  const handler: FcHandler = fcHandler(createFunctionApp('test', { ...base, accounts, alipayLogin }, authRoutes, merchantRoutes));
  let seq = 0;
  return {
    accounts,
    async call(method, path, { token, body, sourceIp } = {}) {
      const event: FcHttpEvent = {
        version: 'v1',
        rawPath: path,
        body: body === undefined ? '' : JSON.stringify(body),
        isBase64Encoded: false,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        queryParameters: {},
        requestContext: { domainName: 'kefu.cn-hangzhou.fcapp.run', http: { method, path, ...(sourceIp ? { sourceIp } : {}) }, requestId: `1-test-${++seq}` },
      };
      const result = await handler(event);
      return { status: result.statusCode, headers: result.headers, json: result.body ? (JSON.parse(result.body) as Record<string, unknown>) : {} };
    },
  };
}
