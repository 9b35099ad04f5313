import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { initTablestoreTable } from '../../shared/store/drivers';
import { startRotatingTablestoreEmulator } from '../../test/helpers/rotatingTablestoreEmulator';
import type { RouteGroup } from '../_http/createFunctionApp';
import { createKefu } from '../../shared/app';
import type { FcHttpEvent } from './FcHttpEvent';
import { functionHandler } from './functionHandler';
import type { MakeDeps } from './deployedDeps';
import { RoleCredentials } from './RoleCredentials';
import { timerHandler } from './timerHandler';

// On Function Compute a function with a role gets temporary keys: the ALIBABA_CLOUD_* variables at
// instance start, and `context.credentials` with every invocation. They expire (36 h, "上下文",
// https://help.aliyun.com/en/functioncompute/context-1-1) and are renewed while a warm instance
// lives on, so the deployed entries must sign with the invocation's keys, not the first ones.

const first = { accessKeyId: 'STS.first', accessKeySecret: 'first-secret', securityToken: 'token-1' };
const second = { accessKeyId: 'STS.second', accessKeySecret: 'second-secret', securityToken: 'token-2' };
/** What the emulated service accepts right now; reassigning it is the old triple expiring. */
let accepted = first;
let emulator: Awaited<ReturnType<typeof startRotatingTablestoreEmulator>>;

beforeAll(async () => {
  emulator = await startRotatingTablestoreEmulator('kefu-fc', () => accepted);
  await initTablestoreTable({ endpoint: emulator.url, instance: 'kefu-fc', table: 'kefu_rows', ...first });
});
afterAll(() => emulator.close());
beforeEach(() => {
  accepted = first;
});

/** The environment FC gives the instance at start: the role's first triple, no Tablestore keys of Kefu's own. */
function instanceEnv(): Record<string, string> {
  return {
    KEFU_STORE: 'tablestore',
    KEFU_TABLESTORE_ENDPOINT: emulator.url,
    KEFU_TABLESTORE_INSTANCE: 'kefu-fc',
    KEFU_TOKEN_SECRET: 's'.repeat(40),
    KEFU_LOG_LEVEL: 'silent',
    ALIBABA_CLOUD_ACCESS_KEY_ID: first.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: first.accessKeySecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: first.securityToken,
  };
}

/** deployedDeps, with the instance environment given instead of read from process.env. */
const makeDeps: MakeDeps = (role) => createKefu(loadConfig(instanceEnv()), { roleCredentials: role.current, logger: createLogger({ service: 'test', level: 'silent' }) });

const probe: RouteGroup = (app, deps) => {
  app.post('/v1/probe', async (c) => c.json({ n: await deps.store.tenant('t1').increment('probe', [c.req.query('k') ?? 'k'], 'n') }));
};

function probeEvent(key: string): FcHttpEvent {
  return { version: 'v1', rawPath: '/v1/probe', queryParameters: { k: key }, headers: {}, requestContext: { http: { method: 'POST', path: '/v1/probe' }, requestId: `1-${key}` } };
}

/** An FC3 context as the Node.js runtime passes it (only the fields read here). */
function fcContext(credentials: typeof first | undefined) {
  return { requestId: 'r', ...(credentials ? { credentials } : {}), function: { name: 'kefu-probe' } };
}

describe('role credentials per invocation', () => {
  it('an HTTP function signs with the credentials of each invocation, also after the first ones expired', async () => {
    const handler = functionHandler('probe', [probe], makeDeps);
    expect(JSON.parse((await handler(probeEvent('http'), fcContext(first))).body)).toEqual({ n: 1 });
    accepted = second;
    const renewed = await handler(probeEvent('http'), fcContext(second));
    expect({ status: renewed.statusCode, body: JSON.parse(renewed.body) as unknown }).toEqual({ status: 200, body: { n: 2 } });
  });

  it('without new credentials in the context the instance keeps its start keys, which the service then refuses', async () => {
    // The control for the case above: proof that the expiry is real and the renewal is what helps.
    const handler = functionHandler('probe', [probe], makeDeps);
    expect((await handler(probeEvent('stale'), fcContext(undefined))).statusCode).toBe(200);
    accepted = second;
    const stale = await handler(probeEvent('stale'), fcContext(undefined));
    expect({ status: stale.statusCode, code: (JSON.parse(stale.body) as { code: string }).code }).toEqual({ status: 503, code: 'STORE_UNAVAILABLE' });
  });

  it('the jobs timer takes each invocation\'s credentials too', async () => {
    const handler = timerHandler((deps) => deps.store.tenant('t1').increment('probe', ['timer'], 'n'), makeDeps, () => Promise.resolve());
    const event = JSON.stringify({ triggerName: 'every-minute', payload: '{"sweeps":1}' });
    expect(JSON.parse(await handler(event, fcContext(first)))).toEqual({ sweeps: [1] });
    accepted = second;
    expect(JSON.parse(await handler(event, fcContext(second)))).toEqual({ sweeps: [2] });
  });

  it('ignores a context without usable credentials and keeps the newest ones seen', () => {
    const role = new RoleCredentials();
    expect(role.current()).toBeUndefined();
    role.update(fcContext(first));
    for (const context of [undefined, null, 'x', {}, { credentials: null }, { credentials: { accessKeyId: '', accessKeySecret: 's' } }, { credentials: { accessKeyId: 'id' } }]) role.update(context);
    expect(role.current()).toEqual(first);
    role.update({ credentials: { accessKeyId: 'LTAI-no-token', accessKeySecret: 'k' } });
    expect(role.current()).toEqual({ accessKeyId: 'LTAI-no-token', accessKeySecret: 'k' });
  });
});
