import { randomBytes } from 'node:crypto';
import { startAlipayGateway, type AlipayGatewayEmulator } from '../../mock/alipay-gateway/AlipayGatewayEmulator';
import { startTablestoreEmulator, type TablestoreEmulator } from '../../mock/tablestore/TablestoreEmulator';
import { initTablestoreTable } from '../../shared/store/drivers';
import { rsaKeyPair } from './rsaKeyPair';
import { startTestServer, type TestServer } from './testServer';

/** A test server on the Tablestore emulator (its own instance and keys, the table made), and the emulator. */
export async function startTablestoreTestServer(instance: string, env: Record<string, string> = {}): Promise<{ server: TestServer; tablestore: { emulator: TablestoreEmulator; url: string; close(): Promise<void> }; keys: { instance: string; accessKeyId: string; accessKeySecret: string }; close(): Promise<void> }> {
  const keys = { instance, accessKeyId: `LTAI-${instance}`, accessKeySecret: randomBytes(18).toString('base64') };
  const tablestore = await startTablestoreEmulator({ ...keys, localTransactionsFor: ['kefu_rows'] });
  await initTablestoreTable({ ...keys, endpoint: tablestore.url });
  const server = await startTestServer({
    KEFU_STORE: 'tablestore',
    KEFU_TABLESTORE_ENDPOINT: tablestore.url,
    KEFU_TABLESTORE_INSTANCE: keys.instance,
    KEFU_TABLESTORE_ACCESS_KEY_ID: keys.accessKeyId,
    KEFU_TABLESTORE_ACCESS_KEY_SECRET: keys.accessKeySecret,
    KEFU_JOBS_INTERVAL_MS: '0',
    ...env,
  });
  return {
    server,
    tablestore,
    keys,
    close: async () => {
      await server.stop();
      await tablestore.close();
    },
  };
}

/** A test server whose Alipay login goes to the gateway stand-in (real RSA2 both ways), and the stand-in. */
export async function startAlipayTestServer(appId = '2021000000000002', env: Record<string, string> = {}): Promise<{ server: TestServer; gw: { emulator: AlipayGatewayEmulator; url: string; close(): Promise<void> }; close(): Promise<void> }> {
  const app = rsaKeyPair();
  const gatewayKeys = rsaKeyPair();
  const gw = await startAlipayGateway({ appId, appPublicKey: app.publicKey, gatewayPrivateKey: gatewayKeys.privateKey });
  const server = await startTestServer({ KEFU_OCR: 'off', KEFU_ALIPAY_APP_ID: appId, KEFU_ALIPAY_PRIVATE_KEY: app.privateKey, KEFU_ALIPAY_PUBLIC_KEY: gatewayKeys.publicKey, KEFU_ALIPAY_GATEWAY: gw.url, ...env });
  return {
    server,
    gw,
    close: async () => {
      await server.stop();
      await gw.close();
    },
  };
}
