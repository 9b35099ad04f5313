/**
 * Three more receipt layouts for bench:ocr, drawn after what users actually send: the Alipay bill
 * detail page (a big unlabelled signed amount, 订单号 and 商家订单号), a bank's SMS about a payment
 * in a phone's message thread (one paragraph, with the balance next to the amount) and a merchant's
 * order page (several amounts: total, freight, discount, paid). Each has distractors of the same
 * kind as the value a ticket needs: a second order number, a second amount, a second time.
 */

/** What a receipt shows; the values the ticket should take are `tradeNo`, `amount`, `time`. */
export interface ReceiptLook {
  readonly layout: 'alipayBill' | 'bankSms' | 'merchantOrder';
  /** The order number the ticket should take (the Alipay trade number when shown); none on an SMS. */
  readonly tradeNo?: string;
  /** The other order number on the page (商家订单号; the merchant page's own number). */
  readonly otherOrderNo?: string;
  readonly amountText: string;
  readonly amount: number;
  /** "2026-11-24 15:02:33" (an SMS says only month, day and minute). */
  readonly time: string;
  /** A second figure on the page: the balance after an SMS payment, the total before discount. */
  readonly otherAmount: number;
  readonly merchant: string;
  /** Which bank's SMS wording (0-2). */
  readonly variant: number;
  readonly fontPx: number;
  readonly dark: boolean;
}

const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function palette(dark: boolean) {
  return dark ? { fg: '#e8e8e8', bg: '#141414', label: '#a6a6a6', card: '#262626', bubble: '#303030' } : { fg: '#1f1f1f', bg: '#f5f5f5', label: '#8c8c8c', card: '#ffffff', bubble: '#e9e9eb' };
}

