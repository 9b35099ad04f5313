import { randomBytes } from 'node:crypto';
import { startTablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';
import { storeCommand } from '../../bin/commands/storeCommand';
import { commandIo } from '../helpers/commandIo';


describe('kefu store init', () => {
  it('creates the Tablestore table once, then finds it in place; refuses a table with another key', async () => {
    const keys = { instance: 'kefu-cli', accessKeyId: 'LTAI-cli', accessKeySecret: randomBytes(18).toString('base64') };
    const server = await startTablestoreEmulator({ ...keys, localTransactionsFor: ['kefu_rows'] });
    try {
      const env = { KEFU_STORE: 'tablestore', KEFU_TABLESTORE_ENDPOINT: server.url, KEFU_TABLESTORE_INSTANCE: keys.instance, KEFU_TABLESTORE_ACCESS_KEY_ID: keys.accessKeyId, KEFU_TABLESTORE_ACCESS_KEY_SECRET: keys.accessKeySecret };
      const first = commandIo();
      expect(await storeCommand(['init'], first.io, env)).toBe(0);
      expect(first.out()).toContain('已创建表 kefu_rows');
      const second = commandIo();
      expect(await storeCommand(['init'], second.io, env)).toBe(0);
      expect(second.out()).toContain('已存在');
      const wrongKey = commandIo();
      expect(await storeCommand(['init'], wrongKey.io, { ...env, KEFU_TABLESTORE_ACCESS_KEY_SECRET: 'wrong' })).toBe(1);
      expect(wrongKey.err()).toContain('OTSAuthFailed');
    } finally {
      await server.close();
    }
  });

  // Local transactions can only be turned on when a table is created in the console (or by the
  // Java/Go SDKs), never by the Node SDK:
  // https://help.aliyun.com/en/tablestore/table-store-service/developer-reference/startlocaltransaction
  it('refuses a table without local transactions and says how to get one, whether it made the table or found it', async () => {
    const keys = { instance: 'kefu-notx', accessKeyId: 'LTAI-notx', accessKeySecret: randomBytes(18).toString('base64') };
    const server = await startTablestoreEmulator(keys);
    try {
      const env = { KEFU_STORE: 'tablestore', KEFU_TABLESTORE_ENDPOINT: server.url, KEFU_TABLESTORE_INSTANCE: keys.instance, KEFU_TABLESTORE_ACCESS_KEY_ID: keys.accessKeyId, KEFU_TABLESTORE_ACCESS_KEY_SECRET: keys.accessKeySecret };
      const made = commandIo();
      expect(await storeCommand(['init'], made.io, env)).toBe(1);
      expect(made.err()).toContain('[CONFIG_INVALID]');
      expect(made.err()).toContain('已创建,但没有开启局部事务');
      expect(made.err()).toContain('重新创建');
      const found = commandIo();
      expect(await storeCommand(['init'], found.io, env)).toBe(1);
      expect(found.err()).toContain('没有开启局部事务');
      expect(found.err()).toContain('KEFU_TABLESTORE_TABLE');
    } finally {
      await server.close();
    }
  });

  it('names the missing setting and prints usage for a wrong call', async () => {
    const missing = commandIo();
    expect(await storeCommand(['init'], missing.io, { KEFU_STORE: 'tablestore', KEFU_TABLESTORE_INSTANCE: 'i' })).toBe(1);
    expect(missing.err()).toContain('KEFU_TABLESTORE_ENDPOINT');
    const usage = commandIo();
    expect(await storeCommand(['drop'], usage.io)).toBe(2);
    expect(usage.err()).toContain('kefu store init');
  });
});
