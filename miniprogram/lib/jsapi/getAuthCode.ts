import { asTyped, type DocumentedParams } from './DocumentedParams';

/**
 * The one-time code for silent login through `my.getAuthCode`
 * (mini/api/开放能力API/用户授权/my.getAuthCode.md): `auth_base` gives the user id only, with no
 * consent dialog. Its errors (11 cancelled, 3 no result, 12 network) reject naming the code, so the
 * login can fall back.
 */
export function getAuthCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    const params: DocumentedParams<typeof my.getAuthCode> = {
      scopes: 'auth_base',
      success: (res) => resolve(res.authCode),
      fail: (err: { error?: number; errorMessage?: string }) => reject(new Error(err.errorMessage ?? `my.getAuthCode failed (${err.error ?? '?'})`)),
    };
    void my.getAuthCode(asTyped<typeof my.getAuthCode>(params));
  });
}
