/**
 * `npm run bench:ocr [-- --json]`: 20 payment-style screenshots of varied layout, width, pixel
 * density, type size and theme, rendered at run time in Debian's Chromium (CJK fonts from Debian),
 * read by Debian's Tesseract (chi_sim+eng). Reports the share of trade numbers and amounts recovered
 * exactly and the seconds per image. Two readings of the same OCR output run side by side: Kefu's
 * (screenshotText tidying, then the ordinary entity extraction) and the raw OCR text through the
 * same extraction. Target: >= 95 % of trade numbers exact.
 */
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { parse } from '../shared/nlp';
import { screenshotText } from '../shared/ocr/screenshotText';
import { TesseractTextRecognizer } from '../shared/ocr/TesseractTextRecognizer';
import { benchmarkScreens, renderPaymentScreens, type PaymentScreen } from '../mock/screenshots/paymentScreenshots';

interface Found {
  readonly tradeNo: boolean;
  readonly amount: boolean;
}

/** What the extraction read from a text: the trade number and the amount, compared with the truth. */
function score(text: string, truth: PaymentScreen): Found {
  const entities = parse(text.slice(0, 2000), { now: new Date('2026-11-25T12:00:00+08:00') }).entities;
  const tradeNos = entities.flatMap((e) => (e.type === 'orderNo' ? [(e.value as { orderNo: string }).orderNo] : []));
  const amounts = entities.flatMap((e) => (e.type === 'amount' ? [(e.value as { amount: number }).amount] : []));
  return { tradeNo: tradeNos.includes(truth.tradeNo), amount: amounts.some((a) => Math.abs(a - truth.amount) < 0.005) };
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const screens = benchmarkScreens();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  let images: Buffer[];
  try {
    images = await renderPaymentScreens(browser, screens);
  } finally {
    await browser.close();
  }
  const ocr = new TesseractTextRecognizer();
  const rows: { i: number; layout: string; width: number; scale: number; seconds: number; kefu: Found; raw: Found }[] = [];
  for (const [i, image] of images.entries()) {
    const truth = screens[i]!;
    const started = performance.now();
    const text = await ocr.recognize(image);
    const seconds = (performance.now() - started) / 1000;
    rows.push({ i: i + 1, layout: truth.layout, width: truth.width, scale: truth.scale, seconds, kefu: score(screenshotText(text), truth), raw: score(text, truth) });
    if (!json) process.stderr.write(`\r${i + 1}/${images.length} 张截图已识别`);
  }
  const share = (f: (r: (typeof rows)[number]) => boolean) => Math.round((rows.filter(f).length / rows.length) * 1000) / 10;
  const seconds = rows.map((r) => r.seconds).sort((a, b) => a - b);
  const summary = {
    images: rows.length,
    kefu: { tradeNoExactPct: share((r) => r.kefu.tradeNo), amountExactPct: share((r) => r.kefu.amount) },
    rawOcrText: { tradeNoExactPct: share((r) => r.raw.tradeNo), amountExactPct: share((r) => r.raw.amount) },
    secondsPerImage: { mean: Math.round((seconds.reduce((a, b) => a + b, 0) / seconds.length) * 100) / 100, median: Math.round(seconds[Math.floor(seconds.length / 2)]! * 100) / 100, max: Math.round(seconds[seconds.length - 1]! * 100) / 100 },
    targetTradeNoPct: 95,
    met: share((r) => r.kefu.tradeNo) >= 95,
    perImage: rows.map((r) => ({ image: r.i, layout: r.layout, width: r.width, scale: r.scale, seconds: Math.round(r.seconds * 100) / 100, tradeNo: r.kefu.tradeNo, amount: r.kefu.amount })),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  process.stderr.write('\n');
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |\n`;
  process.stdout.write(line(['reading', 'trade no. exact', 'amount exact']));
  process.stdout.write(line(['---', '---', '---']));
  process.stdout.write(line(['Kefu (tidied OCR + parse)', `${summary.kefu.tradeNoExactPct} %`, `${summary.kefu.amountExactPct} %`]));
  process.stdout.write(line(['raw OCR text + parse', `${summary.rawOcrText.tradeNoExactPct} %`, `${summary.rawOcrText.amountExactPct} %`]));
  process.stdout.write(`\nTesseract chi_sim+eng, ${rows.length} images: ${summary.secondsPerImage.mean} s per image on average (median ${summary.secondsPerImage.median}, max ${summary.secondsPerImage.max}).\n`);
  process.stdout.write(`Target >= 95 % trade numbers exact: ${summary.met ? 'met' : 'NOT met'}.\n\n`);
  process.stdout.write(line(['#', 'layout', 'width', 'scale', 's', 'trade no.', 'amount']));
  process.stdout.write(line(['---', '---', '---', '---', '---', '---', '---']));
  for (const r of summary.perImage) process.stdout.write(line([r.image, r.layout, r.width, r.scale, r.seconds, r.tradeNo ? 'yes' : 'no', r.amount ? 'yes' : 'no']));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:ocr failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
