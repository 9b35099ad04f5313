import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { mask } from '../nlp/mask';
import { SHANGHAI_OFFSET_MS } from '../nlp/shanghaiTime';
import { isServiceType } from './serviceType';
import { checkLine } from './lineChecks';

export type Logger = PinoLogger;

export interface LoggerOptions {
  /** The `function` of every line that does not name its own, e.g. `message` or `local`. */
  readonly service: string;
  readonly level?: string;
  /** Where JSON lines go; stdout by default (Function Compute collects stdout into SLS). */
  readonly destination?: DestinationStream;
}

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
  if (value instanceof Error) {
    // The catalogue code of a KefuError says what failed without reading the message.
    const code = (value as { code?: unknown }).code;
    return { type: value.name, ...(typeof code === 'string' ? { code } : {}), message: mask(value.message, 'log'), stack: value.stack && mask(value.stack, 'log') };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

/**
 * `service_type` is the business type of the question (支付, 理财, ...). Code that still passes its
 * function's name there (`service_type: 'auth'`) has it moved to `function`, so the line keeps one
 * meaning per key.
 */
function shapeRecord(object: Record<string, unknown>): Record<string, unknown> {
  const masked = maskDeep(object) as Record<string, unknown>;
  const given = masked['service_type'];
  if (!isServiceType(given)) {
    if (typeof given === 'string' && given) masked['function'] = given;
    masked['service_type'] = '';
  }
  return masked;
}

/** `2026-12-01T18:05:18.123+08:00`: the wall clock the merchants and the seed's records use. */
function shanghaiTimestamp(): string {
  return `,"timestamp":"${new Date(Date.now() + SHANGHAI_OFFSET_MS).toISOString().slice(0, -1)}+08:00"`;
}

/**
 * Structured JSON-lines logger (pino) writing the seed's log record (shared/schemas/logRecordSchema):
 * `level`, `timestamp` (ISO 8601, +08:00), `request_id`, `user_id`, `service_type` (business
 * type), `issue_description` (masked), `function`, each key once, then the line's own fields and
 * `msg`. Phone, bank card and ID numbers are masked (log policy) in the message, the fields and
 * the bindings before anything is written.
 */
export function createLogger(options: LoggerOptions): Logger {
  const defaults = { request_id: '-', user_id: '-', service_type: '', issue_description: '', function: options.service } as const;
  return pino(
    {
      level: options.level ?? 'info',
      // No pid/hostname: FC adds its own instance fields, and every key here is the record's.
      base: undefined,
      messageKey: 'msg',
      timestamp: shanghaiTimestamp,
      // Child bindings bypass `formatters.log`; pino runs serializers on them, so the fields that
      // carry user input are masked there too.
      serializers: {
        user_id: maskDeep,
        request_id: maskDeep,
        issue_description: maskDeep,
        // Already a plain masked object (formatters.log ran first); pino's own err serializer
        // would call it an "Object".
        err: (err: unknown) => maskDeep(err),
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: shapeRecord,
      },
      mixin(mergeObject, _level, logger) {
        // Absent record keys get a neutral value so log queries never miss them; a key bound on a
        // child logger is already in the line.
        let missing: Record<string, string> | undefined;
        const bound = boundKeys(logger);
        for (const [key, fallback] of Object.entries(defaults)) {
          if (!(key in mergeObject) && !bound.has(key)) (missing ??= {})[key] = fallback;
        }
        return missing ?? {};
      },
      hooks: {
        logMethod(args, method) {
          const bound = boundKeys(this);
          const masked = args.map((a: unknown, i) => {
            if (typeof a === 'string') return mask(a, 'log');
            // The merge object may not repeat a key the child logger already wrote: each key once.
            if (i === 0 && bound.size && a && typeof a === 'object' && !(a instanceof Error)) {
              const own = { ...(a as Record<string, unknown>) };
              for (const key of bound) delete own[key];
              return own;
            }
            return a;
          });
          method.apply(this, masked as Parameters<typeof method>);
        },
        streamWrite: checkLine,
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}
