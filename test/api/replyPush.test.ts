/**
 * Reply notices as Alipay subscription messages (订阅消息), against the local gateway stand-in with
 * real RSA2 signatures both ways. The documentation followed:
 * - my.requestSubscribeMessage: ../shared/platform-docs/alipay-open-docs/mini/api/开放能力API/消息/my.requestSubscribeMessage.md
 *   (one-time acceptances accumulate and each allows one message; long-term ones allow many; at
 *   most 3 ids; one-time and long-term not mixed; the server then sends through 02cth2).
 * - the send, alipay.open.app.mini.templatemessage.send: https://opendocs.alipay.com/mini/02cth2,
 *   listed in ../shared/platform-docs/alipay-open-docs/mini/server-api/服务端 API 概览.md (模板消息);
 *   its parameters to_user_id / to_open_id, user_template_id, page, data and "订阅消息模板无需传入
 *   form_id" from Alipay's SDK models (alipay-sdk-java AlipayOpenAppMiniTemplatemessageSendModel,
 *   alipay-sdk-net-all v2/AlipaySDKNet/Domain/AlipayOpenAppMiniTemplatemessageSendModel.cs).
 * - the send's documented business errors: ../shared/platform-docs/alipay-open-docs/support/支付宝小程序/常见问题/
 *   USER_TEMPLATE_ILLEGAL（模板非法）.md, USER_TEMPLATE_LACK_KEYWORD（缺少关键词）.md, USER_KEYWORD_LENGTH_ERROR（关键词超长）.md.
 */
import { startAlipayGateway, type AlipayGatewayEmulator } from '../../mock/alipay-gateway/AlipayGatewayEmulator';
import { rsaKeyPair } from '../helpers/rsaKeyPair';
import type { Store } from '../../shared/store';
import { createMemoryStore } from '../../shared/store/drivers';
import { AlipaySdkOpenApi } from '../../shared/alipay/AlipaySdkOpenApi';
import { AlipayAuthError, classifySendError } from '../../shared/alipay';
import { ReplyNotifier, writeNotifySettings } from '../../shared/push';
import { UNLIMITED_SENDS, defaultNotifySettings, type NotifySettings } from '../../shared/schemas';

const keys = rsaKeyPair;
const appId = '2021000000000003';
const ONCE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const ONCE_2 = 'b1b2c3d4e5f60718293a4b5c6d7e8f91';
const LONG = 'MDI4YzIxMDE2M2I5YTQzYjUxNWE4MjA4NmU1MTIyYmM=';

