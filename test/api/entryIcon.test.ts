import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { png } from '../helpers/mediaFixtures';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

/** A JPEG header as far as the checks read it (SOI, JFIF, a start-of-frame with the size), then EOI. */
function jpeg(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]);
}

describe('entry icon: a merchant uploads its own entry-button icon', () => {
  let server: TestServer;
  let admin: string;

  async function upload(token: string, file: Buffer, type = 'image/png') {
    const form = new FormData();
    form.set('file', new Blob([file], { type }), 'icon.png');
    const res = await server.fetch(new Request(`${server.url}/v1/merchant/entry-icon`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form }), { sourceIp: '127.0.0.1' });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }
  const storedFiles = () => {
    const dir = path.join(server.deps.config.dataDir, 'media', 'demo');
    return existsSync(dir) ? readdirSync(dir).length : 0;
  };
  /** The path of an icon URL, fetched from the test server (the https in front is the deploy's). */
  const pathOf = (url: unknown) => new URL(String(url)).pathname;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await staffLogin(server, 'admin');
  });
  afterAll(() => server.stop());

  it('takes a small PNG from an admin, serves it publicly under an https URL the entry settings accept', async () => {
    const icon = png(64, 64);
    const up = await upload(admin, icon);
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ mime: 'image/png', bytes: icon.length });
    const url = String(up.json['url']);
    expect(url).toMatch(new RegExp(`^https://${server.url.replace('http://', '').replace(/\./g, '\\.')}/v1/entry-icon/demo/icon[0-9a-f]{32}$`));

    // No session: the mini-program's <image> loads it before anyone logs in.
    const served = await server.call('GET', pathOf(url));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toContain('immutable');
    const raw = await server.fetch(new Request(server.url + pathOf(url)), { sourceIp: '127.0.0.1' });
    expect(Buffer.from(await raw.arrayBuffer()).equals(icon)).toBe(true);

    const current = (await server.call('GET', '/v1/entry-config?tenant=demo')).json;
    const saved = await server.call('PUT', '/v1/merchant/entry-config', { token: admin, body: { ...current, icon: url } });
    expect(saved.status).toBe(200);
    expect((await server.call('GET', '/v1/entry-config?tenant=demo')).json['icon']).toBe(url);
  });

  it('takes a JPEG from a supervisor', async () => {
    const up = await upload(await staffLogin(server, 'chenzhuguan'), jpeg(96, 96), 'image/jpeg');
    expect(up).toMatchObject({ status: 201, json: { mime: 'image/jpeg' } });
  });

  it('refuses a wrong type, a file too big or too wide, and a mismatched declaration, with codes and Chinese messages', async () => {
    const webp = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8X', 'latin1'), Buffer.alloc(20)]);
    const cases: [Buffer, string, number, string, RegExp][] = [
      [Buffer.from('GIF89a 一张动图,不是 PNG', 'utf8'), 'image/gif', 415, 'MEDIA_TYPE_UNSUPPORTED', /仅支持 PNG 或 JPEG/],
      [webp, 'image/webp', 415, 'MEDIA_TYPE_UNSUPPORTED', /仅支持 PNG 或 JPEG/],
      [png(8, 8), 'image/jpeg', 415, 'MEDIA_TYPE_MISMATCH', /与声明的类型不符/],
      [Buffer.concat([png(8, 8), Buffer.alloc(51 * 1024)]), 'image/png', 413, 'MEDIA_TOO_LARGE', /图标不能超过 50 KB/],
      [png(600, 20), 'image/png', 413, 'MEDIA_IMAGE_TOO_LARGE', /不能超过 512×512/],
      [Buffer.alloc(0), 'image/png', 400, 'MEDIA_EMPTY', /文件为空/],
    ];
    const before = storedFiles();
    for (const [file, type, status, code, message] of cases) {
      const res = await upload(admin, file, type);
      expect({ status: res.status, code: res.json['code'] }).toEqual({ status, code });
      expect(String(res.json['message'])).toMatch(message);
    }
    const json = await server.call('POST', '/v1/merchant/entry-icon', { token: admin, body: { file: 'x' } });
    expect({ status: json.status, code: json.json['code'] }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(storedFiles()).toBe(before);
  });

  it('is for admins and supervisors only: an agent, a user and no session are refused', async () => {
    const before = storedFiles();
    const agent = await upload(await staffLogin(server, 'xiaowang'), png(32, 32));
    expect({ status: agent.status, code: agent.json['code'] }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const user = await upload(await userLogin(server, 'u001'), png(32, 32));
    expect({ status: user.status, code: user.json['code'] }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(storedFiles()).toBe(before);
    const anonymous = await server.call('POST', '/v1/merchant/entry-icon', { raw: 'x', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect({ status: anonymous.status, code: anonymous.json['code'] }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it("keeps each merchant's icons under its own tenant", async () => {
    await server.deps.accounts.createTenant('acme', '另一家商户');
    await server.deps.accounts.putStaff('acme', { username: 'boss', displayName: '别家管理员', role: 'admin', password: 'Acme@2026' });
    const theirs = await upload(await staffLogin(server, 'boss', 'Acme@2026', 'acme'), png(16, 16));
    expect(theirs.status).toBe(201);
    const theirPath = pathOf(theirs.json['url']);
    expect(theirPath).toMatch(/^\/v1\/entry-icon\/acme\/icon/);
    expect((await server.call('GET', theirPath)).status).toBe(200);
    // The same id under the other merchant is no file at all.
    const crossed = await server.call('GET', theirPath.replace('/acme/', '/demo/'));
    expect({ status: crossed.status, code: crossed.json['code'] }).toEqual({ status: 404, code: 'MEDIA_NOT_FOUND' });
    const made = await server.call('GET', '/v1/entry-icon/demo/not-an-icon');
    expect({ status: made.status, code: made.json['code'] }).toEqual({ status: 404, code: 'MEDIA_NOT_FOUND' });
  });

  it('keeps the entry settings to a built-in icon name, an https image or empty', async () => {
    const current = (await server.call('GET', '/v1/entry-config?tenant=demo')).json;
    for (const icon of ['headset', 'chat', 'question', 'phone', '']) {
      const res = await server.call('PUT', '/v1/merchant/entry-config', { token: admin, body: { ...current, icon } });
      expect({ icon, status: res.status }).toEqual({ icon, status: 200 });
    }
    for (const icon of ['rocket', 'http://example.com/a.png', 'javascript:alert(1)']) {
      const res = await server.call('PUT', '/v1/merchant/entry-config', { token: admin, body: { ...current, icon } });
      expect({ icon, status: res.status, code: res.json['code'] }).toEqual({ icon, status: 400, code: 'VALIDATION_FAILED' });
    }
  });
});