function page(s: ReceiptLook, css: string, body: string): string {
  const c = palette(s.dark);
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; background: ${c.bg}; color: ${c.fg}; font: ${s.fontPx}px/1.6 "Noto Sans CJK SC", "Noto Sans SC", sans-serif; }
    .card { background: ${c.card}; margin: 10px; border-radius: 8px; padding: 6px 0; }
    .row { display: flex; justify-content: space-between; padding: 8px 16px; gap: 16px; }
    .row span:first-child { color: ${c.label}; white-space: nowrap; }
    .row span:last-child { text-align: right; word-break: break-all; }
    .muted { color: ${c.label}; }
    ${css}
  </style></head><body>${body}</body></html>`;
}

const rows = (pairs: readonly (readonly [string, string])[]) => pairs.map(([k, v]) => `<div class="row"><span>${k}</span><span>${v}</span></div>`).join('');

/** Alipay's 账单详情: merchant, the amount alone in large type, status, then label/value rows. */
function alipayBill(s: ReceiptLook): string {
  const body = `
    <div class="top"><div class="logo">${s.merchant.slice(0, 1)}</div><div>${s.merchant}</div></div>
    <div class="big">${s.amountText}</div>
    <div class="status muted">交易成功</div>
    <div class="card">${rows([
      ['支付时间', s.time],
      ['付款方式', s.variant === 1 ? '余额' : '花呗'],
      ['商品说明', `${s.merchant}消费`],
      ['收单机构', '支付宝(中国)网络技术有限公司'],
      ['订单号', s.tradeNo ?? ''],
      ['商家订单号', s.otherOrderNo ?? ''],
    ])}</div>
    <div class="card">${rows([['账单分类', '日用百货'], ['标签和备注', '添加']])}</div>
    <div class="muted" style="text-align:center;padding:12px">对此订单有疑问</div>`;
  return page(s, `.top { display: flex; flex-direction: column; align-items: center; padding-top: 20px; gap: 6px; }
    .logo { width: 40px; height: 40px; border-radius: 20px; background: #1677ff; color: #fff; text-align: center; line-height: 40px; }
    .big { text-align: center; font-size: ${Math.round(s.fontPx * 2.4)}px; font-weight: 600; padding: 8px 0 0; }
    .status { text-align: center; padding-bottom: 10px; }`, body);
}

/** A bank's payment SMS in the phone's thread: sender, a date pill, one grey bubble. */
function bankSms(s: ReceiptLook): string {
  const [date, clock] = s.time.split(' ') as [string, string];
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = clock.split(':') as [string, string];
  const tail = String(1000 + ((s.amount * 7) % 9000)).slice(0, 4);
  const texts = [
    `【工商银行】您尾号${tail}卡${month}月${day}日${hh}:${mm}快捷支付(支付宝-${s.merchant})支出人民币${s.amountText}元,余额${money(s.otherAmount)}元。`,
    `【招商银行】您账户${tail}于${month}月${day}日${hh}:${mm}在【支付宝-${s.merchant}】快捷支付${s.amountText}元,余额${money(s.otherAmount)}`,
    `您尾号${tail}的储蓄卡${month}月${day}日${hh}时${mm}分向支付宝-${s.merchant}支付支出人民币${s.amountText}元,活期余额${money(s.otherAmount)}元。[建设银行]`,
  ];
  const sender = ['95588', '95555', '95533'][s.variant % 3]!;
  const body = `
    <div class="head"><span class="muted">&lt;</span><b>${sender}</b><span></span></div>
    <div class="pill muted">${month}月${day}日 ${hh}:${mm}</div>
    <div class="bubble">${texts[s.variant % 3]!}</div>
    <div class="muted" style="padding: 8px 16px">短信/彩信</div>`;
  const c = palette(s.dark);
  return page(s, `.head { display: flex; justify-content: space-between; padding: 14px 16px; border-bottom: 1px solid ${c.label}33; }
    .pill { text-align: center; font-size: ${Math.round(s.fontPx * 0.85)}px; padding: 14px 0 6px; }
    .bubble { background: ${c.bubble}; margin: 6px 56px 6px 12px; padding: 10px 14px; border-radius: 16px; word-break: break-all; }`, body);
}

/** A shop's 订单详情: goods, the price breakdown, then the order's numbers and times. */
function merchantOrder(s: ReceiptLook): string {
  const [date, clock] = s.time.split(' ') as [string, string];
  const created = `${date} ${clock.slice(0, 3)}${String(Math.max(0, Number(clock.slice(3, 5)) - 1)).padStart(2, '0')}${clock.slice(5)}`;
  const discount = Math.round((s.otherAmount - s.amount) * 100) / 100;
  const body = `
    <div class="status">交易成功</div>
    <div class="card"><div class="row"><span>${s.merchant}旗舰店</span><span></span></div>
      <div class="row"><span class="goods">精选礼盒 x1</span><span>¥${money(s.otherAmount)}</span></div></div>
    <div class="card">${rows([
      ['商品总价', `¥${money(s.otherAmount)}`],
      ['运费(快递)', '¥0.00'],
      ['店铺优惠', `-¥${money(discount)}`],
      ['实付款', s.amountText],
    ])}</div>
    <div class="card">${rows([
      ['订单编号', s.otherOrderNo ?? ''],
      ...(s.tradeNo && s.tradeNo !== s.otherOrderNo ? [['支付宝交易号', s.tradeNo] as const] : []),
      ['创建时间', created],
      ['付款时间', s.time],
      ['成交时间', `${date.slice(0, 8)}${String(Math.min(28, Number(date.slice(8)) + 3)).padStart(2, '0')} 10:20:00`],
    ])}</div>`;
  const c = palette(s.dark);
  return page(s, `.status { background: #ff5000; color: #fff; padding: 22px 16px; font-size: ${Math.round(s.fontPx * 1.3)}px; }
    .goods { color: ${c.fg} !important; }`, body);
}

/** The HTML of one of the three layouts. */
export function receiptHtml(s: ReceiptLook): string {
  if (s.layout === 'alipayBill') return alipayBill(s);
  if (s.layout === 'bankSms') return bankSms(s);
  return merchantOrder(s);
}
