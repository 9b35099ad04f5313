import { errorCatalogue, type ErrorCode } from '../../shared/errors';

/** The one error body shape: `{ code, message, requestId }` (+ `details` when useful). */
export function errorResponse(code: ErrorCode, requestId: string, message?: string, details?: Record<string, unknown>): Response {
  const body = { code, message: message ?? errorCatalogue[code].zh, requestId, ...(details ? { details } : {}) };
  return new Response(JSON.stringify(body), {
    status: errorCatalogue[code].status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
