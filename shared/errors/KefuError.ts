import { errorCatalogue, type ErrorCode } from './errorCatalogue';

/** The only error type the domain throws on purpose; anything else is a bug and becomes INTERNAL. */
export class KefuError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Machine-readable context (e.g. which field failed); never personal data. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? errorCatalogue[code].zh);
    this.name = 'KefuError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }
}

export function isKefuError(err: unknown): err is KefuError {
  return err instanceof KefuError;
}
