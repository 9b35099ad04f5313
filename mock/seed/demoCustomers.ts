import { ago, at } from './chinaTime';
import type { CustomerDevice, CustomerLogin, CustomerRecord, CustomerTransaction, CustomerRecordSource } from '../../shared/customer';
import { DEMO_TENANT, demoUsers } from './demoTenant';
import { demoFlowStories } from './demoFlowStories';

const homes: [string, string][] = [
  ['浙江', '杭州'], ['上海', '上海'], ['北京', '北京'], ['广东', '广州'], ['江苏', '南京'],
  ['四川', '成都'], ['湖北', '武汉'], ['陕西', '西安'], ['福建', '厦门'], ['山东', '青岛'],
];
const counterparties = ['便利店', '美团外卖', '滴滴出行', '超市', '话费充值', '咖啡店', '水电燃气', '花呗还款'];
const phones: [string, string, string][] = [['iPhone 14', 'iOS 17.5', '中国移动'], ['HUAWEI Mate 60', 'HarmonyOS 4', '中国联通'], ['Xiaomi 14', 'Android 14', '中国电信']];

/** A small deterministic generator per user, so the demo looks the same on every start. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}



/**
 * What the demo merchant's systems know of each demo user: a home city, a trusted phone, a month of
 * ordinary payments and logins. Two stories stand out: u013's account was taken over last night
 * (a login from a new device in 深圳 at 02:05, then three transfers within minutes) and u001's
 * payment of 128 元 failed twelve minutes ago (with the other flows' cases, see demoFlowStories).
 */
export const demoCustomers: CustomerRecordSource = (tenant, userId, now): CustomerRecord => {
  const user = demoUsers.find((u) => u.id === userId);
  if (tenant !== DEMO_TENANT || !user) return { transactions: [], devices: [], logins: [] };
  const n = Number(userId.slice(1));
  const rnd = random(n * 7919);
  // u013 lives in 杭州, so last night's 深圳 login stands out on the map.
  const [province, city] = userId === 'u013' ? homes[0]! : homes[n % homes.length]!;
  const [model, os, carrier] = phones[n % phones.length]!;
  const phone: CustomerDevice = { id: `${userId}-phone`, model, trusted: true, lastSeenAt: ago(now, 90), fingerprint: { model, os, carrier, timezone: 'Asia/Shanghai', language: 'zh-CN', screen: '1170x2532', appVersion: '10.6.30' } };
  const devices: CustomerDevice[] = [phone];
  const transactions: CustomerTransaction[] = [];
  const logins: CustomerLogin[] = [];
  // u013's month of ordinary days ends before the night of the takeover: counted back from that
  // night, not from now (between midnight and 02:16 China time "last night" is the night before,
  // and yesterday's ordinary login would otherwise come after it).
  const until = userId === 'u013' ? new Date(Date.parse(at(now, 0, 2, 5))) : now;
  for (let d = 29; d >= 1; d--) {
    if (rnd() < 0.45) {
      transactions.push({ id: `${userId}-t${d}`, at: at(until, d, 9 + Math.floor(rnd() * 12), Math.floor(rnd() * 60)), amountFen: Math.round((15 + rnd() * 180) * 100), deviceId: phone.id, city, type: 'payment', counterparty: counterparties[Math.floor(rnd() * counterparties.length)]!, status: 'success' });
    }
    if (rnd() < 0.7) logins.push({ at: at(until, d, 8 + Math.floor(rnd() * 13), Math.floor(rnd() * 60)), province, city, deviceId: phone.id });
  }
  if (userId === 'u013') {
    const stranger: CustomerDevice = { id: 'u013-unknown', model: 'Redmi Note 12', trusted: false, lastSeenAt: at(now, 0, 2, 16), fingerprint: { model: 'Redmi Note 12', os: 'Android 13', carrier: '中国联通', timezone: 'Asia/Shanghai', language: 'zh-CN', screen: '1080x2400', appVersion: '10.5.96' } };
    devices.push(stranger);
    logins.push({ at: at(now, 0, 2, 5), province: '广东', city: '深圳', deviceId: stranger.id });
    for (const [i, minute, yuan] of [[1, 9, 4999], [2, 12, 4800], [3, 16, 4950]] as const) {
      transactions.push({ id: `u013-x${i}`, at: at(now, 0, 2, minute), amountFen: yuan * 100, deviceId: stranger.id, city: '深圳', type: 'transfer', counterparty: `陌生账户 ****${6000 + i * 137}`, status: 'success' });
    }
  }
  // What the self-service flows answer about: failed payments, refunds, orders, transfers, bills due.
  transactions.push(...demoFlowStories(userId, now, phone.id, city));
  transactions.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  logins.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const phoneNumber = `1${38 + (n % 10)}${String(10_000_000 + n * 7_654_321).slice(-8)}`;
  return { profile: { userId, name: user.name, vipTier: user.vipTier, phone: phoneNumber, city, registeredAt: at(now, 400 + n * 10, 10, 0) }, transactions, devices, logins };
};
