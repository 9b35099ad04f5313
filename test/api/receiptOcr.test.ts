import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { imageSize } from '../../shared/media';
import { png } from '../helpers/mediaFixtures';
import { understand } from '../../shared/nlp';
import { mergeTicket } from '../../shared/conversation';
import { screenshotText, TesseractTextRecognizer } from '../../shared/ocr';
import { renderPaymentScreens, tradeNumber, type ReceiptScreen } from '../../mock/screenshots/paymentScreenshots';

jest.setTimeout(120_000);

const now = new Date('2026-11-25T12:00:00+08:00');

/** What the conversation's ticket takes from a picture's tidied text. */
function ticketOf(ocr: string) {
  const ticket = mergeTicket(undefined, understand(screenshotText(ocr, now), { now }), { messageId: 'm1', seq: 1, at: now.toISOString(), via: 'image' });
  return {
    orderNo: (ticket.orderNo?.value as { orderNo?: string } | undefined)?.orderNo,
    amount: (ticket.amount?.value as { amount?: number } | undefined)?.amount,
    time: (ticket.time?.value as { start?: string } | undefined)?.start,
  };
}

/** OCR text as Tesseract lays such screens out: columns apart by runs of spaces, wraps where the screen wrapped. */
describe('receipt text tidied for the ticket', () => {
  const trade = '2026111822001437652210984513';

  it('an Alipay bill detail: the amount alone in large type, 订单号 (wrapped) before 商家订单号', () => {
    const ocr = ['沙县小吃', '-350.00', '交易成功', '创建时间         2026-11-18 12:31:07', '付款方式              余额宝', `订单号”${trade.slice(0, 19)}`, trade.slice(19), '商家订单号  M2026111812310700', '88172', '', '对此订单有疑问', ''].join('\n');
    // Read as is, the ticket takes the last order number on the page: the merchant's.
    const untidied = mergeTicket(undefined, understand(ocr, { now }), { messageId: 'm1', seq: 1, at: now.toISOString() });
    expect((untidied.orderNo?.value as { orderNo?: string } | undefined)?.orderNo).not.toBe(trade);
    expect(ticketOf(ocr)).toEqual({ orderNo: trade, amount: 350, time: '2026-11-18T12:31:07+08:00' });
  });

  it("a bank's SMS: the paragraph joined across the bubble's wraps, the amount spent rather than the balance after it", () => {
    const ocr = ['<                     95559', '11月18日 21:04', '【交通银行】您尾号0931的卡于11月18', '日21:04在支付宝-沙县小吃消费支出人民', '币1,026.40元,可用余额5,311.92元。', '短信/彩信', ''].join('\n');
    expect(screenshotText(ocr, now)).toContain('【交通银行】您尾号0931的卡于11月18日21:04在支付宝-沙县小吃消费支出人民币1,026.40元,可用余额5,311.92元。');
    expect(ticketOf(ocr)).toEqual({ orderNo: undefined, amount: 1026.4, time: '2026-11-18T21:04:00+08:00' });
  });

  it('puts back a thousands comma OCR read as a point', () => {
    const ocr = ['【中信银行】您尾号5520卡11月18日09:12快捷支付支出人民币2.615.30元,余额801.07元。', ''].join('\n');
    expect(ticketOf(ocr)).toEqual({ orderNo: undefined, amount: 2615.3, time: '2026-11-18T09:12:00+08:00' });
  });

  it("a merchant's order page: 实付款 (its ¥ lost) over total, freight and discount; 支付宝交易号; 付款时间 over 成交时间", () => {
    const ocr = [
      '待收货', '小米之家官方店', '蓝牙耳机 x1                 ¥399.00', '商品总价                    ¥399.00', '运费                          Y0.00', '平台优惠                    -¥20.00',
      '实付款                       379.00', '订单编号          3391822746150028364', `支付宝交易号 ${trade}`, '下单时间      2026-11-18 12:30:41', '付款时间      2026-11-18 12:31:07', '成交时间      2026-11-21 09:00:00', '',
    ].join('\n');
    expect(ticketOf(ocr)).toEqual({ orderNo: trade, amount: 379, time: '2026-11-18T12:31:07+08:00' });
  });

  it('adds nothing when the text already ends with the receipt\'s own values, and leaves a non-receipt alone', () => {
    const bill = ['转账成功', '转账金额     -88.00', `交易号 ${trade}`, '创建时间  2026-11-18 12:31:07', ''].join('\n');
    expect(screenshotText(bill, now)).toBe(['转账成功', '转账金额 ¥88.00', `交易号 ${trade}`, '创建时间  2026-11-18 12:31:07'].join('\n'));
    const chat = ['群聊(3)', '明天几点集合', '体重 62.50', '早上 8:30', ''].join('\n');
    expect(screenshotText(chat, now)).toBe('群聊(3)\n明天几点集合\n体重 62.50\n早上 8:30');
  });
});

