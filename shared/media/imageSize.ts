/**
 * Width and height from a picture's header (png, jpeg, webp) without decoding it, so a small file
 * that would decode into a huge bitmap (a decompression bomb) is refused before anyone decodes it.
 * Undefined when the header cannot be read.
 */
export function imageSize(b: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16be = (at: number) => (at + 2 <= b.length ? view.getUint16(at) : -1);
  if (b[0] === 0x89 && b[1] === 0x50) {
    // PNG: IHDR is the first chunk, right after the 8-byte signature.
    return b.length >= 24 ? { width: view.getUint32(16), height: view.getUint32(20) } : undefined;
  }
  if (b[0] === 0xff && b[1] === 0xd8) {
    // JPEG: walk the segments to the first start-of-frame (SOF0-SOF15 except DHT/JPG/DAC).
    let at = 2;
    while (at + 9 < b.length) {
      if (b[at] !== 0xff) return undefined;
      const marker = b[at + 1]!;
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
        at += marker === 0xff ? 1 : 2;
        continue;
      }
      const length = u16be(at + 2);
      if (length < 2) return undefined;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: u16be(at + 5), width: u16be(at + 7) };
      }
      at += 2 + length;
    }
    return undefined;
  }
  if (b.length >= 30 && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') {
    const chunk = String.fromCharCode(...b.subarray(12, 16));
    if (chunk === 'VP8X') return { width: 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)), height: 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16)) };
    if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = view.getUint32(21, true);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
  }
  return undefined;
}
