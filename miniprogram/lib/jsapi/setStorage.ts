import { asTyped, type DocumentedParams } from './DocumentedParams';

/**
 * my.setStorage.md: one key holds at most 200 KB (error 14), the mini-program 10 MB in all (error 12).
 * Refused before the call when the value is over the per-key limit, so the caller hears why.
 */
export const STORAGE_KEY_LIMIT_BYTES = 200 * 1024;

/** UTF-8 length without TextEncoder, which older clients lack (a surrogate pair is 2 + 2 = 4). */
function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3;
  }
  return n;
}

/** Stores a string through `my.setStorage`; rejects when the device refuses it (full, too large). */
export function setStorage(key: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!key) {
      reject(new Error('my.setStorage: empty key'));
      return;
    }
    if (utf8Bytes(data) > STORAGE_KEY_LIMIT_BYTES) {
      reject(new Error('my.setStorage: data over 200 KB'));
      return;
    }
    const params: DocumentedParams<typeof my.setStorage> = {
      key,
      data,
      success: () => resolve(),
      fail: (err) => reject(new Error(err.errorMessage ?? `my.setStorage failed (${err.error ?? '?'})`)),
    };
    void my.setStorage(asTyped<typeof my.setStorage>(params));
  });
}
