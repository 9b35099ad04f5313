import { IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_VOICE_MS, MIN_VOICE_MS } from '../schemas/limits';
import type { ChatTexts } from './chatText';

/** A picked image as the platform describes it: a path or file name, its size, maybe a MIME type. */
export interface PickedImage {
  readonly name: string;
  readonly size: number;
  readonly mimeType?: string;
}

const imageExtensions: Record<string, (typeof IMAGE_TYPES)[number]> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', webp: 'webp' };

/**
 * Why a picked image may not be sent (too large, not PNG/JPEG/WebP), or undefined when it may.
 * The server sniffs the content again; this only spares the user a useless upload. On a phone
 * my.chooseImage names every file `….image` (my.chooseImage.md), which says nothing of its type:
 * then only the size is checked here.
 */
export function imageProblem(image: PickedImage, t: ChatTexts): string | undefined {
  const fromMime = image.mimeType?.startsWith('image/') ? image.mimeType.slice('image/'.length) : undefined;
  const ext = /\.([A-Za-z0-9]+)$/.exec(image.name)?.[1]?.toLowerCase();
  if (!fromMime && ext === 'image') return image.size > MAX_IMAGE_BYTES ? t.imageTooLarge(MAX_IMAGE_BYTES / 1024 / 1024) : undefined;
  const type = fromMime ?? (ext ? imageExtensions[ext] : undefined);
  if (!type || !(IMAGE_TYPES as readonly string[]).includes(type)) return t.imageWrongType;
  if (image.size > MAX_IMAGE_BYTES) return t.imageTooLarge(MAX_IMAGE_BYTES / 1024 / 1024);
  return undefined;
}

/** Why a finished recording may not be sent (shorter than a second), or undefined. */
export function recordingProblem(durationMs: number, t: ChatTexts): string | undefined {
  return durationMs < MIN_VOICE_MS ? t.voiceTooShort : undefined;
}

/** The recorder's hard stop: recordings end here and are sent as they are. */
export const RECORDING_LIMIT_MS = MAX_VOICE_MS;
