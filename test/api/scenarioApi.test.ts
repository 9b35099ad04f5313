import { startTestServer, staffLogin, type TestServer } from '../helpers/testServer';

jest.setTimeout(60_000);

describe('the scenario taxonomy API (issue 21 item 8)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('lists the default taxonomy, takes a merchant\'s scenario and edit, removes and restores, for managers only', async () => {
    const admin = await staffLogin(server, 'admin');
    const agent = await staffLogin(server, 'xiaowang');
    const list = async () => (await server.call('GET', '/v1/merchant/scenarios', { token: admin })).json['scenarios'] as { id: string; origin: string; examples: string[] }[];
    expect((await list()).length).toBe(210);

    const body = { category: 'merchant', name: '咖啡豆批发', examples: ['咖啡豆批发价', ' 大量采购咖啡豆 ', '咖啡豆批发价'] };
    expect((await server.call('PUT', '/v1/merchant/scenarios/merchant.coffeeBeans', { token: agent, body })).status).toBe(403);
    const put = await server.call('PUT', '/v1/merchant/scenarios/merchant.coffeeBeans', { token: admin, body });
    expect(put.status).toBe(200);
    expect(put.json['examples']).toEqual(['咖啡豆批发价', '大量采购咖啡豆']);
    expect((await server.call('PUT', '/v1/merchant/scenarios/payment.coffee', { token: admin, body })).json['code']).toBe('VALIDATION_FAILED');
    expect((await server.call('PUT', '/v1/merchant/scenarios/merchant.x', { token: admin, body: { ...body, examples: [] } })).status).toBe(400);

    const edited = await server.call('PUT', '/v1/merchant/scenarios/payment.insufficientBalance', { token: admin, body: { category: 'payment', name: '付款提示余额不足', examples: ['钱不够付不了'], screenTexts: ['余额不足'] } });
    expect(edited.status).toBe(200);
    let now = await list();
    expect(now.length).toBe(211);
    expect(now.find((s) => s.id === 'merchant.coffeeBeans')?.origin).toBe('custom');
    expect(now.find((s) => s.id === 'payment.insufficientBalance')).toMatchObject({ origin: 'edited', examples: ['钱不够付不了'] });

    expect((await server.call('DELETE', '/v1/merchant/scenarios/payment.riskBlocked', { token: admin })).status).toBe(200);
    expect((await server.call('DELETE', '/v1/merchant/scenarios/payment.riskBlocked', { token: admin })).status).toBe(404);
    expect((await server.call('POST', '/v1/merchant/scenarios/payment.insufficientBalance/restore', { token: admin, body: {} })).status).toBe(200);
    expect((await server.call('POST', '/v1/merchant/scenarios/payment.riskBlocked/restore', { token: admin, body: {} })).status).toBe(200);
    now = await list();
    expect(now.find((s) => s.id === 'payment.insufficientBalance')?.origin).toBe('default');
    expect(now.find((s) => s.id === 'payment.riskBlocked')?.origin).toBe('default');
  });
});
