import { KefuError } from '../errors';
import { hashPassword, temporaryPassword as temporaryPasswordOf, verifyPassword, verifyUnknownAccount, type Principal, type Role, type SessionTokens } from '../auth';
import type { Store, TenantStore } from '../store';
import { maskName } from '../nlp';
import { LoginThrottle, accountPolicy, addressPolicy, type LoginLock, type ThrottlePolicy } from './LoginThrottle';
import { SessionGuard, type AccountSessionState } from './SessionGuard';

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
  /**
   * Tokens carry the epoch they were issued under; bumping it (disable, password reset, role change,
   * log out everywhere) ends every session at once. Missing means 0.
   */
  sessionEpoch?: number;
}

/** A staff account as the console lists it: never the password hash; when locked, until when. */
export interface StaffView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly skills: string[];
  readonly level: 'normal' | 'expert';
  readonly maxConcurrent: number;
  readonly disabled?: boolean;
  readonly customerData?: boolean;
  /** Locked by failed logins until then (ISO time). */
  readonly lockedUntil?: string;
}

export interface UserRecord {
  [column: string]: unknown;
  id: string;
  name: string;
  /** 0 = not VIP; higher tiers are served first once routing lands. */
  vipTier: number;
  createdAt: string;
  /** Blocked by the merchant: no login, no refresh, and the sessions it had are ended. */
  blocked?: boolean;
  /** As for staff: bumped when the user is blocked. */
  sessionEpoch?: number;
}

/** A user as the merchant's admin routes answer it. */
export type UserView = Omit<UserRecord, 'sessionEpoch'>;

export interface AccountServiceOptions {
  /** How long an instance trusts its last read of an account's session state (at most 30 s). */
  readonly sessionCheckMaxAgeMs?: number;
  readonly throttle?: { readonly account?: ThrottlePolicy; readonly address?: ThrottlePolicy };
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
  private readonly sessions: SessionGuard;
  private readonly throttle: LoginThrottle;
  private readonly sessionsEnded: ((tenant: string, username: string) => Promise<void>)[] = [];
  private readonly staffSeen: ((tenant: string, username: string) => Promise<void>)[] = [];

  constructor(
    private readonly store: Store,
    private readonly tokens: SessionTokens,
    private readonly clock: () => Date = () => new Date(),
    options: AccountServiceOptions = {},
  ) {
    this.sessions = new SessionGuard((p) => this.sessionStateOf(p), clock, options.sessionCheckMaxAgeMs !== undefined ? { maxAgeMs: options.sessionCheckMaxAgeMs } : {});
    this.throttle = new LoginThrottle(store, clock, { account: options.throttle?.account ?? accountPolicy, address: options.throttle?.address ?? addressPolicy }, SYSTEM_TENANT);
  }

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

