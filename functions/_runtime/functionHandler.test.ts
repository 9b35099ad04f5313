import { loadConfig } from '../../shared/config';
import { createMemoryStore } from '../../shared/store/drivers';
import { createLogger } from '../../shared/log';
import { seedDemoTenant } from '../../mock/seed/seedDemoTenant';
import { authRoutes } from '../auth/authRoutes';
import { messageRoutes } from '../message/messageRoutes';
import { createKefu } from '../../shared/app';
import { functionHandler } from './functionHandler';
import type { FcHttpEvent } from './FcHttpEvent';

function fcEvent(method: string, rawPath: string, body?: unknown, token?: string): FcHttpEvent {
  return {
    version: 'v1',
    rawPath,
    body: body === undefined ? '' : Buffer.from(JSON.stringify(body)).toString('base64'),
    isBase64Encoded: body !== undefined,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    queryParameters: {},
    requestContext: { domainName: 'kefu.cn-hangzhou.fcapp.run', http: { method, path: rawPath }, requestId: `1-${rawPath.length}-${method}` },
  };
}

describe('functions as deployed (FC events through functionHandler)', () => {
  it('runs the same routes as the dev server: login, open a conversation, write', async () => {
    const config = loadConfig({}, { KEFU_STORE: 'memory', KEFU_DEV_LOGIN: 'true', KEFU_TOKEN_SECRET: 's'.repeat(40), KEFU_LOG_LEVEL: 'silent' });
    const deps = createKefu(config, { logger: createLogger({ service: 'test', level: 'silent' }), store: createMemoryStore() });
    await seedDemoTenant(deps);
    const auth = functionHandler('auth', [authRoutes], () => deps);
    const message = functionHandler('message', [messageRoutes], () => deps);

    const login = await auth(fcEvent('POST', '/v1/auth/dev-login', { tenant: 'demo', userId: 'u001' }));
    expect(login.statusCode).toBe(200);
    const token = (JSON.parse(login.body) as { token: string }).token;

    const created = await message(fcEvent('POST', '/v1/conversations', {}, token));
    expect(created.statusCode).toBe(201);
    const id = (JSON.parse(created.body) as { id: string }).id;
    const sent = await message(fcEvent('POST', `/v1/conversations/${id}/messages`, { clientMessageId: 'fc-1', text: '花呗怎么还款' }, token));
    expect(sent.statusCode).toBe(201);
    expect(sent.headers['x-request-id']).toBe(`1-${`/v1/conversations/${id}/messages`.length}-POST`);

    // A route of another function is not part of this one.
    const elsewhere = await auth(fcEvent('POST', '/v1/conversations', {}, token));
    expect(elsewhere.statusCode).toBe(404);
    expect((JSON.parse(elsewhere.body) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
  });
});
