/**
 * `npm run bench:ocr [-- --json]`: 32 payment-style screenshots rendered at run time in Debian's
 * Chromium (CJK fonts from Debian) and read by Debian's Tesseract (chi_sim+eng): 20 bill pages of
 * four kinds and 12 receipts of three more layouts (Alipay 账单详情, a bank's payment SMS, a
 * merchant's order page), of varied width, pixel density, type size and theme. Reports the share of
 * trade numbers and amounts recovered exactly anywhere in the text, the share of tickets filled
 * right (the order number, amount and time the conversation's ticket takes from the message, as
 * mergeTicket folds it), and the seconds per image. Two readings of the same OCR output run side by
 * side: Kefu's (screenshotText tidying, then the ordinary entity extraction) and the raw OCR text
 * through the same extraction. Target: >= 95 % of trade numbers exact and of tickets right.
 */
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { understand } from '../../shared/nlp';
import { mergeTicket } from '../../shared/conversation';
import { screenshotText, TesseractTextRecognizer } from '../../shared/ocr';
import { benchmarkScreens, renderPaymentScreens, type PaymentScreen } from '../../mock/screenshots/paymentScreenshots';

const NOW = new Date('2026-11-25T12:00:00+08:00');

interface Found {
  readonly tradeNo: boolean;
  readonly amount: boolean;
  /** The ticket's order number (none when the screen shows none), amount and time all right. */
  readonly ticket: boolean;
}

/** What the extraction read from a text, and what the ticket took from it, compared with the truth. */
function score(text: string, truth: PaymentScreen): Found {
  const parsed = understand(text.slice(0, 2000), { now: NOW });
  const tradeNos = parsed.entities.flatMap((e) => (e.type === 'orderNo' ? [e.value.orderNo] : []));
  const amounts = parsed.entities.flatMap((e) => (e.type === 'amount' && 'amount' in e.value ? [e.value.amount] : []));
  const ticket = mergeTicket(undefined, parsed, { messageId: 'm1', seq: 1, at: NOW.toISOString(), via: 'image' });
  const ticketNo = (ticket.orderNo?.value as { orderNo?: string } | undefined)?.orderNo;
  const ticketAmount = (ticket.amount?.value as { amount?: number } | undefined)?.amount;
  const ticketTime = (ticket.time?.value as { start?: string } | undefined)?.start ?? '';
  const close = (a: number | undefined) => a !== undefined && Math.abs(a - truth.amount) < 0.005;
  return {
    tradeNo: truth.tradeNo !== undefined && tradeNos.includes(truth.tradeNo),
    amount: amounts.some(close),
    ticket: ticketNo === truth.tradeNo && close(ticketAmount) && ticketTime.startsWith(truth.time.replace(' ', 'T')),
  };
}

