import { Type, type Static } from '@sinclair/typebox';

/** The fields every log line carries (ARCHITECTURE.md section 2, `log/`). */
export const LogRecord = Type.Object({
  level: Type.String(),
  timestamp: Type.String({ format: 'date-time' }),
  request_id: Type.String(),
  user_id: Type.String(),
  service_type: Type.String(),
  /** Always masked: never a full phone, bank card or ID number. */
  issue_description: Type.String(),
  msg: Type.Optional(Type.String()),
});
export type LogRecord = Static<typeof LogRecord>;
