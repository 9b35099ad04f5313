import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AccountService } from '../../shared/accounts';
import { SessionTokens } from '../../shared/auth';
import { createSqliteStore } from '../../shared/store/drivers';
import { main } from '../../bin/kefu';
import { tenantCommand } from '../../bin/commands/tenantCommand';
import { commandIo } from '../helpers/commandIo';


describe('kefu tenant', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kefu-tenant-'));
    env = { KEFU_STORE: 'sqlite', KEFU_DATA_DIR: dataDir };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a merchant, prints the admin password once, and the admin can log in with it', async () => {
    const run = commandIo();
    expect(await tenantCommand(['create', 'acme', '--name', '艾克米商城', '--admin', 'boss'], run.io, env)).toBe(0);
    expect(run.out()).toContain('已创建商户 acme (艾克米商城)');
    const password = /临时密码: (\S+)/.exec(run.out())?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/);

    const store = createSqliteStore({ file: path.join(dataDir, 'kefu.sqlite') });
    try {
      const session = await new AccountService(store, new SessionTokens('t'.repeat(40), 60)).staffLogin('acme', 'boss', password!);
      expect(session.principal).toMatchObject({ tenant: 'acme', id: 'boss', role: 'admin' });
    } finally {
      await store.close();
    }

    const list = commandIo();
    expect(await tenantCommand(['list'], list.io, env)).toBe(0);
    expect(list.out()).toMatch(/^acme\t艾克米商城\t\d{4}-\d\d-\d\dT/);
    // The password is not shown again anywhere.
    expect(list.out()).not.toContain(password!);
  });

  it('refuses an existing id with exit code 1 and a clear message, changing nothing', async () => {
    expect(await tenantCommand(['create', 'acme', '--name=A', '--admin=boss'], commandIo().io, env)).toBe(0);
    const again = commandIo();
    expect(await tenantCommand(['create', 'acme', '--name', 'B', '--admin', 'other'], again.io, env)).toBe(1);
    expect(again.err()).toContain('[TENANT_EXISTS] 商户 acme 已存在');
    expect(again.out()).toBe('');
    const list = commandIo();
    await tenantCommand(['list', '--json'], list.io, env);
    expect((JSON.parse(list.out()) as { tenants: { name: string }[] }).tenants.map((t) => t.name)).toEqual(['A']);
  });

  it('validates the id format and the options with exit code 2 and the usage', async () => {
    for (const args of [
      ['create', 'Acme!', '--name', 'A', '--admin', 'boss'],
      ['create', '_system', '--name', 'A', '--admin', 'boss'],
      ['create', 'acme', '--admin', 'boss'],
      ['create', 'acme', '--name', 'A'],
      ['create', '--name', 'A', '--admin', 'boss'],
      ['create', 'acme', '--name', 'A', '--admin', 'boss', '--colour', 'red'],
      ['drop', 'acme'],
    ]) {
      const run = commandIo();
      expect({ args, code: await tenantCommand(args, run.io, env) }).toEqual({ args, code: 2 });
      expect(run.err()).not.toBe('');
    }
    const bad = commandIo();
    await tenantCommand(['create', 'Acme!', '--name', 'A', '--admin', 'boss'], bad.io, env);
    expect(bad.err()).toContain('商户 ID 只能包含小写字母、数字和 -');
    const empty = commandIo();
    expect(await tenantCommand(['list'], empty.io, env)).toBe(0);
    expect(empty.out()).toBe('还没有商户\n');
  });

  it('is registered in the kefu command line', async () => {
    const help = commandIo();
    expect(await main(['--help'], help.io)).toBe(0);
    expect(help.out()).toContain('kefu tenant create <商户ID>');
  });
});