describe('reply notices: a subscription message when an agent replies to a user who left the chat', () => {
  const app = keys();
  const gatewayKeys = keys();
  let gw: { emulator: AlipayGatewayEmulator; url: string; close(): Promise<void> };
  beforeAll(async () => {
    gw = await startAlipayGateway({ appId, appPublicKey: app.publicKey, gatewayPrivateKey: gatewayKeys.privateKey });
    gw.emulator.ledger.defineTemplate(ONCE, 'once');
    gw.emulator.ledger.defineTemplate(ONCE_2, 'once');
    gw.emulator.ledger.defineTemplate(LONG, 'long');
  });
  afterAll(() => gw.close());

  async function notifier(clock: { now: number }, settings: Partial<NotifySettings> = {}): Promise<{ store: Store; n: ReplyNotifier }> {
    const store = createMemoryStore();
    await writeNotifySettings(store, 'demo', { ...defaultNotifySettings, replyTemplateIds: [ONCE], ...settings });
    const alipay = new AlipaySdkOpenApi({ appId, privateKey: app.privateKey, alipayPublicKey: gatewayKeys.publicKey, gateway: gw.url });
    return { store, n: new ReplyNotifier({ store, alipay, clock: () => clock.now, afterSeconds: 60, intervalSeconds: 300 }) };
  }
  /** The user accepted in my.requestSubscribeMessage: Alipay counts it, and the chat tells Kefu. */
  async function subscribe(n: ReplyNotifier, userId: string, ids: string[]) {
    gw.emulator.ledger.subscribe(userId, ids);
    return n.subscriptions.record('demo', userId, await n.settings('demo'), { accepted: ids });
  }
  const sendsLogged = () => gw.emulator.log.filter((l) => l.startsWith('alipay.open.app.mini.templatemessage.send')).length;
  const accepted = async (n: ReplyNotifier, userId: string) => (await n.subscriptions.status('demo', userId, await n.settings('demo'))).accepted;

  it('without a subscription nothing is queued or sent, and nothing fails', async () => {
    const clock = { now: 1_800_000_000_000 };
    const { n } = await notifier(clock);
    const before = sendsLogged();
    await expect(n.agentReplied('demo', '2088000000000010', 'c0')).resolves.toBe(false);
    expect(await n.deliver('demo')).toEqual({ sent: 0, failed: 0, gaveUp: 0, refused: 0, skipped: 0 });
    // No templates configured: nothing offered, nothing sent either.
    const { n: bare } = await notifier(clock, { replyTemplateIds: [] });
    await expect(bare.agentReplied('demo', '2088000000000010', 'c0')).resolves.toBe(false);
    expect(sendsLogged()).toBe(before);
  });

  it('one acceptance: one notice with to_user_id, user_template_id, page and data; then the count is 0 and the next reply sends nothing', async () => {
    const clock = { now: 1_800_000_000_000 };
    const { n } = await notifier(clock);
    expect((await subscribe(n, '2088000000000001', [ONCE])).accepted).toEqual({ [ONCE]: 1 });
    await n.userPolled('demo', '2088000000000001');
    clock.now += 30_000;
    expect(await n.agentReplied('demo', '2088000000000001', 'c1')).toBe(false);
    clock.now += 40_000;
    expect(await n.agentReplied('demo', '2088000000000001', 'c1')).toBe(true);
    expect(await n.agentReplied('demo', '2088000000000001', 'c1')).toBe(false);
    const before = gw.emulator.messages.length;
    expect(await n.deliver('demo')).toEqual({ sent: 1, failed: 0, gaveUp: 0, refused: 0, skipped: 0 });
    const delivered = gw.emulator.messages.slice(before);
    expect(delivered).toEqual([{ toUserId: '2088000000000001', userId: '2088000000000001', templateId: ONCE, page: 'pages/demo/index?conversation=c1', data: { keyword1: { value: '您有新的客服回复' }, keyword2: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) as unknown } } }]);
    expect(delivered[0]).not.toHaveProperty('formId');
    expect(gw.emulator.ledger.remaining('2088000000000001', ONCE)).toBe(0);
    expect(await accepted(n, '2088000000000001')).toEqual({ [ONCE]: 0 });
    clock.now += 301_000;
    expect(await n.agentReplied('demo', '2088000000000001', 'c1')).toBe(false);
    expect(gw.emulator.messages.length).toBe(before + 1);
  });

  it('two sends racing for the last one-time acceptance: exactly one gets it', async () => {
    const clock = { now: 1_800_000_000_000 };
    const { n } = await notifier(clock, { replyTemplateIds: [ONCE, ONCE_2] });
    await n.subscriptions.record('demo', '2088000000000004', await n.settings('demo'), { accepted: [ONCE_2] });
    const settings = await n.settings('demo');
    const [a, b] = await Promise.all([n.subscriptions.reserve('demo', '2088000000000004', settings), n.subscriptions.reserve('demo', '2088000000000004', settings)]);
    expect([a, b].filter(Boolean)).toEqual([{ templateId: ONCE_2, kind: 'once' }]);
    expect(await accepted(n, '2088000000000004')).toEqual({ [ONCE]: 0, [ONCE_2]: 0 });
  });

  it('"not subscribed" from Alipay: the record is cleared, no retry, nothing for the user', async () => {
    const clock = { now: 1_800_000_000_000 };
    const { n, store } = await notifier(clock);
    // Kefu was told of an acceptance Alipay never recorded (e.g. switched off in 消息管理 since).
    await n.subscriptions.record('demo', '2088000000000005', await n.settings('demo'), { accepted: [ONCE] });
    expect(await n.agentReplied('demo', '2088000000000005', 'c5')).toBe(true);
    const before = sendsLogged();
    expect(await n.deliver('demo')).toEqual({ sent: 0, failed: 0, gaveUp: 0, refused: 1, skipped: 0 });
    expect(gw.emulator.log.at(-1)).toBe('alipay.open.app.mini.templatemessage.send USER_NOT_SUBSCRIBED');
    expect(await accepted(n, '2088000000000005')).toEqual({ [ONCE]: 0 });
    for (let i = 0; i < 5; i++) {
      clock.now += 3_600_000;
      expect(await n.deliver('demo')).toEqual({ sent: 0, failed: 0, gaveUp: 0, refused: 0, skipped: 0 });
      expect(await n.agentReplied('demo', '2088000000000005', 'c5')).toBe(false);
    }
    expect(sendsLogged()).toBe(before + 1);
    const log = (await store.tenant('demo').range<{ status: string; templateId: string }>('pushLog', [], { limit: 10 })).rows.map((r) => [r.value.status, r.value.templateId]);
    expect(log).toEqual([['refused', ONCE]]);
  });

  it('acceptances used up at Alipay (Kefu counted more): refused once, the count zeroed, not retried', async () => {
    const clock = { now: 1_800_000_000_000 };
    const { n } = await notifier(clock);
    await subscribe(n, '2088000000000006', [ONCE]);
    // A second acceptance reported to Kefu that never reached Alipay.
    expect((await n.subscriptions.record('demo', '2088000000000006', await n.settings('demo'), { accepted: [ONCE] })).accepted).toEqual({ [ONCE]: 2 });
    expect(await n.agentReplied('demo', '2088000000000006', 'c6')).toBe(true);
    expect((await n.deliver('demo')).sent).toBe(1);
    clock.now += 301_000;
    expect(await n.agentReplied('demo', '2088000000000006', 'c6')).toBe(true);
    const before = sendsLogged();
    expect(await n.deliver('demo')).toEqual({ sent: 0, failed: 0, gaveUp: 0, refused: 1, skipped: 0 });
    expect(gw.emulator.log.at(-1)).toBe('alipay.open.app.mini.templatemessage.send SUBSCRIBE_TIMES_USED_UP');
    expect(await accepted(n, '2088000000000006')).toEqual({ [ONCE]: 0 });
    clock.now += 3_600_000;
    expect(await n.deliver('demo')).toEqual({ sent: 0, failed: 0, gaveUp: 0, refused: 0, skipped: 0 });
    expect(sendsLogged()).toBe(before + 1);
  });

  it('a long-term template is sent on every reply (one per interval), and shows as unlimited', async () => {
    const clock = { now: 1_800_000_000_000 };
    const { n } = await notifier(clock, { replyTemplateIds: [LONG], kind: 'long' });
    expect((await subscribe(n, '2088000000000007', [LONG])).accepted).toEqual({ [LONG]: UNLIMITED_SENDS });
    const before = gw.emulator.messages.length;
    for (let i = 0; i < 3; i++) {
      expect(await n.agentReplied('demo', '2088000000000007', `c7-${i}`)).toBe(true);
      expect((await n.deliver('demo')).sent).toBe(1);
      clock.now += 301_000;
    }
    expect(gw.emulator.messages.slice(before).map((m) => [m.toUserId, m.templateId, m.page])).toEqual([0, 1, 2].map((i) => ['2088000000000007', LONG, `pages/demo/index?conversation=c7-${i}`]));
    expect(await accepted(n, '2088000000000007')).toEqual({ [LONG]: UNLIMITED_SENDS });
    // Rejected in a later panel: no more notices.
    await n.subscriptions.record('demo', '2088000000000007', await n.settings('demo'), { accepted: [], rejected: [LONG] });
    expect(await n.agentReplied('demo', '2088000000000007', 'c7')).toBe(false);
  });

  it("a template Alipay does not know is the merchant's problem: given up at once, the user's acceptance kept", async () => {
    const clock = { now: 1_800_000_000_000 };
    const { n, store } = await notifier(clock, { replyTemplateIds: ['deleted-template-0001'] });
    await n.subscriptions.record('demo', '2088000000000008', await n.settings('demo'), { accepted: ['deleted-template-0001'] });
    expect(await n.agentReplied('demo', '2088000000000008', 'c8')).toBe(true);
    expect(await n.deliver('demo')).toEqual({ sent: 0, failed: 0, gaveUp: 1, refused: 0, skipped: 0 });
    expect(gw.emulator.log.at(-1)).toBe('alipay.open.app.mini.templatemessage.send USER_TEMPLATE_ILLEGAL');
    expect(await accepted(n, '2088000000000008')).toEqual({ 'deleted-template-0001': 1 });
    clock.now += 3_600_000;
    expect((await n.deliver('demo')).gaveUp).toBe(0);
    // Keywords that do not match the template (documented USER_TEMPLATE_LACK_KEYWORD) are the same kind of problem.
    await writeNotifySettings(store, 'demo', { ...defaultNotifySettings, replyTemplateIds: [ONCE], keywords: ['只有一个关键词'] });
    await subscribe(n, '2088000000000008', [ONCE]);
    clock.now += 301_000;
    expect(await n.agentReplied('demo', '2088000000000008', 'c8')).toBe(true);
    expect(await n.deliver('demo')).toEqual({ sent: 0, failed: 0, gaveUp: 1, refused: 0, skipped: 0 });
    expect(gw.emulator.log.at(-1)).toBe('alipay.open.app.mini.templatemessage.send USER_TEMPLATE_LACK_KEYWORD');
    expect(await accepted(n, '2088000000000008')).toEqual({ [ONCE]: 1 });
  });

  it('retries a busy gateway with backoff, using the acceptance only once, and gives up after the last try', async () => {
    const clock = { now: 1_800_000_000_000 };
    const { n, store } = await notifier(clock);
    await subscribe(n, '2088000000000002', [ONCE]);
    await n.agentReplied('demo', '2088000000000002', 'c2');
    gw.emulator.failSends = 1;
    expect(await n.deliver('demo')).toMatchObject({ sent: 0, failed: 1, gaveUp: 0 });
    // Not due yet: nothing is sent before the backoff has passed; the acceptance is still there.
    expect(await n.deliver('demo')).toMatchObject({ sent: 0, failed: 0 });
    expect(await accepted(n, '2088000000000002')).toEqual({ [ONCE]: 1 });
    clock.now += 31_000;
    expect(await n.deliver('demo')).toMatchObject({ sent: 1, failed: 0 });
    expect(await accepted(n, '2088000000000002')).toEqual({ [ONCE]: 0 });
    expect(gw.emulator.ledger.remaining('2088000000000002', ONCE)).toBe(0);
    const log = (await store.tenant('demo').range<{ status: string; attempts: number }>('pushLog', [], { limit: 10 })).rows.map((r) => [r.value.status, r.value.attempts]);
    expect(log).toEqual([['failed', 1], ['sent', 2]]);

    await writeNotifySettings(store, 'demo', { ...defaultNotifySettings, replyTemplateIds: [LONG], kind: 'long' });
    await subscribe(n, '2088000000000003', [LONG]);
    await n.agentReplied('demo', '2088000000000003', 'c3');
    gw.emulator.failSends = 10;
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await n.deliver('demo');
      outcomes.push(r.gaveUp ? 'gaveUp' : r.failed ? 'failed' : 'waiting');
      clock.now += 3_600_000;
    }
    expect(outcomes).toEqual(['failed', 'failed', 'failed', 'failed', 'gaveUp', 'waiting']);
    gw.emulator.failSends = 0;
  });

  it('a message goes to_open_id for a user whose login gave an open_id, to_user_id otherwise', async () => {
    const { n } = await notifier({ now: 1_800_000_000_000 });
    await n.subscriptions.rememberIdType('demo', '2088000000000099', 'openId');
    await expect(n.subscriptions.recipient('demo', '2088000000000099')).resolves.toEqual({ id: '2088000000000099', idType: 'openId' });
    // Logged in before the id type was recorded: the shape of the id decides.
    await expect(n.subscriptions.recipient('demo', '2088000000000098')).resolves.toEqual({ id: '2088000000000098', idType: 'userId' });
    await expect(n.subscriptions.recipient('demo', '074a1b2c3d4e5f60718293a4b5c6d7')).resolves.toEqual({ id: '074a1b2c3d4e5f60718293a4b5c6d7', idType: 'openId' });
  });

  it('classifies Alipay answers: 40004 business refusals vs template errors vs busy vs bad requests', () => {
    expect(classifySendError(new AlipayAuthError('40004', 'USER_NOT_SUBSCRIBED', ''))).toBe('refused');
    expect(classifySendError(new AlipayAuthError('40004', 'USER_TEMPLATE_ILLEGAL', '模板非法'))).toBe('template');
    expect(classifySendError(new AlipayAuthError('40004', 'USER_KEYWORD_LENGTH_ERROR', '关键词超长'))).toBe('template');
    // The app may not send at all: the user's acceptance stays.
    expect(classifySendError(new AlipayAuthError('40004', 'APP_TYPE_ERROR', '应用类型错误'))).toBe('config');
    expect(classifySendError(new AlipayAuthError('20000', 'isp.unknow-error', '系统繁忙'))).toBe('transient');
    expect(classifySendError(new Error('socket hang up'))).toBe('transient');
    expect(classifySendError(new AlipayAuthError('40002', 'isv.invalid-signature', ''))).toBe('config');
  });
});
