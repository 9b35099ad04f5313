/** Stores a string; rejects when the device's storage refuses it (full). */
export function setStorage(key: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    void my.setStorage({
      key,
      data,
      success: () => resolve(),
      fail: (err: { errorMessage?: string }) => reject(new Error(err.errorMessage ?? 'my.setStorage failed')),
    });
  });
}
