import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { mask } from '../nlp/mask';

export type Logger = PinoLogger;

export interface LoggerOptions {
  /** `service_type` of every line, e.g. the function name. */
  readonly service: string;
  readonly level?: string;
  /** Where JSON lines go; stdout by default (Function Compute collects stdout into SLS). */
  readonly destination?: DestinationStream;
}

/** Fields every line must carry; absent ones get a neutral value so log queries never miss them. */
const requiredDefaults = { request_id: '-', user_id: '-', issue_description: '' } as const;

/** Keys bound on a (child) logger, parsed once per logger rather than on every line. */
const boundKeyCache = new WeakMap<object, Set<string>>();
function boundKeys(logger: PinoLogger): Set<string> {
  let keys = boundKeyCache.get(logger);
  if (!keys) {
    keys = new Set(Object.keys(logger.bindings()));
    boundKeyCache.set(logger, keys);
  }
  return keys;
}

/** Masks every string inside a log object, so personal data cannot reach a log by any field. */
function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return mask(value, 'log');
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: mask(value.message, 'log'), stack: value.stack && mask(value.stack, 'log') };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

/**
 * Structured JSON-lines logger (pino). Every line has `timestamp` (ISO 8601), `request_id`,
 * `user_id`, `service_type` and `issue_description`; phone, bank card and ID numbers are masked in
 * the message, the fields and the bindings before anything is written.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service_type: options.service },
      messageKey: 'msg',
      timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
      // Child bindings bypass `formatters.log`; pino runs serializers on them, so the fields that
      // carry user input are masked there too.
      serializers: {
        user_id: maskDeep,
        request_id: maskDeep,
        issue_description: maskDeep,
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => maskDeep(object) as Record<string, unknown>,
      },
      mixin(mergeObject, _level, logger) {
        let missing: Record<string, string> | undefined;
        for (const [key, fallback] of Object.entries(requiredDefaults)) {
          if (!(key in mergeObject) && !boundKeys(logger).has(key)) (missing ??= {})[key] = fallback;
        }
        return missing ?? {};
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a: unknown) => (typeof a === 'string' ? mask(a, 'log') : a));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}
