import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { buildFunctions } from '../bin/build-functions';
import { configSchema, loadConfig } from '../shared/config';

const root = path.resolve(__dirname, '..');
// The fc3 component's props schema is benchmark data beside the checkout (../shared/data/README.md),
// never a copy in the repository.
const schemaFile = path.resolve(__dirname, '../../shared/data/fc3/schema.json');

/** Functions of ARCHITECTURE.md section 3 that exist so far; each gets one fc3 resource. */
const architectureFunctions = ['auth', 'message', 'parse', 'faq', 'push', 'agent', 'merchant', 'stats', 'jobs'];
/** Functions driven by a timer rather than HTTP. */
const timerFunctions = ['jobs'];

type Props = Record<string, unknown>;
interface Resource {
  component: string;
  extend?: { name: string; ignore?: string[] };
  props: Props;
}
interface SYaml {
  edition: string;
  access: string;
  vars: Record<string, unknown>;
  template: Record<string, Props>;
  resources: Record<string, Resource>;
}
interface Trigger {
  triggerName: string;
  triggerType: string;
  triggerConfig: Record<string, unknown>;
}

const sYaml = parse(readFileSync(path.join(root, 's.yaml'), 'utf8')) as SYaml;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Serverless Devs' merge of a template under a resource's props (extend2): objects deeply, lists replaced. */
function deepMerge(base: Props, over: Props): Props {
  const out: Props = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] = isPlainObject(prior) && isPlainObject(value) ? deepMerge(prior, value) : value;
  }
  return out;
}

/**
 * Resolves the magic variables s.yaml uses the way `s` would, minus the machine: `${vars.x}` from
 * vars, `${env('X', 'd')}` to its default or `<X>`, `${config('X')}` to `<X>`. Anything left
 * over is a typo, so it throws.
 */
function resolveMagic(value: unknown, vars: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveMagic(v, vars));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveMagic(v, vars)]));
  if (typeof value !== 'string') return value;
  const lookup = (name: string): unknown => {
    if (!(name in vars)) throw new Error(`s.yaml uses \${vars.${name}} but vars has no ${name}`);
    return vars[name];
  };
  const whole = /^\$\{vars\.(\w+)\}$/.exec(value);
  if (whole) return lookup(whole[1]!);
  const text = value
    .replace(/\$\{vars\.(\w+)\}/g, (_m, name: string) => String(lookup(name)))
    .replace(/\$\{env\('(\w+)'(?:,\s*'([^']*)')?\)\}/g, (_m, name: string, fallback?: string) => fallback ?? `<${name}>`)
    .replace(/\$\{config\('(\w+)'\)\}/g, (_m, name: string) => `<${name}>`);
  if (text.includes('${')) throw new Error(`unresolved magic variable in s.yaml: ${text}`);
  return text;
}

const vars = resolveMagic(sYaml.vars, {}) as Record<string, unknown>;

/** The props `s deploy` hands the fc3 component for one resource. */
function effectiveProps(name: string): Props {
  const resource = sYaml.resources[name]!;
  let base: Props = {};
  if (resource.extend) {
    const template = sYaml.template[resource.extend.name];
    if (!template) throw new Error(`resource ${name} extends unknown template ${resource.extend.name}`);
    base = Object.fromEntries(Object.entries(template).filter(([key]) => !resource.extend?.ignore?.includes(key)));
  }
  return resolveMagic(deepMerge(base, resource.props), vars) as Props;
}

function triggersOf(name: string): Trigger[] {
  return (effectiveProps(name)['triggers'] ?? []) as Trigger[];
}

/** Folders of functions/ that hold a function (an index.ts), leaving out the shared `_` ones. */
function functionFolders(): string[] {
  const dir = path.join(root, 'functions');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(path.join(dir, d.name, 'index.ts')))
    .map((d) => d.name);
}

