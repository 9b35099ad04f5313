import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { mask, SHANGHAI_OFFSET_MS } from '../nlp';
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

/** Our own ids (request and conversation ids), which hold digits but never personal data. */
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Fewer than 11 digits (half- or full-width): too few for the shortest number masked, a mobile. */
function tooFewDigits(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) && ++digits === 11) return false;
  }
  return true;
}

/**
 * mask() for a log string, with a shortcut for the strings every request line carries: a request
 * id or a path holding a UUID has enough digits to send mask() through its full scan (a third of a
 * line's cost), yet without its UUIDs too few to hide anything, so it is returned as is. mask()
 * never touches a UUID's digits either, so the result is the same.
 */
function maskLogString(text: string): string {
  if (tooFewDigits(text)) return text;
  if (text.includes('-') && tooFewDigits(text.replace(UUIDS, ''))) return text;
  return mask(text, 'log');
}

/** Masks every string inside a log object, so personal data cannot reach a log by any field. */
function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskLogString(value);
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
 * Child bindings bypass `formatters.log`; pino runs serializers on them and on the line's own
 * keys, so the fields that carry user input are masked here, once.
 */
const serializers: Record<string, (value: unknown) => unknown> = {
  user_id: (value) => maskDeep(value),
  request_id: (value) => maskDeep(value),
  issue_description: (value) => maskDeep(value),
  // maskDeep makes an Error a plain masked object; pino's own err serializer would call that an
  // "Object".
  err: (err) => maskDeep(err),
};
const SERIALIZED = new Set(Object.keys(serializers));

/**
 * `service_type` is the business type of the question (支付, 理财, ...). Code that still passes its
 * function's name there (`service_type: 'auth'`) has it moved to `function`, so the line keeps one
 * meaning per key.
 */
function shapeRecord(object: Record<string, unknown>): Record<string, unknown> {
  // The keys with a serializer are masked by it, which pino runs after this: not twice.
  const masked: Record<string, unknown> = {};
  for (const key in object) {
    const value = object[key];
    masked[key] = SERIALIZED.has(key) ? value : maskDeep(value, 1);
  }
  const given = masked['service_type'];
  if (!isServiceType(given)) {
    if (typeof given === 'string' && given) masked['function'] = given;
    masked['service_type'] = '';
  }
  return masked;
}

/** The line's timestamp up to the second, and which second it is: reused for the next lines of that second. */
let stampSecond = -1;
let stampPrefix = '';

/**
 * `2026-12-01T18:05:18.123+08:00`: the wall clock the merchants and the seed's records use. Only
 * the milliseconds are formatted per line; the date and time once a second (toISOString per line
 * was a twentieth of a line's cost).
 */
function shanghaiTimestamp(): string {
  const now = Date.now() + SHANGHAI_OFFSET_MS;
  const second = Math.floor(now / 1000);
  if (second !== stampSecond) {
    stampSecond = second;
    stampPrefix = `,"timestamp":"${new Date(second * 1000).toISOString().slice(0, 20)}`;
  }
  const ms = now - second * 1000;
  return `${stampPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}+08:00"`;
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
  const defaultKeys = Object.keys(defaults) as (keyof typeof defaults)[];
  return pino(
    {
      level: options.level ?? 'info',
      // No pid/hostname: FC adds its own instance fields, and every key here is the record's.
      base: undefined,
      messageKey: 'msg',
      timestamp: shanghaiTimestamp,
      serializers,
      formatters: {
        level: (label) => ({ level: label }),
        log: shapeRecord,
      },
      mixin(mergeObject, _level, logger) {
        // Absent record keys get a neutral value so log queries never miss them; a key bound on a
        // child logger is already in the line.
        let missing: Record<string, string> | undefined;
        const bound = boundKeys(logger);
        for (const key of defaultKeys) {
          if (!(key in mergeObject) && !bound.has(key)) (missing ??= {})[key] = defaults[key];
        }
        // A fresh object: pino merges the line's keys into what the mixin returns.
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
