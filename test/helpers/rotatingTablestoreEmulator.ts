import { startTablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';

/** A temporary key triple (STS) as Function Compute hands a role's credentials out. */
export interface KeyTriple {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
}

/**
 * A Tablestore emulator that checks every request against the triple `accepted()` returns at that
 * moment: changing what it returns is the service letting the old keys expire and taking only the
 * renewed ones.
 */
export function startRotatingTablestoreEmulator(instance: string, accepted: () => KeyTriple): ReturnType<typeof startTablestoreEmulator> {
  return startTablestoreEmulator({
    instance,
    localTransactionsFor: ['kefu_rows', 'sts_rows'],
    get accessKeyId() {
      return accepted().accessKeyId;
    },
    get accessKeySecret() {
      return accepted().accessKeySecret;
    },
    get securityToken() {
      return accepted().securityToken;
    },
  });
}
