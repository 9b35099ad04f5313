import { randomInt } from 'node:crypto';
import { KefuError } from '../errors';
import { hashPassword, verifyPassword, type Principal, type Role, type SessionTokens } from '../auth';
import type { Store, TenantStore } from '../store';

/** The system tenant holds the registry of merchants; it is never a merchant itself. */
export const SYSTEM_TENANT = '_system';

export type StaffRole = Exclude<Role, 'user'>;

export interface StaffRecord {
  [column: string]: unknown;
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  skills: string[];
  level: 'normal' | 'expert';
  maxConcurrent: number;
  passwordHash: string;
  /** A disabled account cannot log in or refresh its session. */
  disabled?: boolean;
  /** An agent may see customers' personal data (profile, transactions, devices, logins) only with this. */
  customerData?: boolean;
}

/** A staff account as the console lists it: never the password hash. */
export type StaffView = Omit<StaffRecord, 'passwordHash'>;

export interface UserRecord {
  [column: string]: unknown;
  id: string;
  name: string;
  /** 0 = not VIP; higher tiers are served first once routing lands. */
  vipTier: number;
  createdAt: string;
}

export interface NewStaff {
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly password: string;
  readonly skills?: string[];
  readonly level?: 'normal' | 'expert';
  readonly maxConcurrent?: number;
  readonly customerData?: boolean;
}

export interface Session {
  readonly token: string;
  readonly expiresAt: string;
  readonly principal: Principal;
}

/**
 * Merchants, their staff and their end users, and the logins that turn them into sessions.
 * Staff ids are their usernames, unique within a merchant.
 */
