import OSS from 'ali-oss';
import { assertMediaKey, type MediaStore } from './MediaStore';

export interface OssMediaStoreOptions {
  /** e.g. oss-cn-hangzhou */
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** A custom endpoint (the internal one on Function Compute, or the local stand-in). */
  readonly endpoint?: string;
  /** Object keys start with this (default `media/`). */
  readonly prefix?: string;
}

/** Files as objects in an OSS bucket (`media/<tenant>/<id>`), through the official ali-oss SDK. */
export class OssMediaStore implements MediaStore {
  private readonly client: OSS;
  private readonly prefix: string;

  constructor(o: OssMediaStoreOptions) {
    this.client = new OSS({ region: o.region, bucket: o.bucket, accessKeyId: o.accessKeyId, accessKeySecret: o.accessKeySecret, ...(o.endpoint ? { endpoint: o.endpoint } : {}), secure: !o.endpoint?.startsWith('http:') });
    this.prefix = o.prefix ?? 'media/';
  }

  async put(tenant: string, id: string, bytes: Uint8Array): Promise<void> {
    await this.client.put(this.key(tenant, id), Buffer.from(bytes));
  }

  async get(tenant: string, id: string): Promise<Uint8Array | undefined> {
    try {
      const res = await this.client.get(this.key(tenant, id));
      return new Uint8Array(res.content as Buffer);
    } catch (err) {
      if ((err as { code?: string }).code === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  async delete(tenant: string, id: string): Promise<void> {
    await this.client.delete(this.key(tenant, id));
  }

  private key(tenant: string, id: string): string {
    assertMediaKey(tenant, id);
    return `${this.prefix}${tenant}/${id}`;
  }
}