/** A share in per cent, or null over nothing (a bank SMS shows no order number). */
const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

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
  // A generous cap: this measures reading, and a busy machine must not turn slowness into failure.
  const ocr = new TesseractTextRecognizer({ timeoutMs: 120_000 });
  const rows: { i: number; truth: PaymentScreen; seconds: number; kefu: Found; raw: Found }[] = [];
  for (const [i, image] of images.entries()) {
    const truth = screens[i]!;
    const started = performance.now();
    const text = await ocr.recognize(image);
    const seconds = (performance.now() - started) / 1000;
    rows.push({ i: i + 1, truth, seconds, kefu: score(screenshotText(text, NOW), truth), raw: score(text, truth) });
    if (!json) process.stderr.write(`\r${i + 1}/${images.length} 张截图已识别`);
  }
  const withNo = rows.filter((r) => r.truth.tradeNo !== undefined);
  const shares = (of: typeof rows, pick: (r: (typeof rows)[number]) => Found) => ({
    tradeNoExactPct: pct(of.filter((r) => r.truth.tradeNo !== undefined && pick(r).tradeNo).length, of.filter((r) => r.truth.tradeNo !== undefined).length),
    amountExactPct: pct(of.filter((r) => pick(r).amount).length, of.length),
    ticketRightPct: pct(of.filter((r) => pick(r).ticket).length, of.length),
  });
  const layouts = [...new Set(rows.map((r) => r.truth.layout))];
  const seconds = rows.map((r) => r.seconds).sort((a, b) => a - b);
  const kefu = shares(rows, (r) => r.kefu);
  const summary = {
    images: rows.length,
    imagesWithOrderNo: withNo.length,
    kefu,
    rawOcrText: shares(rows, (r) => r.raw),
    byLayout: Object.fromEntries(layouts.map((l) => [l, { images: rows.filter((r) => r.truth.layout === l).length, kefu: shares(rows.filter((r) => r.truth.layout === l), (r) => r.kefu), rawOcrText: shares(rows.filter((r) => r.truth.layout === l), (r) => r.raw) }])),
    secondsPerImage: { mean: Math.round((seconds.reduce((a, b) => a + b, 0) / seconds.length) * 100) / 100, median: Math.round(seconds[Math.floor(seconds.length / 2)]! * 100) / 100, max: Math.round(seconds[seconds.length - 1]! * 100) / 100 },
    targetPct: 95,
    met: (kefu.tradeNoExactPct ?? 0) >= 95 && (kefu.ticketRightPct ?? 0) >= 95,
    perImage: rows.map((r) => ({ image: r.i, layout: r.truth.layout, width: r.truth.width, scale: r.truth.scale, seconds: Math.round(r.seconds * 100) / 100, tradeNo: r.truth.tradeNo === undefined ? null : r.kefu.tradeNo, amount: r.kefu.amount, ticket: r.kefu.ticket })),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  process.stderr.write('\n');
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |\n`;
  const cell = (v: number | null) => (v === null ? '-' : `${v} %`);
  const cells = (s: ReturnType<typeof shares>) => [cell(s.tradeNoExactPct), cell(s.amountExactPct), cell(s.ticketRightPct)];
  process.stdout.write(line(['reading', 'layouts', 'images', 'trade no. exact', 'amount exact', 'ticket right']));
  process.stdout.write(line(['---', '---', '---', '---', '---', '---']));
  process.stdout.write(line(['Kefu (tidied OCR + parse)', 'all', rows.length, ...cells(summary.kefu)]));
  process.stdout.write(line(['raw OCR text + parse', 'all', rows.length, ...cells(summary.rawOcrText)]));
  for (const [l, s] of Object.entries(summary.byLayout)) {
    process.stdout.write(line(['Kefu', l, s.images, ...cells(s.kefu)]));
    process.stdout.write(line(['raw', l, s.images, ...cells(s.rawOcrText)]));
  }
  process.stdout.write(`\nTrade numbers over the ${withNo.length} images that show one (a bank SMS shows none). Ticket right: its order number (or none), amount and time all as shown.\n`);
  process.stdout.write(`Tesseract chi_sim+eng, ${rows.length} images: ${summary.secondsPerImage.mean} s per image on average (median ${summary.secondsPerImage.median}, max ${summary.secondsPerImage.max}).\n`);
  process.stdout.write(`Target >= 95 % trade numbers exact and tickets right: ${summary.met ? 'met' : 'NOT met'}.\n\n`);
  process.stdout.write(line(['#', 'layout', 'width', 'scale', 's', 'trade no.', 'amount', 'ticket']));
  process.stdout.write(line(['---', '---', '---', '---', '---', '---', '---', '---']));
  const yes = (b: boolean | null) => (b === null ? '-' : b ? 'yes' : 'no');
  for (const r of summary.perImage) process.stdout.write(line([r.image, r.layout, r.width, r.scale, r.seconds, yes(r.tradeNo), yes(r.amount), yes(r.ticket)]));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:ocr failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