describe('a second look at a phone\'s width when a wide receipt reads without an amount', () => {
  // A stand-in for tesseract: it keeps each picture it gets and answers the next line of a script.
  const bin = mkdtempSync(path.join(os.tmpdir(), 'kefu-receipt-ocr-'));
  const command = path.join(bin, 'tesseract');
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  function answers(...replies: (string | null)[]) {
    const calls = path.join(bin, 'calls');
    writeFileSync(calls, '');
    const cases = replies.map((r, i) => `${i + 1}) ${r === null ? 'exit 1' : `printf '%s' '${r}'`} ;;`).join('\n');
    writeFileSync(command, `#!/bin/bash\nn=$(( $(wc -l < "${calls}") + 1 ))\necho $n >> "${calls}"\ncat > "${bin}/seen-$n.png"\ncase $n in\n${cases}\nesac\n`);
    chmodSync(command, 0o755);
    return () => readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean).length;
  }
  const wide = png(1242, 2400);
  const first = `永辉超市\n交易成功\n支付时间  2026-11-02 08:31:49\n订单号  ${'2026112622004848244270060204'}\n`;

  it('reads the picture again at about 420 px wide and adds the amount found alone on a line', async () => {
    const calls = answers(first, '永辉超市\n-13,407.87\n交易成功\n支付时间 2026-11-02 08:3');
    const text = await new TesseractTextRecognizer({ command }).recognize(wide);
    expect(calls()).toBe(2);
    expect(imageSize(readFileSync(path.join(bin, 'seen-2.png')))!.width).toBeLessThanOrEqual(420);
    expect(text.split('\n').slice(0, 3)).toEqual(['永辉超市', '-13,407.87', '交易成功']);
    expect(ticketOf(text)).toEqual({ orderNo: '2026112622004848244270060204', amount: 13407.87, time: '2026-11-02T08:31:49+08:00' });
  });

  it('keeps the first reading when the second fails, and looks once only for a wide receipt without an amount', async () => {
    let calls = answers(first, null);
    expect(await new TesseractTextRecognizer({ command }).recognize(wide)).toBe(first);
    expect(calls()).toBe(2);
    for (const [picture, reply] of [[wide, '付款金额 ¥350.00\n订单号 2026112622004848244270060204'], [wide, '今天天气不错'], [png(390, 800), first]] as const) {
      calls = answers(reply, 'never asked');
      expect(await new TesseractTextRecognizer({ command }).recognize(picture)).toBe(reply);
      expect(calls()).toBe(1);
    }
  });
});

describe('an Alipay bill detail rendered and read by Tesseract', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  afterAll(() => browser?.close());

  it('fills the ticket with -350.00 and the 28-digit 订单号, not only the time (issue 21)', async () => {
    const tradeNo = tradeNumber(303);
    const screen: ReceiptScreen = { layout: 'alipayBill', tradeNo, otherOrderNo: `T200P${tradeNo.slice(0, 8)}000000731906`, amountText: '-350.00', amount: 350, time: '2026-11-24 15:02:33', otherAmount: 0, merchant: '沙县小吃', variant: 0, fontPx: 16, dark: false, width: 390, scale: 2 };
    const [image] = await renderPaymentScreens(browser, [screen]);
    const raw = await new TesseractTextRecognizer({ timeoutMs: 60_000 }).recognize(image!);
    expect(raw.replace(/\s/g, '')).toContain('350.00');
    expect(ticketOf(raw)).toEqual({ orderNo: tradeNo, amount: 350, time: '2026-11-24T15:02:33+08:00' });
  });

  it('at 3x (an iPhone screenshot), where Tesseract misses the amount in large type on the first reading', async () => {
    const tradeNo = tradeNumber(404);
    const screen: ReceiptScreen = { layout: 'alipayBill', tradeNo, otherOrderNo: `T200P${tradeNo.slice(0, 8)}000005347121`, amountText: '-13,407.87', amount: 13407.87, time: '2026-11-02 08:31:49', otherAmount: 0, merchant: '永辉超市', variant: 2, fontPx: 17, dark: false, width: 414, scale: 3 };
    const [image] = await renderPaymentScreens(browser, [screen]);
    expect(ticketOf(await new TesseractTextRecognizer({ timeoutMs: 60_000 }).recognize(image!))).toEqual({ orderNo: tradeNo, amount: 13407.87, time: '2026-11-02T08:31:49+08:00' });
  });
});
