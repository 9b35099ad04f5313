/** A stored string, or undefined when the key is missing or storage fails. */
export function getStorage(key: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    void my.getStorage({
      key,
      success: (res: { data?: unknown }) => resolve(typeof res.data === 'string' ? res.data : undefined),
      fail: () => resolve(undefined),
    });
  });
}
