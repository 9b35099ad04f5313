/**
 * What a deploying shell sets (docs/deploy.md), as placeholders for the deploy
 * checks and `s preview`: no real account, role, domain or certificate behind any of them.
 */
export const deployPlaceholders: Readonly<Record<string, string>> = {
  KEFU_FC_ROLE: 'kefu-fc-role',
  KEFU_TABLESTORE_ENDPOINT: 'https://kefu.cn-hangzhou.ots.aliyuncs.com',
  KEFU_TABLESTORE_INSTANCE: 'kefu',
  KEFU_TOKEN_SECRET: 't'.repeat(40),
  KEFU_DOMAIN: 'kefu.example.com',
  KEFU_DOMAIN_CERT: '-----BEGIN CERTIFICATE-----\nplaceholder-cert\n-----END CERTIFICATE-----',
  KEFU_DOMAIN_CERT_KEY: '-----BEGIN PRIVATE KEY-----\nplaceholder-key\n-----END PRIVATE KEY-----',
};
