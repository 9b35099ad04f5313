import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { startDevServer, type DevServer } from '../../scripts/dev/devServer';

export interface TestServer extends DevServer {
  /** Everything the server logged so far, as raw JSON lines. */
  logText(): string;
  call(method: string, route: string, options?: CallOptions): Promise<ApiResponse>;
  /** A raw request (a multipart upload, a download) handed to the app in-process, as from 127.0.0.1. */
  request(route: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export interface CallOptions {
  readonly token?: string;
  /** A JSON-serialisable body, or a raw string sent as is. */
  readonly body?: unknown;
  readonly raw?: string | Buffer;
  readonly headers?: Record<string, string>;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, unknown>;
}

/**
 * The real dev server (routes, sqlite in a temp folder) on a free port, with its log captured.
 * `call` hands requests to the app in-process (Hono's fetch, as from 127.0.0.1): no socket is
 * needed to test routes. Tests of the connection itself (aborts, browsers) use `url`.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-test-'));
  const chunks: string[] = [];
  const logger = createLogger({
    service: 'kefu',
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk.toString('utf8'));
        cb();
      },
    }),
  });
  const config = loadConfig({}, { PORT: '0', KEFU_DATA_DIR: dataDir, KEFU_DEV_LOGIN: 'true', KEFU_LONGPOLL_TIMEOUT_MS: '5000', ...env });
  // A long recheck interval proves that waiting polls are woken by the notifier, not by polling.
  const server = await startDevServer(config, { logger, recheckMs: 60_000 });
  return {
    ...server,
    logText: () => chunks.join(''),
    call: (method, route, options = {}) => call(server.url, method, route, options, (request) => server.fetch(request, { sourceIp: '127.0.0.1' })),
    request: (route, init) => server.fetch(new Request(server.url + route, init), { sourceIp: '127.0.0.1' }),
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A request to `base + route`, over HTTP or, with `send`, handed to an app in-process. */
export async function call(base: string, method: string, route: string, options: CallOptions = {}, send: (request: Request) => Promise<Response> = fetch): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | Buffer | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await send(new Request(base + route, { method, headers, ...(body !== undefined ? { body } : {}) }));
  const text = await res.text();
  let json: Record<string, unknown>;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = { nonJson: text };
  }
  return { status: res.status, headers: res.headers, json };
}

/** Logs a demo user in through the dev-only login. */
export async function userLogin(server: TestServer, userId: string, tenant = 'demo'): Promise<string> {
  const res = await server.call('POST', '/v1/auth/dev-login', { body: { tenant, userId } });
  if (res.status !== 200) throw new Error(`dev login failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json['token'] as string;
}

/** Logs a staff member in with a password. */
export async function staffLogin(server: TestServer, username: string, password = 'Kefu@2026', tenant = 'demo'): Promise<string> {
  const res = await server.call('POST', '/v1/auth/login', { body: { tenant, username, password } });
  if (res.status !== 200) throw new Error(`staff login failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json['token'] as string;
}