  /** Creates or replaces a staff account; replacing one ends its sessions (a new epoch). */
  async putStaff(tenant: string, staff: NewStaff): Promise<StaffRecord> {
    const previous = await this.getStaff(tenant, staff.username);
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
      ...(previous ? { sessionEpoch: (previous.sessionEpoch ?? 0) + 1 } : {}),
    };
    await this.store.tenant(tenant).put('staff', [record.id], record);
    this.sessions.forget(tenant, 'staff', record.id);
    if (previous) await this.sessionsEndedFor(tenant, record.id);
    return record;
  }

  async listStaff(tenant: string): Promise<StaffView[]> {
    const [page, locks] = await Promise.all([this.store.tenant(tenant).range<StaffRecord>('staff', [], { limit: 1000 }), this.throttle.locks(tenant)]);
    const lockedUntil = new Map(locks.map((l) => [l.username, l.lockedUntil]));
    return page.rows.map(({ value }) => {
      const until = lockedUntil.get(value.id);
      return { ...viewOf(value), ...(until ? { lockedUntil: until } : {}) };
    });
  }

  /**
   * A new colleague (or a changed one): created with a temporary password that is returned once
   * and never stored in clear. An existing username is CONFLICT.
   */
  async inviteStaff(tenant: string, staff: Omit<NewStaff, 'password'>): Promise<{ staff: StaffView; temporaryPassword: string }> {
    if (await this.getStaff(tenant, staff.username)) throw new KefuError('STAFF_EXISTS');
    const temporaryPassword = temporaryPasswordOf();
    return { staff: viewOf(await this.putStaff(tenant, { ...staff, password: temporaryPassword })), temporaryPassword };
  }

  /** Disabling ends the account's sessions at once; enabling lets it log in again (old tokens stay dead). */
  async setStaffDisabled(tenant: string, username: string, disabled: boolean): Promise<StaffView> {
    const staff = await this.requireStaff(tenant, username);
    await this.store.tenant(tenant).update('staff', [username], { disabled });
    if (disabled) await this.endStaffSessions(tenant, username);
    return viewOf({ ...staff, disabled });
  }

  /** A new role takes effect with a new login: the sessions issued under the old one end. */
  async setStaffRole(tenant: string, username: string, role: StaffRole): Promise<StaffView> {
    const staff = await this.requireStaff(tenant, username);
    if (staff.role === role) return viewOf(staff);
    await this.store.tenant(tenant).update('staff', [username], { role });
    await this.endStaffSessions(tenant, username);
    return viewOf({ ...staff, role });
  }

  /**
   * Runs after a staff member's sessions ended, however they ended (disabled, a new role, logged out
   * everywhere by an admin or by themselves): the composition root takes them offline in routing,
   * so no conversation is assigned to someone who cannot see it.
   */
  onStaffSessionsEnded(listener: (tenant: string, username: string) => Promise<void>): void {
    this.sessionsEnded.push(listener);
  }

  /** "Log out everywhere": every token of this staff member stops working. */
  async endStaffSessions(tenant: string, username: string): Promise<void> {
    await this.requireStaff(tenant, username);
    // An atomic increment: two revocations at once both end what came before either.
    await this.store.tenant(tenant).increment('staff', [username], 'sessionEpoch');
    this.sessions.forget(tenant, 'staff', username);
    await this.sessionsEndedFor(tenant, username);
  }

  private async sessionsEndedFor(tenant: string, username: string): Promise<void> {
    for (const listener of this.sessionsEnded) await listener(tenant, username);
  }

  /** Ends the caller's own sessions, staff or user. */
  async logoutEverywhere(principal: Principal): Promise<void> {
    if (principal.role !== 'user') return this.endStaffSessions(principal.tenant, principal.id);
    if (!(await this.getUser(principal.tenant, principal.id))) throw new KefuError('NOT_FOUND', '没有这个用户');
    await this.store.tenant(principal.tenant).increment('user', [principal.id], 'sessionEpoch');
    this.sessions.forget(principal.tenant, 'user', principal.id);
  }

  /** Blocking a user ends their sessions and refuses their logins until unblocked. */
  async setUserBlocked(tenant: string, userId: string, blocked: boolean): Promise<UserView> {
    const user = await this.getUser(tenant, userId);
    if (!user) throw new KefuError('NOT_FOUND', '没有这个用户');
    const ts = this.store.tenant(tenant);
    await ts.update('user', [userId], { blocked });
    if (blocked) await ts.increment('user', [userId], 'sessionEpoch');
    this.sessions.forget(tenant, 'user', userId);
    const { sessionEpoch: _epoch, ...view } = { ...user, blocked };
    return view;
  }

  /** The merchant's accounts locked by failed logins now. */
  loginLocks(tenant: string): Promise<LoginLock[]> {
    return this.throttle.locks(tenant);
  }

  /** Lifts a login lock; NOT_FOUND when the username has neither an account nor a lock. */
  async unlockLogin(tenant: string, username: string): Promise<{ username: string; unlocked: boolean }> {
    const unlocked = await this.throttle.unlock(tenant, username);
    if (!unlocked && !(await this.getStaff(tenant, username))) throw new KefuError('NOT_FOUND', '没有这个员工');
    return { username, unlocked };
  }

  /** Grants or withdraws an agent's permission to see customers' personal data. */
  async setCustomerDataPermission(tenant: string, username: string, allowed: boolean): Promise<StaffView> {
    const staff = await this.requireStaff(tenant, username);
    await this.store.tenant(tenant).update('staff', [username], { customerData: allowed });
    return viewOf({ ...staff, customerData: allowed });
  }

  /** Supervisors and admins always may; an agent only when an admin granted it. */
  async mayViewCustomerData(principal: Principal): Promise<boolean> {
    if (principal.role === 'supervisor' || principal.role === 'admin') return true;
    if (principal.role !== 'agent') return false;
    const staff = await this.getStaff(principal.tenant, principal.id);
    return !!staff && !staff.disabled && staff.customerData === true;
  }

  /** A new temporary password, returned once; the old one and every session stop working at once. */
  async resetStaffPassword(tenant: string, username: string): Promise<{ temporaryPassword: string }> {
    await this.requireStaff(tenant, username);
    const temporaryPassword = temporaryPasswordOf();
    await this.store.tenant(tenant).update('staff', [username], { passwordHash: await hashPassword(temporaryPassword) });
    await this.endStaffSessions(tenant, username);
    return { temporaryPassword };
  }

  async getStaff(tenant: string, id: string): Promise<StaffRecord | undefined> {
    return (await this.store.tenant(tenant).get<StaffRecord>('staff', [id]))?.value;
  }

  private async requireStaff(tenant: string, username: string): Promise<StaffRecord> {
    const staff = await this.getStaff(tenant, username);
    if (!staff) throw new KefuError('NOT_FOUND', '没有这个员工');
    return staff;
  }

  /** Creates or updates a user; a block and the session epoch survive (only the admin routes change them). */
  async putUser(tenant: string, user: { id: string; name: string; vipTier?: number }): Promise<UserRecord> {
    const record: UserRecord = { id: user.id, name: user.name, vipTier: user.vipTier ?? 0, createdAt: this.clock().toISOString() };
    await this.store.tenant(tenant).update('user', [user.id], record);
    return (await this.getUser(tenant, user.id)) ?? record;
  }

  async getUser(tenant: string, id: string): Promise<UserRecord | undefined> {
    return (await this.store.tenant(tenant).get<UserRecord>('user', [id]))?.value;
  }

  /**
   * The names users chat under, for the workbench's lists: masked (张*) for staff without
   * customer-data permission, like the rest of a customer's personal data. Unknown ids are left out.
   */
  async userNames(staff: Principal, ids: readonly string[]): Promise<Record<string, string>> {
    const full = await this.mayViewCustomerData(staff);
    const users = await Promise.all(ids.map(async (id) => [id, (await this.getUser(staff.tenant, id))?.name] as const));
    return Object.fromEntries(users.flatMap(([id, name]) => (name ? [[id, full ? name : maskName(name)]] : [])));
  }

  /**
   * Console login. Unknown merchant, unknown user and wrong password all give the same
   * INVALID_CREDENTIALS, so the endpoint cannot be used to discover accounts.
   */
  /**
   * Console login. Unknown merchant, unknown user and wrong password all give the same
   * INVALID_CREDENTIALS, so the endpoint cannot be used to discover accounts. Failures are counted
   * per account and per client address (the one the platform saw; none, none counted):
   * TOO_MANY_ATTEMPTS while locked, whatever the password.
   */
  async staffLogin(tenant: string, username: string, password: string, clientAddress?: string): Promise<Session> {
    const known = await this.tenantExists(tenant);
    // Counters only for merchants that exist, so guessed merchant ids do not create rows anywhere.
    const attempt = await this.throttle.begin({ ...(known ? { tenant } : {}), username, ...(clientAddress ? { address: clientAddress } : {}) });
    const staff = known ? await this.getStaff(tenant, username) : undefined;
    // Verify against a throwaway hash when the account is missing, so timing does not tell either.
    const ok = staff ? await verifyPassword(password, staff.passwordHash) : await verifyUnknownAccount(password);
    // A disabled account answers like a wrong password: nothing to learn from the difference.
    if (!staff || !ok || staff.disabled) throw new KefuError('INVALID_CREDENTIALS');
    await this.throttle.succeeded(attempt);
    return this.sessionFor({ tenant, id: staff.id, role: staff.role, name: staff.displayName }, staff.sessionEpoch ?? 0);
  }

  /** A user Alipay vouched for (its user id): created on first sight, then a session. */
  async alipayUserLogin(tenant: string, alipayUserId: string): Promise<Session> {
    if (!(await this.tenantExists(tenant))) throw new KefuError('TENANT_NOT_FOUND');
    const user = (await this.getUser(tenant, alipayUserId)) ?? (await this.putUser(tenant, { id: alipayUserId, name: '支付宝用户' }));
    return this.userSession(tenant, user);
  }

  /**
   * The dev-only user login: trusts the user id it is given. Only mounted when KEFU_DEV_LOGIN is on;
   * Alipay login (the integration issue) replaces it. Creates the user on first sight, as a real
   * Alipay login would.
   */
  async devUserLogin(tenant: string, userId: string, name?: string): Promise<Session> {
    if (!(await this.tenantExists(tenant))) throw new KefuError('TENANT_NOT_FOUND');
    const user = (await this.getUser(tenant, userId)) ?? (await this.putUser(tenant, { id: userId, name: name ?? userId }));
    return this.userSession(tenant, user);
  }

  /**
   * A fresh token for a caller whose token is still valid, so a client that stays open keeps its
   * session without logging in again; the merchant must still exist, and the account must still
   * be active under the token's epoch, read from the store, not the cache (SESSION_REVOKED).
   */
  async refresh(principal: Principal, epoch: number): Promise<Session> {
    if (!(await this.tenantExists(principal.tenant))) throw new KefuError('TENANT_NOT_FOUND');
    await this.sessions.checkFresh(principal, epoch);
    return this.sessionFor(principal, epoch);
  }

  /**
   * SESSION_REVOKED unless the token's account is still active under the token's epoch and role.
   * Called on every authenticated request; each instance re-reads an account at most every 30 s.
   */
  async checkSession(principal: Principal, epoch: number): Promise<void> {
    await this.sessions.check(principal, epoch);
    if (principal.role === 'user') return;
    for (const listener of this.staffSeen) await listener(principal.tenant, principal.id);
  }

  /**
   * Runs on every request of a live staff session, after its check: the composition root tells
   * routing the staff member is still there, so the presence sweep leaves them online.
   */
  onStaffSeen(listener: (tenant: string, username: string) => Promise<void>): void {
    this.staffSeen.push(listener);
  }

  private async sessionStateOf(principal: Principal): Promise<AccountSessionState | undefined> {
    if (principal.role === 'user') {
      const user = await this.getUser(principal.tenant, principal.id);
      return user && { epoch: user.sessionEpoch ?? 0, active: !user.blocked, role: 'user' };
    }
    const staff = await this.getStaff(principal.tenant, principal.id);
    return staff && { epoch: staff.sessionEpoch ?? 0, active: !staff.disabled, role: staff.role };
  }

  private userSession(tenant: string, user: UserRecord): Promise<Session> {
    if (user.blocked) throw new KefuError('USER_BLOCKED');
    return this.sessionFor({ tenant, id: user.id, role: 'user', name: user.name }, user.sessionEpoch ?? 0);
  }

  private async sessionFor(principal: Principal, epoch: number): Promise<Session> {
    const { token, expiresAt } = await this.tokens.issue(principal, epoch);
    return { token, expiresAt, principal };
  }
}

function viewOf(staff: StaffRecord): StaffView {
  const { passwordHash: _hash, sessionEpoch: _epoch, ...view } = staff;
  return view;
}
