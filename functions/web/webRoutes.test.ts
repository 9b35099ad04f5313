import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFunctionApp } from '../_http/createFunctionApp';
import { createKefu } from '../../shared/app';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { createMemoryStore } from '../../shared/store/drivers';
import { consoleRoutes } from './consoleRoutes';
import { h5Routes } from './h5Routes';

describe('the web function: the console and the H5 page from its own folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-web-'));
    mkdirSync(path.join(dir, 'console', 'assets'), { recursive: true });
    mkdirSync(path.join(dir, 'h5'), { recursive: true });
    writeFileSync(path.join(dir, 'console', 'index.html'), '<div id="root"></div><script src="/console/assets/index-abc.js"></script>');
    writeFileSync(path.join(dir, 'console', 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'h5', 'index.html'), '<script src="./main.js"></script>');
    writeFileSync(path.join(dir, 'h5', 'main.js'), 'var chat = 1;');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function app(staticDir: string) {
    const config = loadConfig({}, { KEFU_STORE: 'memory', KEFU_TOKEN_SECRET: 's'.repeat(40), KEFU_LOG_LEVEL: 'silent' });
    const deps = createKefu(config, { store: createMemoryStore(), logger: createLogger({ service: 'test', level: 'silent' }) });
    return createFunctionApp('web', deps, consoleRoutes(path.join(staticDir, 'console')), h5Routes(path.join(staticDir, 'h5')));
  }

  it('serves the built files with their types and caching', async () => {
    const web = app(dir);
    const page = await web.request('/console/');
    expect([page.status, page.headers.get('content-type'), page.headers.get('cache-control')]).toEqual([200, 'text/html; charset=utf-8', 'no-cache']);
    expect(await page.text()).toContain('/console/assets/index-abc.js');
    const asset = await web.request('/console/assets/index-abc.js');
    expect([asset.status, asset.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect((await web.request('/h5/')).status).toBe(200);
    const script = await web.request('/h5/main.js');
    expect([script.status, script.headers.get('content-type'), await script.text()]).toEqual([200, 'text/javascript; charset=utf-8', 'var chat = 1;']);
    expect((await web.request('/h5')).headers.get('location')).toBe('/h5/');
  });

  it('answers 404 with a code for what is not there, outside the folder included', async () => {
    const web = app(dir);
    writeFileSync(path.join(dir, 'secret.txt'), 'not for the web');
    for (const p of ['/console/assets/missing.js', '/console/assets/..%2F..%2Fsecret.txt', '/console/assets/..%2F..%2F..%2Fetc%2Fpasswd']) {
      const res = await web.request(p);
      expect([p, res.status]).toEqual([p, 404]);
      expect(((await res.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
    }
    const unbuilt = app(path.join(dir, 'nothing-here'));
    const res = await unbuilt.request('/h5/');
    expect(res.status).toBe(404);
    expect((await res.json()) as { code: string; message: string }).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'H5 页面尚未构建,请运行 npm run build:functions' });
  });
});
