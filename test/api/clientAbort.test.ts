import net from 'node:net';
import { startTestServer, type TestServer } from '../helpers/testServer';

/** Sends the head and part of a body on a raw socket, then hangs up, as a client killed mid-upload. */
function abortMidBody(server: TestServer, head: string, partial: string): Promise<void> {
  const url = new URL(server.url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname, () => {
      socket.write(head + partial, () => setTimeout(() => socket.destroy(), 100));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
}

describe('a client that aborts mid-body', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ KEFU_JOBS_INTERVAL_MS: '0' });
  });
  afterAll(() => server.stop());

  const lines = () =>
    server
      .logText()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: string; path?: string; status?: number; msg: string });

  // A chunked body is read whole by the body-size limit before any route: abortableBody makes that
  // read fail when the client hangs up, instead of waiting forever.
  it.each([
    ['with a Content-Length', 'Content-Length: 500\r\n', '{"tenant":"demo","user'],
    ['chunked', 'Transfer-Encoding: chunked\r\n', '5\r\n{"ten'],
  ])('%s is logged as a 400 on /v1/auth/login, not as a server error', async (_name, framing, partial) => {
    const before = lines().length;
    await abortMidBody(server, `POST /v1/auth/login HTTP/1.1\r\nHost: kefu\r\nContent-Type: application/json\r\n${framing}\r\n`, partial);
    await waitFor(() => lines().length > before);
    const logged = lines().slice(before);
    expect(logged.map((l) => ({ level: l.level, path: l.path, status: l.status }))).toEqual([{ level: 'info', path: '/v1/auth/login', status: 400 }]);
    expect(server.logText()).not.toContain('"level":"error"');
    // The server goes on serving.
    const res = await server.call('POST', '/v1/auth/login', { body: { tenant: 'demo', username: 'admin', password: 'Kefu@2026' } });
    expect(res.status).toBe(200);
  });

  it('a whole chunked body still goes through', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"tenant":"demo","username":"admin",'));
        controller.enqueue(new TextEncoder().encode('"password":"Kefu@2026"}'));
        controller.close();
      },
    });
    const init: RequestInit & { duplex: 'half' } = { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' };
    const res = await fetch(`${server.url}/v1/auth/login`, init);
    expect(res.status).toBe(200);
  });
});
