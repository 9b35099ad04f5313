import { isKefuError } from '../errors';
import { ConditionFailedError } from '../store';
import { MAX_CONFLICT_RETRIES, retryOnConflict } from './retryOnConflict';

describe('retryOnConflict', () => {
  it('redoes an attempt that lost a race, on fresh data, and returns the winner’s result', async () => {
    let calls = 0;
    const result = await retryOnConflict(() => {
      calls++;
      return calls < 3 ? Promise.reject(new ConditionFailedError('conversation', 'version')) : Promise.resolve(`done after ${calls}`);
    });
    expect(result).toBe('done after 3');
  });

  it('answers CONFLICT, never the store’s condition error, after the last lost race', async () => {
    let calls = 0;
    const err = await retryOnConflict(() => {
      calls++;
      return Promise.reject(new ConditionFailedError('conversation', 'version'));
    }).catch((e: unknown) => e);
    expect(isKefuError(err) && err.code).toBe('CONFLICT');
    expect(calls).toBe(MAX_CONFLICT_RETRIES + 1);
  });

  it('passes any other error through at once', async () => {
    let calls = 0;
    await expect(
      retryOnConflict(() => {
        calls++;
        return Promise.reject(new Error('disk full'));
      }),
    ).rejects.toThrow('disk full');
    expect(calls).toBe(1);
  });
});
