import { OtsError } from './OtsError';

/** One scripted failure: the next `times` requests (of `actions`, when given) fail with `code`. */
export interface Fault {
  readonly code: 'OTSServerBusy' | 'OTSNotEnoughCapacityUnit' | 'OTSQuotaExhausted' | 'OTSRowOperationConflict' | 'OTSPartitionUnavailable' | 'OTSInternalServerError';
  times: number;
  readonly actions?: readonly string[];
}

const FAULT_STATUS: Record<Fault['code'], [number, string]> = {
  OTSServerBusy: [503, 'Service is busy.'],
  OTSNotEnoughCapacityUnit: [403, 'Remaining capacity unit is not enough.'],
  OTSQuotaExhausted: [403, 'Too frequent table operations.'],
  OTSRowOperationConflict: [409, 'Data is being modified by the other request.'],
  OTSPartitionUnavailable: [503, 'The partition is not available.'],
  OTSInternalServerError: [500, 'Internal server error.'],
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

  /** Throws the next scripted failure for `action`, if one is due. */
  play(action: string): void {
    const fault = this.faults.find((f) => f.times > 0 && (!f.actions || f.actions.includes(action)));
    if (!fault) return;
    fault.times--;
    const [status, text] = FAULT_STATUS[fault.code];
    throw new OtsError(status, fault.code, text);
  }
}
