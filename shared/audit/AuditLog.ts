import { randomUUID } from 'node:crypto';
import type { Role } from '../auth';
import type { Store } from '../store';
import { auditTables } from './auditTables';

/** What was looked at: `customerRecord` is the workbench's customer panel (profile, transactions ...). */
export type AuditAction = 'customerRecord';

/** Who looked at whose data, and what: the same in what is recorded and what is stored. */
interface AuditFacts {
  /** The staff id that looked. */
  readonly who: string;
  readonly role: Role;
  /** The user whose data was shown. */
  readonly whom: string;
  readonly what: AuditAction;
}

/** One audit row, as stored. */
export interface AuditEntry extends AuditFacts {
  readonly [column: string]: unknown;
  /** ISO time of the view. */
  readonly at: string;
}

/** What a caller records: the time as a Date, so the stored key is always a sortable ISO string. */
export interface AuditRecord extends AuditFacts {
  readonly at: Date;
}

export interface AuditListOptions {
  /** `'backward'`: newest first. Default oldest first. */
  readonly direction?: 'forward' | 'backward';
  /** At most this many entries (default 100, at most 1000, as the store pages). */
  readonly limit?: number;
  /** The `nextToken` of the previous page. */
  readonly token?: string;
}

export interface AuditPage {
  readonly entries: AuditEntry[];
  readonly nextToken?: string;
}

/**
 * The one owner of the `audit` rows: every view of a customer's personal data is recorded here
 * (who, their role, whom, what, when), and read back in time order. Entries are only ever added.
 */
export class AuditLog {
  constructor(
    private readonly store: Store,
    private readonly newId: () => string = randomUUID,
  ) {}

  async record(tenant: string, entry: AuditRecord): Promise<AuditEntry> {
    const at = entry.at.toISOString();
    const stored: AuditEntry = { who: entry.who, role: entry.role, whom: entry.whom, what: entry.what, at };
    await this.store.tenant(tenant).put(auditTables.audit, [at, this.newId()], stored);
    return stored;
  }

  async list(tenant: string, options: AuditListOptions = {}): Promise<AuditPage> {
    const page = await this.store.tenant(tenant).range<AuditEntry>(auditTables.audit, [], {
      ...(options.direction ? { direction: options.direction } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.token ? { token: options.token } : {}),
    });
    return { entries: page.rows.map((r) => r.value), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  }
}
