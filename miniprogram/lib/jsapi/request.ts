import { asTyped, type DocumentedParams } from './DocumentedParams';

/** One HTTP call through `my.request`; resolves with any HTTP status, rejects when none came back. */
export interface MyRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly headers: Readonly<Record<string, string>>;
  readonly data?: string;
  readonly timeoutMs: number;
}

export interface MyResponse {
  readonly status: number;
  readonly data: unknown;
}

/** my.request 常见问题.md: "默认超时时间为 30s,上限为 60s". */
export const MY_REQUEST_TIMEOUT_LIMIT_MS = 60_000;

/**
 * `my.request` (https://opendocs.alipay.com/mini/api/owycmh, whose FAQ is
 * mini/api/基础API/网络/my.request 常见问题.md): request headers go in `headers` (uploadFile's are
 * `header`), at most 60 s. 网络 API 使用须知.md says every answer reaches `success` whatever its
 * status, while the FAQ and the typings report 4xx/5xx as error 19 with the status and data: both
 * are taken as an answer.
 */
export function request(req: MyRequest): Promise<MyResponse> {
  return new Promise((resolve, reject) => {
    const params: DocumentedParams<typeof my.request, 'header'> = {
      url: req.url,
      method: req.method,
      headers: { ...req.headers },
      ...(req.data !== undefined ? { data: req.data } : {}),
      dataType: 'json',
      timeout: Math.min(req.timeoutMs, MY_REQUEST_TIMEOUT_LIMIT_MS),
      success: (res) => resolve({ status: res.status ?? res.statusCode, data: res.data }),
      fail: (err) => {
        const e = err as { error?: number; errorMessage?: string; status?: number; data?: unknown };
        if (e.error === 19 && typeof e.status === 'number') resolve({ status: e.status, data: e.data });
        else reject(new Error(e.errorMessage ?? `my.request failed (${e.error ?? '?'})`));
      },
    };
    void my.request(asTyped<typeof my.request>(params));
  });
}
