/** What a file is, judged from its first bytes (never from its name or declared type). */
export interface SniffedMedia {
  readonly kind: 'voice' | 'image';
  readonly mime: string;
}

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));

/**
 * The formats Kefu accepts: mp3, aac, m4a, wav, webm and ogg recordings (the last two from browsers)
 * and png, jpeg and webp pictures. Anything else is undefined.
 */
export function sniffMedia(b: Uint8Array): SniffedMedia | undefined {
  if (b.length < 12) return undefined;
  if (b[0] === 0x89 && ascii(b, 1, 'PNG') && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return { kind: 'image', mime: 'image/png' };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'image', mime: 'image/jpeg' };
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return { kind: 'image', mime: 'image/webp' };
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return { kind: 'voice', mime: 'audio/wav' };
  if (ascii(b, 0, 'ID3')) return { kind: 'voice', mime: 'audio/mpeg' };
  if (b[0] === 0xff && b[1] !== undefined) {
    // ADTS (AAC) has layer bits 00; an MPEG audio frame (mp3) has a non-zero layer.
    if ((b[1] & 0xf6) === 0xf0) return { kind: 'voice', mime: 'audio/aac' };
    if ((b[1] & 0xe0) === 0xe0 && ((b[1] >> 1) & 0x03) !== 0) return { kind: 'voice', mime: 'audio/mpeg' };
  }
  if (ascii(b, 4, 'ftyp')) return { kind: 'voice', mime: 'audio/mp4' };
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return { kind: 'voice', mime: 'audio/webm' };
  if (ascii(b, 0, 'OggS')) return { kind: 'voice', mime: 'audio/ogg' };
  return undefined;
}

/** Declared MIME types that name the same format as a sniffed one (clients differ in spelling). */
const aliases: Record<string, readonly string[]> = {
  'image/jpeg': ['image/jpg', 'image/pjpeg'],
  'audio/mpeg': ['audio/mp3'],
  'audio/mp4': ['audio/m4a', 'audio/x-m4a', 'video/mp4'],
  'audio/wav': ['audio/x-wav', 'audio/wave'],
  'audio/aac': ['audio/x-aac'],
  'audio/webm': ['video/webm'],
};

/** Whether a declared type (a part's content-type) agrees with the sniffed one; generic types agree with anything. */
export function declaredTypeMatches(declared: string | undefined, sniffed: SniffedMedia): boolean {
  const type = declared?.split(';')[0]?.trim().toLowerCase();
  if (!type || type === 'application/octet-stream') return true;
  return type === sniffed.mime || (aliases[sniffed.mime] ?? []).includes(type);
}
