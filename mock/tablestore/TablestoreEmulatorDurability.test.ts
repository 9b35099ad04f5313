import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startTablestoreEmulator } from './TablestoreEmulator';
import { TableStore, connect, createOrders, ignore, orderPk, type SdkClient, type SdkRow } from './sdkForTests';

const keys = { instance: 'kefu-wal', accessKeyId: 'LTAI-wal', accessKeySecret: randomBytes(18).toString('base64') };
const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-ts-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startChild(file: string): Promise<{ child: ChildProcess; url: string }> {
  // node itself runs the emulator (tsx as a loader, not its CLI, whose wrapper process would
  // survive the kill and leave the emulator running).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'emulatorChild.ts'), file, JSON.stringify(keys)], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

const kill9 = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const value = async (client: SdkClient, id: number) => {
  const row = ((await client.getRow({ tableName: 'msgs', primaryKey: orderPk('k9', id) })) as { row: SdkRow }).row;
  return row.attributes?.find((a) => a.columnName === 'text')?.columnValue;
};

describe('Tablestore emulator durability (file option)', () => {
  it('keeps every acknowledged write through a kill -9 of its process', async () => {
    const file = path.join(dir, 'kill', 'tables.json');
    const N = 150;
    let server = await startChild(file);
    let client = connect(server.url, keys);
    await createOrders(client, 'msgs');
    const acked = new Set<number>();
    let next = 0;
    // Eight writers keep requests in flight; the kill lands while they are, with no shutdown.
    const writer = async () => {
      while (next < N + 40) {
        const id = next++;
        try {
          await client.putRow({ tableName: 'msgs', condition: ignore(), primaryKey: orderPk('k9', id), attributeColumns: [{ text: `message ${id}` }] });
          acked.add(id);
        } catch {
          return;
        }
        if (acked.size === N) {
          void kill9(server.child);
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    await new Promise<void>((resolve) => (server.child.exitCode !== null || server.child.signalCode !== null ? resolve() : server.child.once('exit', () => resolve())));
    expect(acked.size).toBeGreaterThanOrEqual(N);

    server = await startChild(file);
    client = connect(server.url, keys);
    try {
      const missing: number[] = [];
      for (const id of acked) if ((await value(client, id)) !== `message ${id}`) missing.push(id);
      expect({ acknowledged: acked.size, missing }).toEqual({ acknowledged: acked.size, missing: [] });
    } finally {
      await kill9(server.child);
    }
  }, 60_000);

  it('replays the log over the snapshot, skips a torn last line, and compacts on close', async () => {
    const file = path.join(dir, 'replay', 'tables.json');
    const first = await startTablestoreEmulator({ ...keys, file });
    let client = connect(first.url, keys);
    await createOrders(client, 'msgs');
    await client.putRow({ tableName: 'msgs', condition: ignore(), primaryKey: orderPk('k9', 1), attributeColumns: [{ text: 'before the snapshot' }] });
    first.emulator.flush();
    expect(statSync(`${file}.log`).size).toBe(0);
    await client.putRow({ tableName: 'msgs', condition: ignore(), primaryKey: orderPk('k9', 2), attributeColumns: [{ text: 'only in the log' }] });
    await client.updateRow({ tableName: 'msgs', condition: ignore(), primaryKey: orderPk('k9', 1), updateOfAttributeColumns: [{ PUT: [{ text: 'changed in the log' }] }] });
    expect(readFileSync(`${file}.log`, 'utf8').trim().split('\n')).toHaveLength(2);
    // A crash mid-append leaves half a line, never acknowledged.
    appendFileSync(`${file}.log`, '{"r":[{"k":"row","table":"msgs"');

    // A second emulator on the same file, as after a crash (the first is never closed).
    const second = await startTablestoreEmulator({ ...keys, file });
    try {
      client = connect(second.url, keys);
      expect(await value(client, 1)).toBe('changed in the log');
      expect(await value(client, 2)).toBe('only in the log');
      await client.putRow({ tableName: 'msgs', condition: ignore(), primaryKey: orderPk('k9', 3), attributeColumns: [{ text: TableStore.Long.fromNumber(3) }] });
    } finally {
      await second.close();
    }
    expect(statSync(`${file}.log`).size).toBe(0);
    const third = await startTablestoreEmulator({ ...keys, file });
    try {
      client = connect(third.url, keys);
      expect(await value(client, 2)).toBe('only in the log');
      const three = ((await client.getRow({ tableName: 'msgs', primaryKey: orderPk('k9', 3) })) as { row: SdkRow }).row.attributes?.[0]?.columnValue as { toNumber(): number };
      expect(three.toNumber()).toBe(3);
    } finally {
      await third.close();
      await first.close();
    }
  });
});
