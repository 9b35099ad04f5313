import { startTestServer, staffLogin, userLogin, type TestServer } from '../helpers/testServer';

interface Flagged {
  id: string;
  status: string;
  flags: { reason: string; text: string }[];
}

describe('customer data for the workbench: risk flags, fingerprints, masking, audit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ KEFU_OCR: 'off' });
  });
  afterAll(() => server.stop());

  it("shows u013's account-theft story flagged, with the current device against the trusted phone", async () => {
    const agent = await staffLogin(server, 'laozhang');
    const res = await server.call('GET', '/v1/agent/customers/u013', { token: agent });
    expect(res.status).toBe(200);
    const tx = res.json['transactions'] as Flagged[];
    const theft = tx.filter((t) => t.id.startsWith('u013-x'));
    expect(theft).toHaveLength(3);
    for (const t of theft) expect(t.flags.map((f) => f.reason)).toEqual(expect.arrayContaining(['newDevice', 'nightTime', 'rapidSuccession', 'largeAmount']));
    expect(theft[0]!.flags.map((f) => f.reason)).toContain('newCity');
    expect(tx.filter((t) => !t.id.startsWith('u013-x')).every((t) => t.flags.length === 0)).toBe(true);
    const fp = res.json['fingerprint'] as { currentDeviceId: string; rows: { attribute: string; trusted: { differs: boolean }[] }[] };
    expect(fp.currentDeviceId).toBe('u013-unknown');
    expect(fp.rows.find((r) => r.attribute === 'model')!.trusted[0]!.differs).toBe(true);
    expect(res.json['loginsByProvince']).toMatchObject({ 广东: 1 });
    // Personal data never leaves unmasked.
    expect(JSON.stringify(res.json['profile'])).not.toMatch(/1\d{10}/);
    const audit = await server.deps.store.tenant('demo').range('audit', [], { limit: 10 });
    expect(audit.rows.map((r) => r.value)).toMatchObject([{ who: 'laozhang', role: 'agent', whom: 'u013', what: 'customerRecord' }]);
  });

  it("shows u001's failed payment, and refuses users", async () => {
    const agent = await staffLogin(server, 'xiaowang');
    const res = await server.call('GET', '/v1/agent/customers/u001', { token: agent });
    expect((res.json['transactions'] as Flagged[]).find((t) => t.id === 'u001-fail')).toMatchObject({ status: 'failed' });
    expect(res.json['pastConversations']).toEqual([]);
    const user0 = await userLogin(server, 'u001');
    const conv = (await server.call('POST', '/v1/conversations', { token: user0, body: {} })).json['id'] as string;
    const again = await server.call('GET', '/v1/agent/customers/u001', { token: agent });
    expect((again.json['pastConversations'] as { id: string }[]).map((x) => x.id)).toEqual([conv]);
    const user = await userLogin(server, 'u001');
    const refused = await server.call('GET', '/v1/agent/customers/u001', { token: user });
    expect({ status: refused.status, code: refused.json['code'] }).toEqual({ status: 403, code: 'FORBIDDEN' });
  });
});
