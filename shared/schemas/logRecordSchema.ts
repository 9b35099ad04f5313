import { Type, type Static } from '@sinclair/typebox';

/**
 * The seed's business types, the `service_type` of a log line: the kind of question a request was
 * about (Kefu's classified category), so log queries can count issues by type.
 */
export const SERVICE_TYPES = ['支付', '转账', '退款', '账单', '花呗借呗', '理财', '账户', '生活', '商家', '其他'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** ISO 8601 with milliseconds and an explicit offset (Kefu writes +08:00, Asia/Shanghai). */
const TIMESTAMP = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{2}:\\d{2}$';

/**
 * One log line (docs/architecture.md, Layout: `log/`): every line of every function has these keys,
 * each once; a request's line adds method, path, status and ms, a failure's adds `err`. Other keys
 * are allowed (context of warnings), never instead of these.
 */
export const LogRecord = Type.Object({
  level: Type.Union(['trace', 'debug', 'info', 'warn', 'error', 'fatal'].map((l) => Type.Literal(l))),
  timestamp: Type.String({ format: 'date-time', pattern: TIMESTAMP }),
  /** The request's id (`x-request-id` / `x-fc-request-id`, else a UUID); `-` outside a request. */
  request_id: Type.String({ minLength: 1 }),
  /** The user or staff member who made the request; `-` when unknown. */
  user_id: Type.String({ minLength: 1 }),
  /** The business type of the question (its classified category); empty when there is none. */
  service_type: Type.Union([...SERVICE_TYPES.map((t) => Type.Literal(t)), Type.Literal('')]),
  /** The user's words the request carried, always masked: never a full phone, card or ID number. */
  issue_description: Type.String(),
  /** The function (FC function or route group) that wrote the line: message, agent, auth, ... */
  function: Type.String({ minLength: 1 }),
  msg: Type.Optional(Type.String()),
});
export type LogRecord = Static<typeof LogRecord>;

