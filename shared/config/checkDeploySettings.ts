import { isIP } from 'node:net';
import { KefuError } from '../errors';

/** What `npm run deploy` needs to know once the deploying shell's settings are checked. */
export interface DeploySettings {
  /** s.yaml, or s.vpc.yaml (which extends it with a vpcConfig) when a VPC is configured. */
  readonly template: 's.yaml' | 's.vpc.yaml';
  /** Certificate and key settings that name files rather than hold PEM text (the caller checks they exist). */
  readonly certificateFiles: readonly string[];
}

/** Settings s.yaml reads without a default: `s` would stop on the first one missing, this names them all. */
const REQUIRED = [
  ['KEFU_FC_ROLE', 'RAM 角色名 (可访问 Tablestore)'],
  ['KEFU_TABLESTORE_ENDPOINT', 'Tablestore 实例地址'],
  ['KEFU_TABLESTORE_INSTANCE', 'Tablestore 实例名'],
  ['KEFU_TOKEN_SECRET', '会话签名密钥 (至少 32 个字符)'],
  ['KEFU_DOMAIN', '自定义域名 (已备案, 如 kefu.example.com)'],
  ['KEFU_DOMAIN_CERT', '域名证书 (PEM 文本或文件路径)'],
  ['KEFU_DOMAIN_CERT_KEY', '证书私钥 (PEM 文本或文件路径)'],
] as const;

const VPC = ['KEFU_VPC_ID', 'KEFU_VSWITCH_IDS', 'KEFU_SECURITY_GROUP_ID'] as const;

// A RAM role name (not its ARN: s.yaml builds the ARN from the account id).
const ROLE_NAME = /^[A-Za-z0-9.-]{1,64}$/;
// A DNS name of at least two labels, letters in the top-level one.
const HOST_NAME = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * Checks the deploying shell's settings before `s` runs, so a missing role or a domain that Alipay
 * would refuse fails at once with every problem named, instead of mid-deploy or, worse, as a
 * deployment whose functions start and then fail every request. Throws CONFIG_INVALID whose
 * `details.key` is the first key at fault and whose message lists them all.
 */
export function checkDeploySettings(env: Readonly<Record<string, string | undefined>> = process.env): DeploySettings {
  const problems: { key: string; why: string }[] = [];
  const value = (key: string) => env[key]?.trim() ?? '';
  for (const [key, what] of REQUIRED) if (!value(key)) problems.push({ key, why: `未设置: ${what}` });

  const role = value('KEFU_FC_ROLE');
  if (role && !ROLE_NAME.test(role)) problems.push({ key: 'KEFU_FC_ROLE', why: `应为 RAM 角色名 (如 kefu-fc-role), 不是 ARN 或其他文字: ${role}` });
  const endpoint = value('KEFU_TABLESTORE_ENDPOINT');
  if (endpoint && !/^https?:\/\/[^/\s]+\/?$/.test(endpoint)) problems.push({ key: 'KEFU_TABLESTORE_ENDPOINT', why: `应为实例地址, 如 https://kefu.cn-hangzhou.ots.aliyuncs.com: ${endpoint}` });
  const secret = value('KEFU_TOKEN_SECRET');
  if (secret && secret.length < 32) problems.push({ key: 'KEFU_TOKEN_SECRET', why: '至少 32 个字符' });

  // Alipay's 服务器域名白名单 takes an https domain name: no IP address, no port, no path.
  const domain = value('KEFU_DOMAIN');
  if (domain) {
    const why = /^[a-z]+:\/\//i.test(domain)
      ? '只填域名, 不带 https://'
      : isIP(domain.replace(/^\[|\]$/g, ''))
        ? '支付宝小程序不能请求 IP 地址, 需要已备案的域名'
        : /:\d*$/.test(domain)
          ? '不能带端口: 支付宝只请求 https 默认端口 443'
          : HOST_NAME.test(domain)
            ? undefined
            : '不是合法的域名';
    if (why) problems.push({ key: 'KEFU_DOMAIN', why: `${why}: ${domain}` });
  }

  const certificateFiles: string[] = [];
  for (const key of ['KEFU_DOMAIN_CERT', 'KEFU_DOMAIN_CERT_KEY'] as const) {
    const v = value(key);
    if (!v || v.startsWith('-----BEGIN')) continue;
    // fc3-domain would download an http(s) or oss:// location at deploy time; Kefu keeps the key local.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) problems.push({ key, why: `填 PEM 文本或本机文件路径, 不用网址: ${v}` });
    else certificateFiles.push(v);
  }

  const vpcSet = VPC.filter((k) => value(k));
  if (vpcSet.length && vpcSet.length < VPC.length) {
    for (const key of VPC.filter((k) => !value(k))) problems.push({ key, why: `专有网络需要同时设置 ${VPC.join(', ')}` });
  }
  const vSwitches = value('KEFU_VSWITCH_IDS');
  if (vSwitches && !/^vsw-[a-z0-9]+(?:,vsw-[a-z0-9]+)*$/.test(vSwitches)) problems.push({ key: 'KEFU_VSWITCH_IDS', why: `应为逗号分隔的交换机 ID, 不带空格, 如 vsw-a1,vsw-b2: ${vSwitches}` });

  const first = problems[0];
  if (first) {
    throw new KefuError('CONFIG_INVALID', `部署配置有误:\n${problems.map((p) => `  ${p.key}: ${p.why}`).join('\n')}`, { key: first.key });
  }
  return { template: vpcSet.length ? 's.vpc.yaml' : 's.yaml', certificateFiles };
}
