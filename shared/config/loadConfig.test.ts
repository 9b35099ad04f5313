import { KefuError } from '../errors';
import { loadConfig } from './loadConfig';

describe('loadConfig', () => {
  it('applies defaults: local sqlite on 127.0.0.1:8787, dev login off', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8787, store: 'sqlite', devLogin: false, bodyLimitBytes: 65536 });
  });

  it('reads speech, OCR and OSS settings as whole groups', () => {
    const c = loadConfig({
      KEFU_NLS_GATEWAY_URL: 'https://nls-gateway-cn-shanghai.aliyuncs.com/stream/v1/asr',
      KEFU_NLS_META_URL: 'https://nls-meta.cn-shanghai.aliyuncs.com',
      KEFU_NLS_APPKEY: 'app',
      KEFU_NLS_ACCESS_KEY_ID: 'id',
      KEFU_NLS_ACCESS_KEY_SECRET: 'secret',
      KEFU_OSS_REGION: 'oss-cn-hangzhou',
      KEFU_OSS_BUCKET: 'kefu',
      KEFU_OSS_ACCESS_KEY_ID: 'id',
      KEFU_OSS_ACCESS_KEY_SECRET: 'secret',
    });
    expect(c.nls).toMatchObject({ appKey: 'app', metaUrl: 'https://nls-meta.cn-shanghai.aliyuncs.com' });
    expect(c.oss).toEqual({ region: 'oss-cn-hangzhou', bucket: 'kefu', accessKeyId: 'id', accessKeySecret: 'secret' });
    expect(c.ocr).toBe('tesseract');
    expect(loadConfig({}).nls).toBeUndefined();
  });

  it('coerces strings from the environment', () => {
    const c = loadConfig({ PORT: '9000', KEFU_DEV_LOGIN: 'true' });
    expect(c.port).toBe(9000);
    expect(c.devLogin).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ KEFU_STORE: 'mysql' }, 'KEFU_STORE'],
    [{ KEFU_TOKEN_SECRET: 'short' }, 'KEFU_TOKEN_SECRET'],
    [{ NODE_ENV: 'production' }, 'KEFU_TOKEN_SECRET'],
    [{ NODE_ENV: 'production', KEFU_TOKEN_SECRET: 'x'.repeat(32), KEFU_DEV_LOGIN: '1' }, 'KEFU_DEV_LOGIN'],
    [{ KEFU_STORE: 'tablestore' }, 'KEFU_TABLESTORE_ENDPOINT'],
    [{ KEFU_STORE: 'tablestore', KEFU_TABLESTORE_ENDPOINT: 'https://i.cn-hangzhou.ots.aliyuncs.com', KEFU_TABLESTORE_INSTANCE: 'i' }, 'KEFU_TABLESTORE_ACCESS_KEY_ID'],
    [{ KEFU_TABLESTORE_ACCESS_KEY_ID: 'LTAI' }, 'KEFU_TABLESTORE_ACCESS_KEY_SECRET'],
    [{ KEFU_TABLESTORE_TABLE: 'bad-name' }, 'KEFU_TABLESTORE_TABLE'],
    [{ KEFU_NLS_APPKEY: 'k' }, 'KEFU_NLS_GATEWAY_URL'],
    [{ KEFU_OSS_BUCKET: 'b', KEFU_OSS_REGION: 'oss-cn-hangzhou' }, 'KEFU_OSS_ACCESS_KEY_ID'],
    [{ KEFU_OCR: 'paddle' }, 'KEFU_OCR'],
  ])('fails fast naming the key for %j', (env, key) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(KefuError);
    expect((caught as KefuError).code).toBe('CONFIG_INVALID');
    expect((caught as KefuError).details).toEqual({ key });
    expect((caught as KefuError).message).toContain(key);
  });

  it('lets explicit overrides win over the environment', () => {
    expect(loadConfig({ PORT: '1' }, { PORT: '2' }).port).toBe(2);
  });

  it('takes Tablestore keys from the settings, or else from the role Function Compute gives the function', () => {
    const where = { KEFU_STORE: 'tablestore', KEFU_TABLESTORE_ENDPOINT: 'https://i.cn-hangzhou.ots.aliyuncs.com', KEFU_TABLESTORE_INSTANCE: 'i' };
    const role = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.role', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'role-secret', ALIBABA_CLOUD_SECURITY_TOKEN: 'token' };
    expect(loadConfig({ ...where, ...role }).tablestore).toEqual({ endpoint: where.KEFU_TABLESTORE_ENDPOINT, instance: 'i', table: 'kefu_rows', accessKeyId: 'STS.role', accessKeySecret: 'role-secret', securityToken: 'token', keysFrom: 'role' });
    const own = loadConfig({ ...where, ...role, KEFU_TABLESTORE_ACCESS_KEY_ID: 'LTAI-own', KEFU_TABLESTORE_ACCESS_KEY_SECRET: 'own-secret' }).tablestore;
    expect(own).toMatchObject({ accessKeyId: 'LTAI-own', accessKeySecret: 'own-secret', keysFrom: 'settings' });
    expect(own?.securityToken).toBeUndefined();
  });
});
