import { chromium, type Browser } from 'playwright-core';
import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

jest.setTimeout(180_000);

/** An Alipay-style error screen: a red cross, 支付失败, the reason in large type, the details below. */
function errorScreenHtml(reason: string, detail: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; background: #fff; color: #1f1f1f; font: 16px/1.6 "Noto Sans CJK SC", "Noto Sans SC", sans-serif; text-align: center; }
    .icon { margin: 48px auto 16px; width: 64px; height: 64px; border-radius: 50%; background: #ff4d4f; color: #fff; font-size: 40px; line-height: 64px; }
    .title { font-size: 22px; font-weight: 600; }
    .reason { font-size: 20px; margin: 12px 0 24px; }
    .detail { color: #595959; padding: 0 24px; }
    .button { margin: 32px auto; width: 260px; padding: 10px 0; border-radius: 8px; background: #1677ff; color: #fff; }
  </style></head><body>
    <div class="icon">×</div>
    <div class="title">支付失败</div>
    <div class="reason">${reason}</div>
    <div class="detail">${detail}</div>
    <div class="button">我知道了</div>
  </body></html>`;
}

describe('a picture of a problem gets its answer (issue 21 item 8)', () => {
  let server: TestServer;
  let browser: Browser;
  let user: string;

  async function shot(reason: string, detail: string): Promise<Buffer> {
    const page = await browser.newPage({ viewport: { width: 390, height: 640 }, deviceScaleFactor: 2 });
    try {
      await page.setContent(errorScreenHtml(reason, detail));
      return await page.screenshot({ type: 'png' });
    } finally {
      await page.close();
    }
  }

  /** Uploads the picture into a new conversation and sends it; the bodies of what follows. */
  async function sendPicture(png: Buffer, clientMessageId: string) {
    const c = (await server.call('POST', '/v1/conversations', { token: user, body: {} })).json['id'] as string;
    const form = new FormData();
    form.set('conversationId', c);
    form.set('kind', 'image');
    form.set('file', new Blob([png], { type: 'image/png' }), 'shot.png');
    const up = await server.request(`/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${user}` }, body: form });
    expect(up.status).toBe(201);
    const mediaId = ((await up.json()) as { mediaId: string }).mediaId;
    const sent = await server.call('POST', `/v1/conversations/${c}/messages`, { token: user, body: { clientMessageId, mediaId } });
    expect(sent.status).toBe(201);
    const page = await server.call('GET', `/v1/conversations/${c}/events?after=0&timeout=0`, { token: user });
    return (page.json['events'] as { message?: { body: Record<string, unknown> } }[]).flatMap((e) => (e.message ? [e.message.body] : []));
  }

  beforeAll(async () => {
    server = await startTestServer({ KEFU_OCR: 'tesseract' });
    const admin = await staffLogin(server, 'admin');
    const entries = [
      { id: 'pay-balance-short', category: 'payment', question: '付款时提示余额不足怎么办', similar: ['支付失败说余额不足', '钱够却显示余额不足'], answer: '提示余额不足时,请确认所选付款方式(余额、余额宝或银行卡)里的可用金额够付这笔钱;也可以在付款页点【更换付款方式】换一张卡。' },
      { id: 'pay-method-unsupported', category: 'payment', question: '付款提示暂不支持该付款方式', similar: ['商家不支持这种付款方式', '这张卡不能付款'], answer: '这家商户暂不支持您选的付款方式。请在付款页点【更换付款方式】,改用余额、余额宝或另一张银行卡。' },
      { id: 'pay-risk', category: 'payment', question: '付款提示交易存在风险怎么办', similar: ['支付被风控拦截', '付款说有风险不让付'], answer: '为保护资金安全,系统拦截了这笔付款。请确认收款方可信后稍后重试,或在【我的】-【安全中心】完成身份验证。' },
    ];
    for (const e of entries) expect((await server.call('POST', '/v1/merchant/faq', { token: admin, body: e })).status).toBeLessThan(300);
    user = await userLogin(server, 'u005');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a rendered 余额不足 screen, sent as a picture, is answered with the 余额不足 entry', async () => {
    const bodies = await sendPicture(await shot('余额不足', '您的账户余额不足,请更换付款方式后重试'), 'pic-1');
    expect(String(bodies[0]?.['text'])).toContain('余额不足');
    expect(bodies[1]).toMatchObject({ type: 'faqCard', faqId: 'pay-balance-short' });
  });

  it('a rendered 交易存在风险 screen gets the risk entry, not the balance one', async () => {
    const bodies = await sendPicture(await shot('该笔交易存在风险', '为保障您的资金安全,本次支付已被拦截'), 'pic-2');
    expect(bodies[1]).toMatchObject({ type: 'faqCard', faqId: 'pay-risk' });
  });

  it('a rendered 暂不支持 screen gets the payment-method entry', async () => {
    const bodies = await sendPicture(await shot('暂不支持该付款方式', '请更换其他付款方式后再试'), 'pic-3');
    expect(bodies[1]).toMatchObject({ type: 'faqCard', faqId: 'pay-method-unsupported' });
  });
});
