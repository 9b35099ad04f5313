/** The samples of a 16-bit mono PCM WAV, with its sample rate; undefined when it is not one. */
export function readWav(bytes: Uint8Array): { sampleRate: number; pcm: Int16Array } | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 44 || b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') return undefined;
  let at = 12;
  let sampleRate = 0;
  let format = 0;
  let channels = 0;
  let bits = 0;
  while (at + 8 <= b.length) {
    const id = b.toString('ascii', at, at + 4);
    let size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      format = b.readUInt16LE(at + 8);
      channels = b.readUInt16LE(at + 10);
      sampleRate = b.readUInt32LE(at + 12);
      bits = b.readUInt16LE(at + 22);
    } else if (id === 'data') {
      // Streamed WAVs (ffmpeg to a pipe) leave the size unset: the data runs to the end.
      if (size === 0xffffffff || at + 8 + size > b.length) size = b.length - at - 8;
      if (format !== 1 || channels !== 1 || bits !== 16) return undefined;
      const copy = Buffer.from(b.subarray(at + 8, at + 8 + size - (size % 2)));
      return { sampleRate, pcm: new Int16Array(copy.buffer, copy.byteOffset, copy.length / 2) };
    }
    at += 8 + size + (size % 2);
  }
  return undefined;
}
