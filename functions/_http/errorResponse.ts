import { errorCatalogue, type ErrorCode } from '../../shared/errors';

/**
 * Words of a storage driver (Tablestore's OTS codes and request ids, SQLite's messages) that must
 * never reach a client, whatever code they travel under.
 */
const STORE_WORDS = /\bOTS[A-Z]\w*|Tablestore|SQLITE_|sqlite|better-sqlite3|primary key column|key part|key must have|invalid table name|column name too long/i;

/**
 * The one error body shape: `{ code, message, requestId }` (+ `details` when useful). A store's
 * errors (STORE_*) and any message in a store's words answer with the catalogue's message and no
 * details: what the store said is for the log, not for the client.
 */
export function errorResponse(code: ErrorCode, requestId: string, message?: string, details?: Record<string, unknown>): Response {
  const fromStore = code.startsWith('STORE_') || (message !== undefined && STORE_WORDS.test(message));
  const body = {
    code,
    message: fromStore || message === undefined ? errorCatalogue[code].zh : message,
    requestId,
    ...(details && !fromStore ? { details } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: errorCatalogue[code].status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
