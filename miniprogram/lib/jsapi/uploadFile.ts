/** A multipart upload through `my.uploadFile`; resolves with the status and the parsed JSON answer. */
export function uploadFile(o: { url: string; filePath: string; fileType: 'image' | 'audio'; headers: Record<string, string>; formData: Record<string, string> }): Promise<{ status: number; data: unknown }> {
  return new Promise((resolve, reject) => {
    void my.uploadFile({
      url: o.url,
      filePath: o.filePath,
      fileType: o.fileType,
      name: 'file',
      headers: o.headers,
      formData: o.formData,
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
      fail: (err) => reject(new Error(err.errorMessage ?? 'my.uploadFile failed')),
    });
  });
}
