import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertMediaKey, type MediaStore } from './MediaStore';

/**
 * Files in a folder (`.data/media/<tenant>/<id>` by default): the local default. A write goes to a
 * temporary name first, so a crash never leaves half a file under the real id.
 */
export class LocalMediaStore implements MediaStore {
  constructor(private readonly dir: string) {}

  async put(tenant: string, id: string, bytes: Uint8Array): Promise<void> {
    const file = this.file(tenant, id);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  }

  async get(tenant: string, id: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.file(tenant, id)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async delete(tenant: string, id: string): Promise<void> {
    await rm(this.file(tenant, id), { force: true });
  }

  private file(tenant: string, id: string): string {
    assertMediaKey(tenant, id);
    return path.join(this.dir, tenant, id);
  }
}
