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

export function request(req: MyRequest): Promise<MyResponse> {
  return new Promise((resolve, reject) => {
    void my.request({
      url: req.url,
      method: req.method,
      headers: { ...req.headers },
      ...(req.data !== undefined ? { data: req.data } : {}),
      dataType: 'json',
      timeout: req.timeoutMs,
      success: (res) => resolve({ status: res.status ?? res.statusCode, data: res.data }),
      fail: (err) => {
        // Alipay reports an HTTP error status (4xx/5xx) as failure 19 and still carries the answer.
        const e = err as { error?: number; errorMessage?: string; status?: number; data?: unknown };
        if (e.error === 19 && typeof e.status === 'number') resolve({ status: e.status, data: e.data });
        else reject(new Error(e.errorMessage ?? `my.request failed (${e.error ?? '?'})`));
      },
    });
  });
}
