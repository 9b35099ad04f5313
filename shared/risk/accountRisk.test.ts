import { compareFingerprints, flagTransactions, type RiskDevice, type RiskTransaction } from './accountRisk';

const phone: RiskDevice = { id: 'd1', trusted: true, fingerprint: { model: 'iPhone 14', os: 'iOS 17.5', timezone: 'Asia/Shanghai', carrier: '中国移动' } };
const stranger: RiskDevice = { id: 'd9', trusted: false, fingerprint: { model: 'Redmi Note 12', os: 'Android 13', timezone: 'Asia/Shanghai', carrier: '中国联通' } };
const tx = (id: string, at: string, yuan: number, deviceId = 'd1', city = '杭州'): RiskTransaction => ({ id, at: `2026-11-${at}+08:00`, amountFen: yuan * 100, deviceId, city });

describe('account risk rules', () => {
  const history = [tx('a', '01T12:00:00', 80), tx('b', '05T19:30:00', 120), tx('c', '12T09:10:00', 60), tx('d', '20T13:00:00', 95)];

  it('leaves ordinary transactions unflagged', () => {
    const flags = flagTransactions(history, [phone]);
    expect([...flags.values()].flat()).toEqual([]);
  });

  it('flags a stolen-account burst: new device, new city, night, large, rapid', () => {
    const theft = [tx('x1', '24T02:10:00', 5000, 'd9', '深圳'), tx('x2', '24T02:13:00', 4800, 'd9', '深圳'), tx('x3', '24T02:15:00', 4900, 'd9', '深圳')];
    const flags = flagTransactions([...history, ...theft], [phone, stranger]);
    expect(flags.get('x1')).toEqual(['newDevice', 'newCity', 'nightTime', 'largeAmount', 'rapidSuccession']);
    // The second in the same city is no longer a new city for the user.
    expect(flags.get('x2')).toEqual(['newDevice', 'nightTime', 'largeAmount', 'rapidSuccession']);
    expect(flags.get('d')).toEqual([]);
  });

  it('needs some history before calling an amount large, and a city new only against the last 30 days', () => {
    const fresh = flagTransactions([tx('f1', '10T10:00:00', 9000)], [phone]);
    expect(fresh.get('f1')).toEqual([]);
    const back = flagTransactions([tx('o1', '01T10:00:00', 50, 'd1', '上海'), { ...tx('o2', '01T10:00:00', 50), at: '2026-12-05T10:00:00+08:00', city: '上海' }], [phone]);
    expect(back.get('o2')).toEqual(['newCity']);
  });

  it('compares the current device with each trusted one, attribute by attribute', () => {
    const rows = compareFingerprints(stranger, [phone, stranger]);
    expect(rows.map((r) => [r.attribute, r.current, r.trusted[0]!.value, r.trusted[0]!.differs])).toEqual([
      ['carrier', '中国联通', '中国移动', true],
      ['model', 'Redmi Note 12', 'iPhone 14', true],
      ['os', 'Android 13', 'iOS 17.5', true],
      ['timezone', 'Asia/Shanghai', 'Asia/Shanghai', false],
    ]);
  });
});
