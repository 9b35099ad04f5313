import { KefuError } from '../errors';

/** Thrown when a conditional write's expectation does not hold; nothing was written. */
export class ConditionFailedError extends KefuError {
  constructor(table: string, condition: string) {
    super('STORE_CONDITION_FAILED', `Condition ${condition} failed on table ${table}`, { table, condition });
    this.name = 'ConditionFailedError';
  }
}

export function isConditionFailed(err: unknown): err is ConditionFailedError {
  return err instanceof ConditionFailedError;
}
