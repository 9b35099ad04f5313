import { createFunctionApp } from '../_http/createFunctionApp';
import { createKefu } from '../../shared/app';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import type { Store } from '../../shared/store';
import { healthRoutes } from './healthRoutes';

it('GET /v1/health answers ok without touching the store, and says nothing about the deployment', async () => {
  const untouchable = new Proxy({} as Store, {
    get() {
      throw new Error('the health probe must not use the store');
    },
  });
  const config = loadConfig({}, { KEFU_STORE: 'memory', KEFU_TOKEN_SECRET: 's'.repeat(40), KEFU_LOG_LEVEL: 'silent' });
  const app = createFunctionApp('message', createKefu(config, { store: untouchable, logger: createLogger({ service: 'test', level: 'silent' }) }), healthRoutes);
  const res = await app.request('/v1/health');
  expect([res.status, await res.json()]).toEqual([200, { ok: true }]);
});
