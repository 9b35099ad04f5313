import { KefuError } from '../errors';
import { MAX_ENTRY_ICON_BYTES, MAX_ENTRY_ICON_SIDE } from '../merchant/entryIcons';
import { imageSize } from './imageSize';
import { declaredTypeMatches, sniffMedia } from './sniffMedia';

/**
 * A merchant's own entry-button icon, judged by its bytes before anything is stored: PNG or JPEG
 * only (what every mini-program client draws in `<image>`), at most 50 KB (every launch loads it)
 * and 512 px a side. Answers the sniffed type.
 */
export function checkEntryIcon(bytes: Uint8Array, declaredType: string | undefined): 'image/png' | 'image/jpeg' {
  if (bytes.length === 0) throw new KefuError('MEDIA_EMPTY');
  if (bytes.length > MAX_ENTRY_ICON_BYTES) throw new KefuError('MEDIA_TOO_LARGE', `图标不能超过 ${MAX_ENTRY_ICON_BYTES / 1024} KB`);
  const sniffed = sniffMedia(bytes);
  if (!sniffed || (sniffed.mime !== 'image/png' && sniffed.mime !== 'image/jpeg')) throw new KefuError('MEDIA_TYPE_UNSUPPORTED', '图标仅支持 PNG 或 JPEG 图片');
  if (!declaredTypeMatches(declaredType, sniffed)) throw new KefuError('MEDIA_TYPE_MISMATCH', `文件内容是 ${sniffed.mime},与声明的类型不符`);
  const size = imageSize(bytes);
  if (!size || !size.width || !size.height) throw new KefuError('MEDIA_TYPE_UNSUPPORTED', '图片已损坏或无法识别尺寸');
  if (size.width > MAX_ENTRY_ICON_SIDE || size.height > MAX_ENTRY_ICON_SIDE) {
    throw new KefuError('MEDIA_IMAGE_TOO_LARGE', `图标尺寸 ${size.width}×${size.height} 过大,不能超过 ${MAX_ENTRY_ICON_SIDE}×${MAX_ENTRY_ICON_SIDE}`);
  }
  return sniffed.mime;
}
