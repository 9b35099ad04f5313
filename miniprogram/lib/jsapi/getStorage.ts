import { asTyped, type DocumentedParams } from './DocumentedParams';

/**
 * A stored string through `my.getStorage` (mini/api/基础API/缓存/my.getStorage.md), or undefined when
 * the key is missing (the page's `data` is then empty) or the call fails: a lost cache only means a
 * new login or an empty outbox, never a broken chat.
 */
export function getStorage(key: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const params: DocumentedParams<typeof my.getStorage> = {
      key,
      success: (res) => resolve(typeof res.data === 'string' ? res.data : undefined),
      fail: () => resolve(undefined),
    };
    void my.getStorage(asTyped<typeof my.getStorage>(params));
  });
}
