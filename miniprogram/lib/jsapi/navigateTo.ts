/** Opens a page of the host mini-program (a FAQ guide button such as `/pages/refund/index`). */
export function navigateTo(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    void my.navigateTo({
      url,
      success: () => resolve(),
      fail: (err: { errorMessage?: string }) => reject(new Error(err.errorMessage ?? 'my.navigateTo failed')),
    });
  });
}
