import { asTyped, type DocumentedParams } from './DocumentedParams';

/** A multipart upload's target and fields; the answer is the HTTP status and the parsed JSON body. */
export interface UploadRequest {
  readonly url: string;
  readonly filePath: string;
  readonly fileType: 'image' | 'audio';
  readonly header: Readonly<Record<string, string>>;
  readonly formData: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/**
 * `my.uploadFile` (mini/api/基础API/网络/my.uploadFile.md): the session goes in `header` (the page's
 * name; `headers` is not read), the file under the form field `file`. `fileType` is deprecated on the
 * page but the IDE simulator still requires it, so it is sent. Any HTTP answer resolves; only a
 * failed transfer rejects, so the caller's failover can try the other origin.
 */
export function uploadFile(o: UploadRequest): Promise<{ status: number; data: unknown }> {
  return new Promise((resolve, reject) => {
    const params: DocumentedParams<typeof my.uploadFile, 'headers' | 'fileName', { timeout?: number }> = {
      url: o.url,
      filePath: o.filePath,
      fileType: o.fileType,
      name: 'file',
      header: { ...o.header },
      formData: { ...o.formData },
      timeout: o.timeoutMs ?? 60_000,
      hideLoading: true,
      success: (res) => {
        let data: unknown;
        try {
          data = res.data ? JSON.parse(res.data) : undefined;
        } catch {
          data = undefined;
        }
        resolve({ status: res.statusCode, data });
      },
      fail: (err) => reject(new Error(err.errorMessage ?? `my.uploadFile failed (${err.error ?? '?'})`)),
    };
    void my.uploadFile(asTyped<typeof my.uploadFile>(params));
  });
}
