/**
 * A dev server in a child process, for tests that kill it (`kill -9`) and start it again on the
 * same data folder: `devServerChild.ts <data dir> [<more environment as JSON>]` (the second, say,
 * to run it on a Tablestore emulator). Prints one JSON line `{ url }` when it listens.
 */
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { startDevServer } from '../../scripts/dev/devServer';
import { Writable } from 'node:stream';

async function main(): Promise<void> {
  const more = process.argv[3] ? (JSON.parse(process.argv[3]) as Record<string, string>) : {};
  const config = loadConfig({}, { PORT: '0', KEFU_DEV_LOGIN: 'true', KEFU_DATA_DIR: process.argv[2] ?? '', KEFU_JOBS_INTERVAL_MS: '0', ...more });
  // The log is not what these tests look at; a sink keeps the child's output to the ready line.
  const logger = createLogger({ service: 'kefu', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
  const server = await startDevServer(config, { logger });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

void main();
