import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Writable } from 'node:stream';
import { createKefu, type Kefu } from '../../shared/app';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import type { Store } from '../../shared/store';

/**
 * A Kefu for an in-process benchmark, built by the composition root every deployment uses
 * (createKefu), on the benchmark's store and clock, with a log that goes nowhere (the log is not
 * what a benchmark measures) and without OCR.
 */
export function benchKefu(store: Store, clock?: () => Date): Kefu {
  const config = loadConfig({}, { KEFU_STORE: 'memory', KEFU_DATA_DIR: os.tmpdir(), KEFU_OCR: 'off' });
  const logger = createLogger({ service: 'bench', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
  return createKefu(config, { store, logger, tokenSecret: randomBytes(32).toString('hex'), ...(clock ? { clock } : {}) });
}
