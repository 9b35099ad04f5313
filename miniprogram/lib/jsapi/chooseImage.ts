import { asTyped, type DocumentedParams } from './DocumentedParams';

/** A picked image: its temporary path and size in bytes. */
export interface ChosenImage {
  readonly path: string;
  readonly size: number;
}

/** What the picker ended with: an image, the user's cancel, or the album/camera permission refused. */
export type ChooseImageResult = { readonly image: ChosenImage } | { readonly cancelled: true } | { readonly denied: true };

/** my.chooseImage.md's error codes for a refused album or camera permission. */
const PERMISSION_ERRORS = new Set([2001, 2002, 2003]);

/**
 * One image from the album or camera through `my.chooseImage` (mini/api/基础API/多媒体/图片/my.chooseImage.md).
 * The page documents `tempFiles` as an array of `{path, size}` (the typings say one object) and
 * `tempFilePaths`; on a phone the paths end in `.image`, not the file's type. Error 11 is the
 * user's cancel, 2001-2003 a refused permission; anything else rejects.
 */
export function chooseImage(): Promise<ChooseImageResult> {
  return new Promise((resolve, reject) => {
    const params: DocumentedParams<typeof my.chooseImage, 'storeToAlbum'> = {
      count: 1,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
      success: (res) => {
        const raw: unknown = res.tempFiles;
        const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as readonly { path?: string; size?: number }[];
        const file = list[0];
        const path = file?.path ?? res.tempFilePaths?.[0] ?? res.apFilePaths?.[0];
        resolve(path ? { image: { path, size: file?.size ?? 0 } } : { cancelled: true });
      },
      fail: (err) => {
        if (err.error === 11) resolve({ cancelled: true });
        else if (err.error !== undefined && PERMISSION_ERRORS.has(err.error)) resolve({ denied: true });
        else reject(new Error(err.errorMessage ?? `my.chooseImage failed (${err.error ?? '?'})`));
      },
    };
    void my.chooseImage(asTyped<typeof my.chooseImage>(params));
  });
}
