import type { ConfigKey } from './configKeys';
import type { ConfigRules } from './configRules';
import { GENERATED_NOTE } from './generatedHeader';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string): string => `\`${text}\``;

/** docs/configuration.md: one row per key of the config schema. */
export function configDoc(keys: readonly ConfigKey[], descriptions: ReadonlyMap<string, string>, rules: ConfigRules, deployed: ReadonlyMap<string, string>): string {
  const lines = [
    '# Configuration',
    '',
    GENERATED_NOTE,
    '',
    'All settings are environment variables, parsed once at start by `shared/config/loadConfig.ts` against',
    'the schema in `shared/config/configSchema.ts`; a bad value stops the start with `CONFIG_INVALID` and the',
    'key\'s name. `1/0`, `yes/no` and `on/off` are accepted for booleans. Nothing else in Kefu reads',
    '`process.env`. "In production" is what a start with `NODE_ENV=production` demands or refuses;',
    '"set together" lists the keys a start refuses to go without once the key (or value) is set.',
    '"Deployed" is where s.yaml passes the key to the functions (`ALIBABA_CLOUD_*` Function Compute sets',
    'itself); a key without it is local only, and setting it in the deploying shell changes nothing. The',
    'variables `s deploy` reads for itself (region, role, domain, VPC) are in [deploy.md](deploy.md).',
    '',
    '| key | type | default | limits | in production | deployed | description |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const key of keys) {
    const type = key.values ? key.values.map(code).join(' \\| ') : key.type;
    const fallback = key.default === undefined ? '-' : code(key.default);
    const production = rules.requiredInProduction.includes(key.name) ? 'required' : rules.refusedInProduction.has(key.name) ? `refuses ${code(rules.refusedInProduction.get(key.name)!)}` : '-';
    const together = [...rules.needs].filter(([label]) => label === key.name || label.startsWith(`${key.name}=`));
    const needs = together.map(([label, keysNeeded]) => ` ${label === key.name ? 'Set together with' : `With ${code(label)}, set`} ${keysNeeded.map(code).join(', ')}.`).join('');
    const where = deployed.get(key.name) ?? (key.name.startsWith('ALIBABA_CLOUD_') ? 'by Function Compute' : '-');
    lines.push(`| ${code(key.name)} | ${type} | ${fallback} | ${cell(key.limits.join(', ') || '-')} | ${production} | ${where} | ${cell((descriptions.get(key.name) ?? '') + needs)} |`);
  }
  return `${lines.join('\n')}\n`;
}