describe('s.yaml (Serverless Devs 3, fc3 component)', () => {
  it('declares exactly one fc3 resource per function folder, so nothing empty is deployed', () => {
    expect(sYaml.edition).toBe('3.0.0');
    expect(Object.keys(sYaml.resources).sort()).toEqual([...architectureFunctions].sort());
    expect(functionFolders().sort()).toEqual([...architectureFunctions].sort());
    for (const resource of Object.values(sYaml.resources)) expect(resource.component).toBe('fc3');
  });

  it('runs every function on nodejs20 from dist/functions/<name> with index.handler, in the region from vars', () => {
    expect(sYaml.template['kefu-function']?.['region']).toBe('${vars.region}');
    for (const name of architectureFunctions) {
      const props = effectiveProps(name);
      expect({ name, runtime: props['runtime'], handler: props['handler'], code: props['code'], functionName: props['functionName'], region: props['region'] }).toEqual({
        name,
        runtime: 'nodejs20',
        handler: 'index.handler',
        code: `./dist/functions/${name}`,
        functionName: `kefu-${name}`,
        region: 'cn-hangzhou',
      });
    }
  });

  it('points every function at the Tablestore instance named by the environment, with settings Kefu knows', () => {
    const known = Object.keys(configSchema.properties);
    for (const name of architectureFunctions) {
      const env = effectiveProps(name)['environmentVariables'] as Record<string, string>;
      expect(env).toMatchObject({
        KEFU_STORE: 'tablestore',
        KEFU_TABLESTORE_ENDPOINT: '<KEFU_TABLESTORE_ENDPOINT>',
        KEFU_TABLESTORE_INSTANCE: '<KEFU_TABLESTORE_INSTANCE>',
      });
      // A misspelt key would be ignored by loadConfig and the function would start without it.
      for (const key of Object.keys(env)) expect(known).toContain(key);
      // With the optional integrations left at their empty defaults, a function still starts, on
      // the Tablestore keys Function Compute injects for the function's role.
      const defaults = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, /^<.*>$/.test(v) ? (k === 'KEFU_TOKEN_SECRET' ? 'x'.repeat(40) : 'set') : v]));
      const role = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret', ALIBABA_CLOUD_SECURITY_TOKEN: 'token' };
      expect(loadConfig({ ...defaults, ...role }).tablestore).toMatchObject({ accessKeyId: 'STS.id', securityToken: 'token' });
      expect(effectiveProps(name)['role']).toBeTruthy();
    }
  });

  it('fires the jobs function every minute, with room for its sweeps', () => {
    const triggers = triggersOf('jobs');
    expect(triggers.map((t) => t.triggerType)).toEqual(['timer']);
    expect(triggers[0]!.triggerConfig).toMatchObject({ cronExpression: '@every 1m', enable: true });
    const payload = JSON.parse(String(triggers[0]!.triggerConfig['payload'])) as { sweeps: number; intervalMs: number };
    expect(Number(effectiveProps('jobs')['timeout']) * 1000).toBeGreaterThan(payload.sweeps * payload.intervalMs);
  });

  it('gives every HTTP function an anonymous HTTP trigger', () => {
    for (const name of architectureFunctions.filter((n) => !timerFunctions.includes(n))) {
      const triggers = triggersOf(name);
      expect(triggers.map((t) => t.triggerType)).toEqual(['http']);
      expect(triggers[0]!.triggerConfig['authType']).toBe('anonymous');
      expect(triggers[0]!.triggerConfig['methods']).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']));
    }
  });

  it('lets a long-poll finish inside the push timeout', () => {
    const longPollDefaultMs: unknown = configSchema.properties.KEFU_LONGPOLL_TIMEOUT_MS.default;
    expect(typeof longPollDefaultMs).toBe('number');
    expect(Number(effectiveProps('push')['timeout']) * 1000).toBeGreaterThan(Number(longPollDefaultMs));
  });

  it("validates every resource's props against the fc3 component schema", () => {
    if (!existsSync(schemaFile)) {
      throw new Error(
        `benchmark data folder missing: ${schemaFile} not found. The fc3 schema is read from ../shared/data beside the checkout (see ../shared/data/README.md); it is never copied into the repository.`,
      );
    }
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $schema?: string; properties: Record<string, unknown> };
    // draft-07 is the default Ajv's own draft; the schema uses no `format`, so ajv-formats is not needed.
    expect(schema.$schema).toMatch(/draft-07/);
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const name of architectureFunctions) {
      const props = effectiveProps(name);
      const ok = validate(props);
      expect({ name, errors: ok ? null : validate.errors }).toEqual({ name, errors: null });
      // The schema allows unknown keys, so a misspelt prop would pass it and be ignored by fc3.
      expect({ name, unknown: Object.keys(props).filter((key) => !(key in schema.properties)) }).toEqual({ name, unknown: [] });
    }
    // And the validator does reject what fc3 would: proof the check above is not vacuous.
    expect(validate({ ...effectiveProps('auth'), runtime: 'nodejs99', memorySize: 100 })).toBe(false);
  });

  it('builds one loadable bundle per function folder, where its resource looks for it', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kefu-build-'));
    try {
      const names = await buildFunctions(out);
      expect(names.sort()).toEqual(functionFolders().sort());
      for (const name of names) {
        expect(effectiveProps(name)['code']).toBe(`./dist/functions/${name}`);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is CommonJS, loaded as FC loads it
        const mod = require(path.join(out, name, 'index.js')) as { handler?: unknown };
        expect(typeof mod.handler).toBe('function');
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
