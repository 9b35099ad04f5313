/**
 * The loudness outline of a recording (RMS per 20 ms at 16 kHz) with silence trimmed at both ends,
 * and how alike two outlines are. The NLS stand-in recognises "speech" by comparing outlines with
 * registered utterances: lossy transcoding (webm, mp3) keeps the outline, so the same words come
 * back after the real client-to-server audio path.
 */
export function audioEnvelope(pcm: Int16Array): number[] {
  const frame = 320;
  const out: number[] = [];
  for (let i = 0; i + frame <= pcm.length; i += frame) {
    let sum = 0;
    for (let j = i; j < i + frame; j++) sum += pcm[j]! * pcm[j]!;
    out.push(Math.sqrt(sum / frame));
  }
  const peak = Math.max(0, ...out);
  if (!peak) return [];
  const loud = (v: number) => v > peak * 0.05;
  const first = out.findIndex(loud);
  let last = out.length - 1;
  while (last > first && !loud(out[last]!)) last--;
  return out.slice(first, last + 1).map((v) => v / peak);
}

/** Pearson correlation of two outlines after stretching the second to the first's length; 0 when lengths differ by more than 20 %. */
export function envelopeSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) / Math.max(a.length, b.length) > 0.2) return 0;
  const stretched = a.map((_, i) => {
    const x = (i * (b.length - 1)) / (a.length - 1);
    const lo = Math.floor(x);
    const hi = Math.min(b.length - 1, lo + 1);
    return b[lo]! + (b[hi]! - b[lo]!) * (x - lo);
  });
  const mean = (v: readonly number[]) => v.reduce((s, n) => s + n, 0) / v.length;
  const ma = mean(a);
  const mb = mean(stretched);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - ma) * (stretched[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (stretched[i]! - mb) ** 2;
  }
  return da && db ? num / Math.sqrt(da * db) : 0;
}
