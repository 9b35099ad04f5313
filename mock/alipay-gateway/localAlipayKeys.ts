import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LocalAlipayKeys {
  readonly appId: string;
  readonly appPrivateKey: string;
  readonly appPublicKey: string;
  readonly gatewayPrivateKey: string;
  readonly gatewayPublicKey: string;
}

/**
 * The key pairs of the local Alipay setup: the app's (signs requests) and the gateway stand-in's
 * (signs answers). Made on the first `npm run dev` and kept in `<dataDir>/alipay-keys.json` (0600),
 * which is outside the repository; delete it to make new ones.
 */
export function localAlipayKeys(dataDir: string): LocalAlipayKeys {
  const file = path.join(dataDir, 'alipay-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalAlipayKeys;
  const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const app = pair();
  const gateway = pair();
  const keys: LocalAlipayKeys = { appId: '2021000000000000', appPrivateKey: app.privateKey, appPublicKey: app.publicKey, gatewayPrivateKey: gateway.privateKey, gatewayPublicKey: gateway.publicKey };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
