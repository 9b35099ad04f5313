import type { Browser } from 'playwright-core';
import { receiptHtml, type ReceiptLook } from './receiptHtml';

/** One of the four bill-style pages (a title, the amount, label/value rows): what it shows and how. */
export interface BillScreen {
  readonly tradeNo: string;
  /** As shown, e.g. "-350.00" or "¥1,288.50". */
  readonly amountText: string;
  /** The amount in yuan, for checking. */
  readonly amount: number;
  readonly time: string;
  readonly layout: 'bill' | 'transfer' | 'failed' | 'refund';
  readonly width: number;
  readonly scale: 1 | 2 | 3;
  readonly fontPx: number;
  readonly dark: boolean;
}

/** A receipt of another layout (Alipay bill detail, bank SMS, merchant order page), at a size. */
export type ReceiptScreen = ReceiptLook & { readonly width: number; readonly scale: 1 | 2 | 3 };

/** One payment-style screenshot to render; `tradeNo`, `amount` and `time` are what a ticket should take. */
export type PaymentScreen = BillScreen | ReceiptScreen;

const isBill = (s: PaymentScreen): s is BillScreen => s.layout === 'bill' || s.layout === 'transfer' || s.layout === 'failed' || s.layout === 'refund';

/** A 28-digit Alipay trade number from a seed: date part, 2200 channel, then digits. */
export function tradeNumber(seed: number): string {
  let x = seed * 2654435761;
  let tail = '';
  for (let i = 0; i < 16; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    tail += String(x % 10);
  }
  return `2026112${seed % 10}2200${tail}`.slice(0, 28);
}

const titles: Record<BillScreen['layout'], string> = { bill: '账单详情', transfer: '转账成功', failed: '支付失败', refund: '退款详情' };

/** The HTML of a screen: Alipay-like bill pages with labels and values in rows. */
export function paymentHtml(s: PaymentScreen): string {
  if (!isBill(s)) return receiptHtml(s);
  const fg = s.dark ? '#e8e8e8' : '#1f1f1f';
  const bg = s.dark ? '#141414' : '#ffffff';
  const label = s.dark ? '#a6a6a6' : '#8c8c8c';
  const rows: [string, string][] = [
    [s.layout === 'refund' ? '退款金额' : s.layout === 'transfer' ? '转账金额' : '付款金额', s.amountText],
    ['创建时间', s.time],
    [s.layout === 'refund' ? '原交易号' : '交易号', s.tradeNo],
    ['付款方式', s.layout === 'failed' ? '余额宝' : '花呗'],
    ['商品说明', s.layout === 'failed' ? '话费充值 失败原因:余额不足' : '便利店消费'],
  ];
  const order = s.layout === 'transfer' ? [rows[0]!, rows[2]!, rows[1]!, rows[4]!] : rows;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; background: ${bg}; color: ${fg}; font: ${s.fontPx}px/1.6 "Noto Sans CJK SC", "Noto Sans SC", sans-serif; }
    .title { text-align: center; font-size: ${Math.round(s.fontPx * 1.2)}px; padding: 16px 0; border-bottom: 1px solid ${label}33; }
    .big { text-align: center; font-size: ${Math.round(s.fontPx * 2.2)}px; font-weight: 600; padding: 20px 0 8px; }
    .row { display: flex; justify-content: space-between; padding: 10px 20px; gap: 16px; }
    .row span:first-child { color: ${label}; white-space: nowrap; }
    .row span:last-child { text-align: right; word-break: break-all; }
  </style></head><body>
    <div class="title">${titles[s.layout]}</div>
    <div class="big">${s.amountText}</div>
    ${order.map(([k, v]) => `<div class="row"><span>${k}</span><span>${v}</span></div>`).join('')}
  </body></html>`;
}

/** Renders screens in one browser page each; PNG bytes. */
export async function renderPaymentScreens(browser: Browser, screens: readonly PaymentScreen[]): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const s of screens) {
    const page = await browser.newPage({ viewport: { width: s.width, height: 600 }, deviceScaleFactor: s.scale });
    try {
      await page.setContent(paymentHtml(s));
      out.push(await page.screenshot({ fullPage: true, type: 'png' }));
    } finally {
      await page.close();
    }
  }
  return out;
}

/** Twenty bill pages and twelve other receipts of varied layout, width, pixel density, type size and theme (the bench:ocr set). */
export function benchmarkScreens(): PaymentScreen[] {
  return [...billScreens(), ...receiptScreens(12, 1)];
}

/** The twenty bill pages bench:ocr started with. */
function billScreens(): BillScreen[] {
  const layouts: BillScreen['layout'][] = ['bill', 'transfer', 'failed', 'refund'];
  const widths = [320, 375, 414, 768];
  const amounts: [string, number][] = [['-350.00', 350], ['¥1,288.50', 1288.5], ['35.80元', 35.8], ['-12,000.00', 12000], ['¥ 99.00', 99]];
  return Array.from({ length: 20 }, (_, i) => {
    const [amountText, amount] = amounts[i % amounts.length]!;
    return {
      tradeNo: tradeNumber(i + 1),
      amountText,
      amount,
      time: `2026-11-${String(10 + (i % 15)).padStart(2, '0')} ${String(8 + (i % 12)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')}`,
      layout: layouts[i % layouts.length]!,
      width: widths[(i >> 2) % widths.length]!,
      scale: ([1, 2, 3] as const)[i % 3]!,
      fontPx: [14, 15, 16, 18][(i >> 1) % 4]!,
      dark: i % 5 === 4,
    };
  });
}

