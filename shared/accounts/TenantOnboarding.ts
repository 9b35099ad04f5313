import { randomInt } from 'node:crypto';
import { KefuError } from '../errors';
import { CreateTenantRequest } from '../schemas';
import { validatorFor } from '../schemas/ajv';
import { isConditionFailed, type Store } from '../store';
import { SYSTEM_TENANT, type AccountService } from './AccountService';

/** A merchant as the operator lists it. */
export interface TenantView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface OnboardedTenant {
  readonly tenant: TenantView;
  readonly admin: { readonly username: string; readonly displayName: string; readonly role: 'admin' };
  /** The admin's first password, returned once and never stored in clear; absent when one was given. */
  readonly temporaryPassword?: string;
}

export interface OnboardOptions {
  /** A known password instead of a temporary one (the demo seed's published demo password). */
  readonly adminPassword?: string;
  /**
   * Runs after the admin exists and before the merchant row is written (the seed puts its staff,
   * users and knowledge base here). The merchant row goes last, so a merchant interrupted halfway
   * does not exist yet and can be created again.
   */
  readonly prepare?: (tenant: string) => Promise<void>;
  /**
   * Takes over an unfinished creation of this id at once instead of waiting for its claim to go
   * stale: for the demo seed, the only writer of its id, restarted after an interruption.
   */
  readonly resume?: boolean;
}

/** The claim row in the system registry that makes creating one id a single winner. */
const CLAIMS = 'tenantClaim';
/** A claim older than this is an interrupted creation: the id may be taken over. */
const STALE_CLAIM_MS = 10 * 60_000;

const fieldHints: Record<string, string> = {
  id: '商户 ID 只能包含小写字母、数字和 -,以字母或数字开头,2-32 个字符',
  name: '商户名称不能为空,最多 64 个字符',
  admin: '管理员用户名须以小写字母开头,只含小写字母、数字和 _.-,3-32 个字符',
  adminName: '管理员显示名最多 32 个字符',
};

/**
 * Creating a merchant: the one code path behind `kefu tenant create`, `POST /v1/operator/tenants`
 * and the demo seed. It only calls {@link AccountService} for the merchant and its admin, and keeps
 * one claim row per id in the system registry so two operators creating the same id at once do not
 * both get a password that works for only one of them.
 */
export class TenantOnboarding {
  constructor(
    private readonly accounts: AccountService,
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Checks the request like the API does: VALIDATION_FAILED naming the field and what is allowed. */
  static check(input: unknown): CreateTenantRequest {
    const check = validatorFor(CreateTenantRequest);
    if (check(input)) return input;
    const first = check.errors?.[0];
    const field = first?.instancePath.replace(/^\//, '') || String(first?.params['missingProperty'] ?? first?.params['additionalProperty'] ?? '');
    throw new KefuError('VALIDATION_FAILED', fieldHints[field] ?? `参数 ${field || '(body)'} 不合法`, { field, reason: first?.keyword ?? 'invalid' });
  }

  /**
   * Creates the merchant and its first admin. An existing id is TENANT_EXISTS, and so is an id
   * another creation is working on right now.
   */
  async create(request: CreateTenantRequest, options: OnboardOptions = {}): Promise<OnboardedTenant> {
    const input = TenantOnboarding.check(request);
    const name = input.name.trim();
    if (await this.accounts.tenantExists(input.id)) throw new KefuError('TENANT_EXISTS', `商户 ${input.id} 已存在`, { id: input.id });
    await this.claim(input.id, options.resume === true);
    const password = options.adminPassword ?? temporaryPassword();
    const displayName = input.adminName ?? '管理员';
    // Admins configure and supervise; they take no conversations of their own.
    await this.accounts.putStaff(input.id, { username: input.admin, displayName, role: 'admin', password, maxConcurrent: 0 });
    await options.prepare?.(input.id);
    await this.accounts.createTenant(input.id, name);
    const row = (await this.store.tenant(SYSTEM_TENANT).get<{ id: string; name?: string; createdAt?: string }>('tenant', [input.id]))?.value;
    const created = row ? viewOf(row) : { id: input.id, name, createdAt: this.clock().toISOString() };
    return {
      tenant: created,
      admin: { username: input.admin, displayName, role: 'admin' },
      ...(options.adminPassword === undefined ? { temporaryPassword: password } : {}),
    };
  }

  /** Every merchant, oldest first (AccountService.listTenants gives ids only). */
  async list(): Promise<TenantView[]> {
    const out: TenantView[] = [];
    let token: string | undefined;
    do {
      const page = await this.store.tenant(SYSTEM_TENANT).range<{ id: string; name?: string; createdAt?: string }>('tenant', [], { limit: 1000, ...(token ? { token } : {}) });
      for (const { value } of page.rows) out.push(viewOf(value));
      token = page.nextToken;
    } while (token);
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Takes the id for this creation, or refuses: someone else holds a fresh claim on it. */
  private async claim(id: string, resume: boolean): Promise<void> {
    const registry = this.store.tenant(SYSTEM_TENANT);
    const now = this.clock().getTime();
    try {
      await registry.put(CLAIMS, [id], { at: now }, 'notExists');
      return;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
    const held = await registry.get<{ at: number }>(CLAIMS, [id]);
    const stale = !held || resume || now - held.value.at > STALE_CLAIM_MS;
    if (stale && !(await this.accounts.tenantExists(id))) {
      try {
        await registry.put(CLAIMS, [id], { at: now }, held ? { version: held.version } : 'notExists');
        return;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    }
    throw new KefuError('TENANT_EXISTS', `商户 ${id} 已存在或正在创建`, { id });
  }
}

function viewOf(row: { id: string; name?: string; createdAt?: string }): TenantView {
  return { id: row.id, name: row.name ?? row.id, createdAt: row.createdAt ?? '' };
}

/** 12 characters from an alphabet without look-alikes, from the system's secure random source. */
function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
