/** A picked image: its temporary path and size in bytes. */
export interface ChosenImage {
  readonly path: string;
  readonly size: number;
}

/** One image from the album or camera; undefined when the user cancelled. */
export function chooseImage(): Promise<ChosenImage | undefined> {
  return new Promise((resolve, reject) => {
    void my.chooseImage({
      count: 1,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
      success: (res) => {
        // The typings declare tempFiles as one object; clients send an array of them.
        const files = res.tempFiles as unknown as { path: string; size: number }[] | undefined;
        const file = Array.isArray(files) ? files[0] : undefined;
        const path = file?.path ?? res.tempFilePaths?.[0] ?? res.apFilePaths?.[0];
        resolve(path ? { path, size: file?.size ?? 0 } : undefined);
      },
      fail: (err) => {
        if (err.error === 11) resolve(undefined);
        else reject(new Error(err.errorMessage ?? 'my.chooseImage failed'));
      },
    });
  });
}