const merchants = ['全家便利店', '美宜佳', '盒马鲜生', '瑞幸咖啡', '滴滴出行', '华润万家', '永辉超市'];

/**
 * `count` receipts of the three other layouts, in turn, from `seed`: amounts with and without a
 * thousands separator, shown signed, with ¥ or bare; widths 320-414 at 1x-3x; every fifth dark.
 * Different seeds give different numbers, amounts, times and sizes (a development set apart from
 * the benchmark's).
 */
export function receiptScreens(count: number, seed: number): ReceiptScreen[] {
  const layouts: ReceiptScreen['layout'][] = ['alipayBill', 'bankSms', 'merchantOrder'];
  return Array.from({ length: count }, (_, i) => {
    const k = seed * 131 + i * 17;
    const layout = layouts[i % 3]!;
    const amount = Math.round(((k * 7919) % 1_500_000) + 100 + (i % 4 === 3 ? 1_000_000 : 0)) / 100;
    const shown = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const amountText = layout === 'alipayBill' ? `-${shown}` : layout === 'merchantOrder' ? `¥${shown}` : shown;
    const minute = String((k * 7) % 60).padStart(2, '0');
    const time = `2026-11-${String(1 + (k % 24)).padStart(2, '0')} ${String(8 + (k % 13)).padStart(2, '0')}:${minute}${layout === 'bankSms' ? '' : `:${String((k * 13) % 60).padStart(2, '0')}`}`;
    const trade = tradeNumber(seed * 100 + i + 40);
    const own = `${4000 + (k % 900)}${String(k * 48271).padStart(15, '7').slice(-15)}`;
    const tradeNo = layout === 'bankSms' ? undefined : layout === 'merchantOrder' && i % 2 === 0 ? own : trade;
    const otherOrderNo = layout === 'alipayBill' ? `T200P${trade.slice(0, 8)}${String(k * 977).padStart(12, '0').slice(-12)}` : layout === 'merchantOrder' ? own : undefined;
    return {
      layout,
      ...(tradeNo ? { tradeNo } : {}),
      ...(otherOrderNo ? { otherOrderNo } : {}),
      amountText,
      amount,
      time,
      otherAmount: layout === 'bankSms' ? Math.round(((k * 104_729) % 5_000_000) + 1) / 100 : Math.round((amount + 5 + (k % 40)) * 100) / 100,
      merchant: merchants[k % merchants.length]!,
      variant: Math.floor(i / 3) % 3,
      fontPx: [14, 15, 16, 17][(i + seed) % 4]!,
      dark: i % 5 === 4,
      width: [320, 360, 375, 414][(i >> 1) % 4]!,
      // Each layout at 1x, 2x and 3x in turn (a phone screenshot is 2-3x).
      scale: ([1, 2, 3] as const)[(i + Math.floor(i / 3) + seed) % 3]!,
    };
  });
}
