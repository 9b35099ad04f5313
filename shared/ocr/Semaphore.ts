import { KefuError } from '../errors';

/**
 * At most `limit` tasks at once; the rest wait in arrival order. A task that waited `maxWaitMs`
 * without getting a slot is given up (OCR_TIMEOUT, phase "queue"), so a burst of uploads cannot
 * hold requests open behind each other without end.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('Semaphore limit must be a positive integer');
  }

  /** How many tasks hold a slot now. */
  get running(): number {
    return this.active;
  }

  async run<T>(task: () => Promise<T>, maxWaitMs = Infinity): Promise<T> {
    await this.acquire(maxWaitMs);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(maxWaitMs: number): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        this.active++;
        resolve();
      };
      const timer = Number.isFinite(maxWaitMs)
        ? setTimeout(() => {
            this.waiting.splice(this.waiting.indexOf(grant), 1);
            reject(new KefuError('OCR_TIMEOUT', undefined, { phase: 'queue' }));
          }, maxWaitMs)
        : undefined;
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}
