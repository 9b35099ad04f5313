import { assertMediaKey, type MediaStore } from './MediaStore';

/** Files in a Map: for unit tests. */
export class MemoryMediaStore implements MediaStore {
  private readonly files = new Map<string, Uint8Array>();

  // async, so a bad key rejects like the other drivers instead of throwing.
  async put(tenant: string, id: string, bytes: Uint8Array): Promise<void> {
    assertMediaKey(tenant, id);
    await Promise.resolve();
    this.files.set(`${tenant}/${id}`, Uint8Array.from(bytes));
  }

  async get(tenant: string, id: string): Promise<Uint8Array | undefined> {
    assertMediaKey(tenant, id);
    await Promise.resolve();
    const f = this.files.get(`${tenant}/${id}`);
    return f ? Uint8Array.from(f) : undefined;
  }

  async delete(tenant: string, id: string): Promise<void> {
    assertMediaKey(tenant, id);
    await Promise.resolve();
    this.files.delete(`${tenant}/${id}`);
  }
}
