import { AlipaySdk } from 'alipay-sdk';
import { rsaKeyPair } from '../../test/helpers/rsaKeyPair';
import type { AlipayGatewayEmulator} from '../../mock/alipay-gateway/AlipayGatewayEmulator';
import { startAlipayGateway } from '../../mock/alipay-gateway/AlipayGatewayEmulator';
import { AlipayAuthError } from './AlipayOpenApi';
import { AlipaySdkOpenApi } from './AlipaySdkOpenApi';

const keys = rsaKeyPair;

describe('Alipay login through alipay-sdk against the local gateway (real RSA2 both ways)', () => {
  const app = keys();
  const gatewayKeys = keys();
  const appId = '2021000000000001';
  let gw: { emulator: AlipayGatewayEmulator; url: string; close(): Promise<void> };
  const clock = { now: Date.now() };
  const client = (over: { privateKey?: string; alipayPublicKey?: string } = {}) =>
    new AlipaySdkOpenApi({ appId, privateKey: over.privateKey ?? app.privateKey, alipayPublicKey: over.alipayPublicKey ?? gatewayKeys.publicKey, gateway: gw.url });

  beforeAll(async () => {
    gw = await startAlipayGateway({ appId, appPublicKey: app.publicKey, gatewayPrivateKey: gatewayKeys.privateKey, clock: () => clock.now });
  });
  afterAll(() => gw.close());

  it('exchanges a minted auth code for the Alipay user id', async () => {
    const code = gw.emulator.mintAuthCode('2088102150477652');
    await expect(client().userOfAuthCode(code)).resolves.toEqual({ userId: '2088102150477652', idType: 'userId' });
  });

  it('an app in openId mode gets the open_id (stable per user), marked as such', async () => {
    const openIdGw = await startAlipayGateway({ appId, appPublicKey: app.publicKey, gatewayPrivateKey: gatewayKeys.privateKey, openIdMode: true });
    try {
      const api = new AlipaySdkOpenApi({ appId, privateKey: app.privateKey, alipayPublicKey: gatewayKeys.publicKey, gateway: openIdGw.url });
      const first = await api.userOfAuthCode(openIdGw.emulator.mintAuthCode('2088102150477659'));
      const again = await api.userOfAuthCode(openIdGw.emulator.mintAuthCode('2088102150477659'));
      expect(first).toEqual({ userId: openIdGw.emulator.openIdOf('2088102150477659'), idType: 'openId' });
      expect(first.userId).not.toMatch(/^2088/);
      expect(again).toEqual(first);
    } finally {
      await openIdGw.close();
    }
  });

  it('refuses a replayed code and an expired one with isv.code-invalid', async () => {
    const code = gw.emulator.mintAuthCode('2088102150477653');
    await client().userOfAuthCode(code);
    await expect(client().userOfAuthCode(code)).rejects.toEqual(new AlipayAuthError('40002', 'isv.code-invalid', '授权码code无效'));
    const old = gw.emulator.mintAuthCode('2088102150477654');
    clock.now += 6 * 60_000;
    await expect(client().userOfAuthCode(old)).rejects.toMatchObject({ subCode: 'isv.code-invalid' });
    clock.now = Date.now();
  });

  it('refuses a request whose timestamp is 20 minutes off (isv.invalid-timestamp)', async () => {
    const code = gw.emulator.mintAuthCode('2088102150477658');
    clock.now = Date.now() + 20 * 60_000;
    try {
      await expect(client().userOfAuthCode(code)).rejects.toMatchObject({ subCode: 'isv.invalid-timestamp' });
    } finally {
      clock.now = Date.now();
    }
  });

  it('refuses a request signed with the wrong key (isv.invalid-signature)', async () => {
    const code = gw.emulator.mintAuthCode('2088102150477655');
    await expect(client({ privateKey: keys().privateKey }).userOfAuthCode(code)).rejects.toMatchObject({ code: '40002', subCode: 'isv.invalid-signature' });
  });

  it('refuses a tampered request: a parameter changed after signing', async () => {
    const code = gw.emulator.mintAuthCode('2088102150477656');
    // A request the real SDK would sign, with the code swapped afterwards.
    const sdk = new AlipaySdk({ appId, privateKey: app.privateKey, alipayPublicKey: gatewayKeys.publicKey, gateway: gw.url, signType: 'RSA2', keyType: 'PKCS8' });
    const signed = sdk.sdkExecute('alipay.system.oauth.token', { grantType: 'authorization_code', code: 'not-the-code' });
    const tampered = signed.replace('code=not-the-code', `code=${code}`);
    const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tampered });
    expect(((await res.json()) as { alipay_system_oauth_token_response: { sub_code: string } }).alipay_system_oauth_token_response.sub_code).toBe('isv.invalid-signature');
  });

  it("rejects an answer not signed by the gateway's key (the SDK verifies responses)", async () => {
    const code = gw.emulator.mintAuthCode('2088102150477657');
    await expect(client({ alipayPublicKey: keys().publicKey }).userOfAuthCode(code)).rejects.toThrow(/验签失败/);
  });
});
