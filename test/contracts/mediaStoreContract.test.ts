import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MediaStore } from '../../shared/media';
import { MemoryMediaStore, LocalMediaStore } from '../../shared/media/drivers';
import { OssMediaStore } from '../../shared/media/OssMediaStore';
import { startOssEmulator } from '../../mock/oss/OssEmulator';

const ossKeys = { accessKeyId: 'LTAI-oss-test', accessKeySecret: 'oss-secret-for-this-run', bucket: 'kefu-media' };

/** The contract every MediaStore driver keeps. */
const drivers: [string, () => Promise<{ store: MediaStore; done: () => Promise<void> | void }>][] = [
  ['memory', () => Promise.resolve({ store: new MemoryMediaStore(), done: () => undefined })],
  [
    'local folder',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-media-'));
      return Promise.resolve({ store: new LocalMediaStore(dir), done: () => rmSync(dir, { recursive: true, force: true }) });
    },
  ],
  [
    'OSS (ali-oss against the local OSS stand-in)',
    async () => {
      const oss = await startOssEmulator(ossKeys);
      return { store: new OssMediaStore({ region: 'oss-cn-hangzhou', endpoint: oss.url, ...ossKeys }), done: () => oss.close() };
    },
  ],
];

describe.each(drivers)('MediaStore contract: %s', (_name, make) => {
  let store: MediaStore;
  let done: () => Promise<void> | void;
  beforeEach(async () => ({ store, done } = await make()));
  afterEach(() => done());

  it('returns exactly the bytes stored, per tenant', async () => {
    const bytes = Uint8Array.from([0, 1, 2, 255, 128]);
    await store.put('demo', 'm1', bytes);
    expect(await store.get('demo', 'm1')).toEqual(bytes);
    expect(await store.get('acme', 'm1')).toBeUndefined();
  });

  it('a missing file is undefined; delete removes and is idempotent', async () => {
    expect(await store.get('demo', 'nope')).toBeUndefined();
    await store.put('demo', 'm2', Uint8Array.from([7]));
    await store.delete('demo', 'm2');
    await store.delete('demo', 'm2');
    expect(await store.get('demo', 'm2')).toBeUndefined();
  });

  it('overwrites a file under the same id, and the caller cannot change what was stored', async () => {
    const bytes = Uint8Array.from([1, 2, 3]);
    await store.put('demo', 'm3', bytes);
    bytes[0] = 9;
    expect(await store.get('demo', 'm3')).toEqual(Uint8Array.from([1, 2, 3]));
    await store.put('demo', 'm3', Uint8Array.from([4]));
    expect(await store.get('demo', 'm3')).toEqual(Uint8Array.from([4]));
  });

  it('refuses keys that could escape their folder', async () => {
    await expect(store.put('demo', '../x', Uint8Array.from([1]))).rejects.toThrow('invalid media key');
    await expect(store.get('../etc', 'passwd')).rejects.toThrow('invalid media key');
    await expect(store.get('..', 'passwd')).rejects.toThrow('invalid media key');
  });
});

describe('OssMediaStore against the OSS stand-in', () => {
  it('is refused with OSS error codes when the secret is wrong, and stores under media/<tenant>/<id>', async () => {
    const oss = await startOssEmulator(ossKeys);
    try {
      const wrong = new OssMediaStore({ region: 'oss-cn-hangzhou', endpoint: oss.url, ...ossKeys, accessKeySecret: 'not-it' });
      await expect(wrong.put('demo', 'm1', Uint8Array.from([1]))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
      const right = new OssMediaStore({ region: 'oss-cn-hangzhou', endpoint: oss.url, ...ossKeys });
      await right.put('demo', 'm1', Uint8Array.from([1, 2]));
      expect([...oss.emulator.objects.keys()]).toEqual(['media/demo/m1']);
    } finally {
      await oss.close();
    }
  });
});
