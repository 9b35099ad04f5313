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

/** The platform refused or failed the upload; `code` is my.uploadFile.md's error code. */
export class UploadFileError extends Error {
  constructor(
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'UploadFileError';
  }
}

/** my.uploadFile.md's 12: the transfer failed or timed out, the one failure worth trying again. */
export const UPLOAD_TRANSFER_FAILED = 12;

/**
 * `my.uploadFile` (mini/api/基础API/网络/my.uploadFile.md): the session goes in `header` (the page's
 * name; `headers` is not read), the file under the form field `file`. `fileType` is deprecated on the
 * page but the IDE simulator still requires it, so it is sent. Any HTTP answer resolves; a failure
 * rejects with its code: 12 is the network (worth another try, or the other origin), while 4 (domain
 * not whitelisted), 11 (no such file) and 20 (plain HTTP) will fail the same way again.
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
      fail: (err) => reject(new UploadFileError(err.error, err.errorMessage ?? `my.uploadFile failed (${err.error ?? '?'})`)),
    };
    void my.uploadFile(asTyped<typeof my.uploadFile>(params));
  });
}
