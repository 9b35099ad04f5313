import { asTyped, type DocumentedParams } from './DocumentedParams';

/**
 * Opens a page of the host mini-program (a FAQ guide button such as `/pages/refund/index`) through
 * `my.navigateTo` (mini/api/基础API/界面/路由/my.navigateTo.md): not a tabBar page, and the page stack
 * holds at most ten, so a failure is reported to the caller.
 */
export function navigateTo(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const params: DocumentedParams<typeof my.navigateTo, 'resolvedPath'> = {
      url,
      success: () => resolve(),
      fail: (err: { error?: number; errorMessage?: string }) => reject(new Error(err.errorMessage ?? 'my.navigateTo failed')),
    };
    void my.navigateTo(asTyped<typeof my.navigateTo>(params));
  });
}