export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly tokens: SessionTokens,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private system(): TenantStore {
    return this.store.tenant(SYSTEM_TENANT);
  }

  async createTenant(tenant: string, name: string): Promise<void> {
    await this.system().put('tenant', [tenant], { id: tenant, name, createdAt: this.clock().toISOString() });
  }

  /** Every merchant's id (for timers that sweep all of them). */
  async listTenants(): Promise<string[]> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.system().range<{ id: string }>('tenant', [], { limit: 1000, ...(token ? { token } : {}) });
      for (const row of page.rows) ids.push(row.value.id);
      token = page.nextToken;
    } while (token);
    return ids;
  }

  async tenantExists(tenant: string): Promise<boolean> {
    if (tenant === SYSTEM_TENANT) return false;
    return (await this.system().get('tenant', [tenant])) !== undefined;
  }

  async putStaff(tenant: string, staff: NewStaff): Promise<StaffRecord> {
    const record: StaffRecord = {
      id: staff.username,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      skills: staff.skills ?? [],
      level: staff.level ?? 'normal',
      maxConcurrent: staff.maxConcurrent ?? 5,
      passwordHash: await hashPassword(staff.password),
      ...(staff.customerData ? { customerData: true } : {}),
    };
    await this.store.tenant(tenant).put('staff', [record.id], record);
    return record;
  }

  async listStaff(tenant: string): Promise<StaffView[]> {
    const page = await this.store.tenant(tenant).range<StaffRecord>('staff', [], { limit: 1000 });
    return page.rows.map(({ value: { passwordHash: _hash, ...view } }) => view);
  }

  /**
   * A new colleague (or a changed one): created with a temporary password that is returned once
   * and never stored in clear. An existing username is CONFLICT.
   */
  async inviteStaff(tenant: string, staff: Omit<NewStaff, 'password'>): Promise<{ staff: StaffView; temporaryPassword: string }> {
    if (await this.getStaff(tenant, staff.username)) throw new KefuError('STAFF_EXISTS');
    const temporaryPassword = temporaryPasswordOf();
    const { passwordHash: _hash, ...view } = await this.putStaff(tenant, { ...staff, password: temporaryPassword });
    return { staff: view, temporaryPassword };
  }

  async setStaffDisabled(tenant: string, username: string, disabled: boolean): Promise<StaffView> {
    const staff = await this.getStaff(tenant, username);
    if (!staff) throw new KefuError('NOT_FOUND', '没有这个员工');
    await this.store.tenant(tenant).update('staff', [username], { disabled });
    const { passwordHash: _hash, ...view } = { ...staff, disabled };
    return view;
  }

  /** Grants or withdraws an agent's permission to see customers' personal data. */
  async setCustomerDataPermission(tenant: string, username: string, allowed: boolean): Promise<StaffView> {
    const staff = await this.getStaff(tenant, username);
    if (!staff) throw new KefuError('NOT_FOUND', '没有这个员工');
    await this.store.tenant(tenant).update('staff', [username], { customerData: allowed });
    const { passwordHash: _hash, ...view } = { ...staff, customerData: allowed };
    return view;
  }

  /** Supervisors and admins always may; an agent only when an admin granted it. */
  async mayViewCustomerData(principal: Principal): Promise<boolean> {
    if (principal.role === 'supervisor' || principal.role === 'admin') return true;
    if (principal.role !== 'agent') return false;
    const staff = await this.getStaff(principal.tenant, principal.id);
    return !!staff && !staff.disabled && staff.customerData === true;
  }

  /** A new temporary password, returned once; the old one stops working at once. */
  async resetStaffPassword(tenant: string, username: string): Promise<{ temporaryPassword: string }> {
    const staff = await this.getStaff(tenant, username);
    if (!staff) throw new KefuError('NOT_FOUND', '没有这个员工');
    const temporaryPassword = temporaryPasswordOf();
    await this.store.tenant(tenant).update('staff', [username], { passwordHash: await hashPassword(temporaryPassword) });
    return { temporaryPassword };
  }

  async getStaff(tenant: string, id: string): Promise<StaffRecord | undefined> {
    return (await this.store.tenant(tenant).get<StaffRecord>('staff', [id]))?.value;
  }

  async putUser(tenant: string, user: { id: string; name: string; vipTier?: number }): Promise<UserRecord> {
    const record: UserRecord = { id: user.id, name: user.name, vipTier: user.vipTier ?? 0, createdAt: this.clock().toISOString() };
    await this.store.tenant(tenant).put('user', [user.id], record);
    return record;
  }

  async getUser(tenant: string, id: string): Promise<UserRecord | undefined> {
    return (await this.store.tenant(tenant).get<UserRecord>('user', [id]))?.value;
  }

  /**
   * Console login. Unknown merchant, unknown user and wrong password all give the same
   * INVALID_CREDENTIALS, so the endpoint cannot be used to discover accounts.
   */
  async staffLogin(tenant: string, username: string, password: string): Promise<Session> {
    const staff = (await this.tenantExists(tenant)) ? await this.getStaff(tenant, username) : undefined;
    // Verify against a throwaway hash when the account is missing, so timing does not tell either.
    const ok = await verifyPassword(password, staff?.passwordHash ?? (await dummyHash()));
    // A disabled account answers like a wrong password: nothing to learn from the difference.
    if (!staff || !ok || staff.disabled) throw new KefuError('INVALID_CREDENTIALS');
    return this.sessionFor({ tenant, id: staff.id, role: staff.role, name: staff.displayName });
  }

  /** A user Alipay vouched for (its user id): created on first sight, then a session. */
  async alipayUserLogin(tenant: string, alipayUserId: string): Promise<Session> {
    if (!(await this.tenantExists(tenant))) throw new KefuError('TENANT_NOT_FOUND');
    const user = (await this.getUser(tenant, alipayUserId)) ?? (await this.putUser(tenant, { id: alipayUserId, name: '支付宝用户' }));
    return this.sessionFor({ tenant, id: user.id, role: 'user', name: user.name });
  }

  /**
   * The dev-only user login: trusts the user id it is given. Only mounted when KEFU_DEV_LOGIN is on;
   * Alipay login (the integration issue) replaces it. Creates the user on first sight, as a real
   * Alipay login would.
   */
  async devUserLogin(tenant: string, userId: string, name?: string): Promise<Session> {
    if (!(await this.tenantExists(tenant))) throw new KefuError('TENANT_NOT_FOUND');
    const user = (await this.getUser(tenant, userId)) ?? (await this.putUser(tenant, { id: userId, name: name ?? userId }));
    return this.sessionFor({ tenant, id: user.id, role: 'user', name: user.name });
  }

  /**
   * A fresh token for a caller whose token is still valid, so a client that stays open keeps its
   * session without logging in again; the merchant must still exist.
   */
  async refresh(principal: Principal): Promise<Session> {
    if (!(await this.tenantExists(principal.tenant))) throw new KefuError('TENANT_NOT_FOUND');
    if (principal.role !== 'user' && (await this.getStaff(principal.tenant, principal.id))?.disabled) throw new KefuError('TOKEN_INVALID');
    return this.sessionFor(principal);
  }

  private async sessionFor(principal: Principal): Promise<Session> {
    const { token, expiresAt } = await this.tokens.issue(principal);
    return { token, expiresAt, principal };
  }
}

/** 12 characters from an alphabet without look-alikes, from the system's secure random source. */
function temporaryPasswordOf(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword('no-such-account');
  return dummy;
}
