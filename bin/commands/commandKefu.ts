import { randomBytes } from 'node:crypto';
import { createKefu, type Kefu } from '../../shared/app';
import { loadConfig } from '../../shared/config';
import { KefuError, isKefuError } from '../../shared/errors';
import { createLogger } from '../../shared/log';
import type { CommandIo } from './understandCommand';

/**
 * `commandKefu`, or undefined when it cannot be built; the reason is written to stderr, so a
 * command just ends with exit code 1.
 */
export function openCommandKefu(io: CommandIo, overrides: Readonly<Record<string, string>> = {}): Kefu | undefined {
  try {
    return commandKefu(io, overrides);
  } catch (err) {
    io.stderr.write(isKefuError(err) ? `[${err.code}] ${err.message}\n` : `无法打开存储: ${String(err)}\n`);
    return undefined;
  }
}

/**
 * The Kefu a `kefu` command works on: built by the composition root from the current settings
 * (KEFU_STORE, KEFU_DATA_DIR, KEFU_TABLESTORE_* and the rest, `overrides` first), so a command reads
 * and writes the same store the functions and the dev server would. The caller closes `store`.
 */
export function commandKefu(io: CommandIo, overrides: Readonly<Record<string, string>> = {}): Kefu {
  const config = loadConfig(undefined, overrides);
  // The command's process ends with the command: the memory store would forget what it wrote.
  if (config.store === 'memory') throw new KefuError('CONFIG_INVALID', 'KEFU_STORE=memory 不保存任何数据,请使用 sqlite 或 tablestore', { key: 'KEFU_STORE' });
  return createKefu(config, {
    // A command issues no sessions; the signer only has to exist when KEFU_TOKEN_SECRET is unset.
    tokenSecret: randomBytes(32).toString('hex'),
    // stdout carries the command's output (an export, --json); log lines go to stderr.
    logger: createLogger({ service: 'cli', level: config.logLevel, destination: io.stderr }),
  });
}
