import { KefuError } from '../errors';
import { checkDeploySettings } from './checkDeploySettings';
import { deployPlaceholders } from '../../test/helpers/deployPlaceholders';

// The domain rules are Alipay's for the 服务器域名白名单 that my.request and my.uploadFile go through
// (../shared/platform-docs/alipay-open-docs: mini/api/基础API/网络/网络 API 使用须知.md, HTTPS only;
// mini/api/基础API/网络/my.request 常见问题.md, no IP address; mini/ide/小程序开发者工具/小程序调试/真机调试.md,
// no IP + port on a real client).
const ok = { ...deployPlaceholders, KEFU_DOMAIN_CERT_KEY: 'certs/kefu.example.com.key' };

function failure(env: Record<string, string | undefined>): KefuError {
  try {
    checkDeploySettings(env);
  } catch (err) {
    if (err instanceof KefuError) return err;
    throw err;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('checkDeploySettings (npm run deploy)', () => {
  it('accepts a complete shell: s.yaml, and the certificate settings that name files', () => {
    expect(checkDeploySettings(ok)).toEqual({ template: 's.yaml', certificateFiles: ['certs/kefu.example.com.key'] });
  });

  it('names every missing setting at once, the FC role first, instead of deploying with a default role', () => {
    const err = failure({});
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.details).toEqual({ key: 'KEFU_FC_ROLE' });
    for (const key of Object.keys(ok)) expect(err.message).toContain(key);
    expect(failure({ ...ok, KEFU_FC_ROLE: '  ' }).details).toEqual({ key: 'KEFU_FC_ROLE' });
  });

  it.each([
    ['an ARN instead of the role name', { KEFU_FC_ROLE: 'acs:ram::1234:role/kefu' }, 'KEFU_FC_ROLE'],
    ['a scheme on the domain', { KEFU_DOMAIN: 'https://kefu.example.com' }, 'KEFU_DOMAIN'],
    ['an IPv4 address', { KEFU_DOMAIN: '203.0.113.7' }, 'KEFU_DOMAIN'],
    ['an IPv6 address', { KEFU_DOMAIN: '[2001:db8::1]' }, 'KEFU_DOMAIN'],
    ['a port', { KEFU_DOMAIN: 'kefu.example.com:8443' }, 'KEFU_DOMAIN'],
    ['a bare host name', { KEFU_DOMAIN: 'localhost' }, 'KEFU_DOMAIN'],
    ['a certificate to download', { KEFU_DOMAIN_CERT: 'https://example.com/cert.pem' }, 'KEFU_DOMAIN_CERT'],
    ['a short token secret', { KEFU_TOKEN_SECRET: 'short' }, 'KEFU_TOKEN_SECRET'],
    ['an endpoint that is not a URL', { KEFU_TABLESTORE_ENDPOINT: 'kefu.cn-hangzhou.ots.aliyuncs.com' }, 'KEFU_TABLESTORE_ENDPOINT'],
    ['half a VPC', { KEFU_VPC_ID: 'vpc-1' }, 'KEFU_VSWITCH_IDS'],
    ['vSwitches with spaces', { KEFU_VPC_ID: 'vpc-1', KEFU_VSWITCH_IDS: 'vsw-a, vsw-b', KEFU_SECURITY_GROUP_ID: 'sg-1' }, 'KEFU_VSWITCH_IDS'],
  ])('refuses %s', (_what, change, key) => {
    const err = failure({ ...ok, ...change });
    expect(err.details).toEqual({ key });
    expect(err.message).toContain(key);
  });

  it('picks s.vpc.yaml when the VPC is configured', () => {
    expect(checkDeploySettings({ ...ok, KEFU_VPC_ID: 'vpc-1', KEFU_VSWITCH_IDS: 'vsw-a,vsw-b', KEFU_SECURITY_GROUP_ID: 'sg-1' }).template).toBe('s.vpc.yaml');
  });
});
