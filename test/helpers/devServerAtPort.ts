/**
 * A dev server in a child process on a given port and data folder, for tests that stop the server
 * and start it again where clients already point (argv: dataDir, port). Prints one JSON line
 * `{ url }` when it listens.
 */
import { Writable } from 'node:stream';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { startDevServer } from '../../scripts/dev/devServer';

async function main(): Promise<void> {
  const config = loadConfig({}, { PORT: process.argv[3] ?? '0', KEFU_DEV_LOGIN: 'true', KEFU_DATA_DIR: process.argv[2] ?? '', KEFU_JOBS_INTERVAL_MS: '0', KEFU_LONGPOLL_TIMEOUT_MS: '20000' });
  const logger = createLogger({ service: 'kefu', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
  const server = await startDevServer(config, { logger });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

void main();
