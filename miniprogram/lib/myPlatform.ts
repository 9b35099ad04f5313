import type { KeyValueStorage, Transport } from '../../shared/client';
import { getStorage } from './jsapi/getStorage';
import { request } from './jsapi/request';
import { setStorage } from './jsapi/setStorage';

/** shared/client's HTTP port on `my.request`. */
export const myTransport: Transport = {
  async request(req) {
    const res = await request({ url: req.url, method: req.method, headers: req.headers, ...(req.body !== undefined ? { data: req.body } : {}), timeoutMs: req.timeoutMs });
    return { status: res.status, body: res.data };
  },
};

/** shared/client's storage port on `my.getStorage`/`my.setStorage`, one namespace per merchant. */
export function myStorage(tenant: string): KeyValueStorage {
  return {
    get: (key) => getStorage(`${tenant}:${key}`),
    set: (key, value) => setStorage(`${tenant}:${key}`, value),
  };
}
