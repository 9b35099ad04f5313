/** The one-time code for silent login (`auth_base`: the user id only, no consent dialog). */
export function getAuthCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    void my.getAuthCode({
      scopes: 'auth_base',
      success: (res: { authCode: string }) => resolve(res.authCode),
      fail: (err: { errorMessage?: string }) => reject(new Error(err.errorMessage ?? 'my.getAuthCode failed')),
    });
  });
}
