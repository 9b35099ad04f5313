import { OtsError } from './OtsError';

/** One scripted failure: the next `times` requests (of `actions`, when given) fail with `code`. */
export interface Fault {
  readonly code: 'OTSServerBusy' | 'OTSNotEnoughCapacityUnit' | 'OTSQuotaExhausted' | 'OTSRowOperationConflict' | 'OTSPartitionUnavailable' | 'OTSInternalServerError' | 'OTSTimeout';
  times: number;
  readonly actions?: readonly string[];
  /**
   * The request is carried out and only its answer is the error: a timeout or a 5xx after the
   * service applied the write, which a client cannot tell from one that did not happen.
   */
  readonly afterApplying?: boolean;
}

const FAULT_STATUS: Record<Fault['code'], [number, string]> = {
  OTSServerBusy: [503, 'Service is busy.'],
  OTSNotEnoughCapacityUnit: [403, 'Remaining capacity unit is not enough.'],
  OTSQuotaExhausted: [403, 'Too frequent table operations.'],
  OTSRowOperationConflict: [409, 'Data is being modified by the other request.'],
  OTSPartitionUnavailable: [503, 'The partition is not available.'],
  OTSInternalServerError: [500, 'Internal server error.'],
  OTSTimeout: [503, 'Operation timeout.'],
};

/** Throttling and outages a test scripts, played in order with the service's status and code. */
export class FaultScript {
  private readonly faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** Throws the next scripted failure for `action` that comes before the request is carried out, if one is due. */
  play(action: string): void {
    this.next(action, false);
  }

  /** Throws the next scripted failure for `action` that replaces the answer of a request carried out. */
  playAfter(action: string): void {
    this.next(action, true);
  }

  private next(action: string, afterApplying: boolean): void {
    const fault = this.faults.find((f) => f.times > 0 && Boolean(f.afterApplying) === afterApplying && (!f.actions || f.actions.includes(action)));
    if (!fault) return;
    fault.times--;
    const [status, text] = FAULT_STATUS[fault.code];
    throw new OtsError(status, fault.code, text);
  }
}
