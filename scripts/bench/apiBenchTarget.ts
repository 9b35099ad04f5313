/**
 * A server process for `npm run bench:api`, so the load generator and the server do not share a
 * core. `kefu`: the real dev server (all routes, sqlite in a temp folder, access log to a file);
 * `baseline`: a bare node:http server that only returns a constant, the ceiling.
 * Prints one JSON line `{ url, users: [{ token, conversationId }], staff: [{ token, role }] }` when
 * ready; `staff` are console sessions of the demo merchant's agents and supervisor, for the
 * inbox long-poll levels. Under `node --cpu-prof` the profile is written when SIGTERM ends it.
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { startDevServer } from '../dev/devServer';
import { DEMO_PASSWORD, DEMO_TENANT, demoStaff } from '../../mock/seed/demoTenant';

const USERS = 200;

async function startKefu(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-'));
  const config = loadConfig({}, { PORT: '0', KEFU_DATA_DIR: dataDir, KEFU_DEV_LOGIN: 'true' });
  const logger = createLogger({ service: 'kefu', destination: pino.destination({ dest: path.join(dataDir, 'access.log'), sync: false }) });
  const server = await startDevServer(config, { logger });
  const users = [];
  for (let i = 0; i < USERS; i++) {
    const session = await server.deps.accounts.devUserLogin('demo', `bench${i}`);
    const conversation = await server.deps.conversations.users.create(session.principal, 'miniprogram');
    users.push({ token: session.token, conversationId: conversation.id });
  }
  // The console's own login, as the workbench does it; the admin is left out (no seats).
  const staff = [];
  for (const member of demoStaff.filter((s) => s.role !== 'admin')) {
    const session = await server.deps.accounts.staffLogin(DEMO_TENANT, member.username, DEMO_PASSWORD);
    staff.push({ token: session.token, role: member.role });
  }
  process.stdout.write(`${JSON.stringify({ url: server.url, users, staff })}\n`);
  const stop = () => void server.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function startBaseline(): void {
  const body = JSON.stringify({ ok: true });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, users: [], staff: [] })}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
}

if (process.argv[2] === 'baseline') startBaseline();
else void startKefu();
