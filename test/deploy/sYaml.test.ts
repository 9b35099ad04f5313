import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { buildFunctions } from '../../scripts/build/build-functions';
import { configSchema, loadConfig } from '../../shared/config';
import { ServerlessDevsSandbox, type PreviewDocument } from '../helpers/ServerlessDevsSandbox';
import { deployPlaceholders } from '../helpers/deployPlaceholders';

// s.yaml as Serverless Devs itself resolves it: the tests below read what the project's own `s
// preview` (@serverless-devs/s 3.1.10) renders offline, with placeholder keys and variables, so
// the checks see exactly the props `s deploy` would hand the fc3 and fc3-domain components.

const root = path.resolve(__dirname, '../..');
// The fc3 component's props schema is benchmark data beside the checkout (../shared/data/README.md),
// never a copy in the repository.
const schemaFile = path.resolve(__dirname, '../../../shared/data/fc3/schema.json');

/** The functions of docs/architecture.md (Functions); each gets one fc3 resource. */
const architectureFunctions = ['auth', 'message', 'understand', 'faq', 'events', 'agent', 'merchant', 'stats', 'web', 'jobs'];
/** Functions driven by a timer rather than HTTP. */
const timerFunctions = ['jobs'];

const placeholders = deployPlaceholders;
const vpc = { KEFU_VPC_ID: 'vpc-placeholder', KEFU_VSWITCH_IDS: 'vsw-a1,vsw-b2', KEFU_SECURITY_GROUP_ID: 'sg-placeholder' };

interface Trigger {
  triggerName: string;
  triggerType: string;
  triggerConfig: Record<string, unknown>;
}

let sandbox: ServerlessDevsSandbox;
let plain: PreviewDocument;
let inVpc: PreviewDocument;

function rendered(template: string, vars: Readonly<Record<string, string>>): PreviewDocument {
  const result = sandbox.preview(template, vars);
  if (!result.ok) throw new Error(`s preview -t ${template} failed (${result.status}):\n${result.output}`);
  return result.document;
}

beforeAll(() => {
  sandbox = new ServerlessDevsSandbox(root);
  plain = rendered('s.yaml', placeholders);
  inVpc = rendered('s.vpc.yaml', { ...placeholders, ...vpc });
}, 60_000);
afterAll(() => sandbox.close());

const props = (name: string, doc = plain) => doc.resources[name]!.props;
const triggersOf = (name: string) => (props(name)['triggers'] ?? []) as Trigger[];

/** Folders of functions/ that hold a function (an index.ts), leaving out the shared `_` ones. */
function functionFolders(): string[] {
  const dir = path.join(root, 'functions');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(path.join(dir, d.name, 'index.ts')))
    .map((d) => d.name);
}

describe('s.yaml as `s preview` renders it (Serverless Devs 3, fc3 + fc3-domain)', () => {
  it('declares one fc3 resource per function folder, so nothing empty is deployed, and one fc3-domain', () => {
    expect(plain.edition).toBe('3.0.0');
    const fc3 = Object.entries(plain.resources).filter(([, r]) => r.component === 'fc3').map(([n]) => n);
    expect(fc3.sort()).toEqual([...architectureFunctions].sort());
    expect(functionFolders().sort()).toEqual([...architectureFunctions].sort());
    expect(Object.entries(plain.resources).filter(([, r]) => r.component !== 'fc3').map(([n, r]) => [n, r.component])).toEqual([['domain', 'fc3-domain']]);
  });

  it('runs every function on nodejs20 from dist/functions/<name> with index.handler, in the region from vars', () => {
    for (const name of architectureFunctions) {
      const p = props(name);
      expect({ name, runtime: p['runtime'], handler: p['handler'], code: p['code'], functionName: p['functionName'], region: p['region'] }).toEqual({
        name,
        runtime: 'nodejs20',
        handler: 'index.handler',
        code: `./dist/functions/${name}`,
        functionName: `kefu-${name}`,
        region: 'cn-hangzhou',
      });
    }
  });

  it('runs every function as the role named by KEFU_FC_ROLE in the account of the deploying keys', () => {
    for (const name of architectureFunctions) expect(props(name)['role']).toBe(`acs:ram::${ServerlessDevsSandbox.accountId}:role/kefu-fc-role`);
  });

  it('refuses to render without KEFU_FC_ROLE instead of falling back to a role without Tablestore rights', () => {
    const { KEFU_FC_ROLE: _omitted, ...rest } = placeholders;
    const result = sandbox.preview('s.yaml', rest);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.output).toContain("env('KEFU_FC_ROLE') not found");
  });

  it('points every function at the Tablestore instance named by the environment, with settings Kefu knows', () => {
    const known = Object.keys(configSchema.properties);
    for (const name of architectureFunctions) {
      const env = props(name)['environmentVariables'] as Record<string, string>;
      expect(env).toMatchObject({
        KEFU_STORE: 'tablestore',
        KEFU_TABLESTORE_ENDPOINT: placeholders['KEFU_TABLESTORE_ENDPOINT'],
        KEFU_TABLESTORE_INSTANCE: placeholders['KEFU_TABLESTORE_INSTANCE'],
      });
      // A misspelt key would be ignored by loadConfig and the function would start without it.
      for (const key of Object.keys(env)) expect(known).toContain(key);
      // With the optional integrations left at their empty defaults, a function still starts, on
      // the temporary keys Function Compute injects for the function's role.
      const role = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret', ALIBABA_CLOUD_SECURITY_TOKEN: 'token' };
      expect(loadConfig({ ...env, ...role }).tablestore).toMatchObject({ accessKeyId: 'STS.id', securityToken: 'token', keysFrom: 'role' });
    }
  });

  it('puts the functions in a VPC only with s.vpc.yaml, and without a VPC they have no vpcConfig at all', () => {
    for (const name of architectureFunctions) {
      expect(props(name)).not.toHaveProperty('vpcConfig');
      expect(props(name, inVpc)['vpcConfig']).toEqual({ vpcId: 'vpc-placeholder', vSwitchIds: ['vsw-a1', 'vsw-b2'], securityGroupId: 'sg-placeholder' });
      // Everything else is s.yaml's, unchanged.
      const { vpcConfig: _v, ...rest } = props(name, inVpc);
      expect(rest).toEqual(props(name));
    }
    expect(inVpc.resources['domain']).toEqual(plain.resources['domain']);
    const partial = sandbox.preview('s.vpc.yaml', { ...placeholders, KEFU_VPC_ID: 'vpc-placeholder' });
    expect(partial.ok ? '' : partial.output).toContain("env('KEFU_VSWITCH_IDS') not found");
  });

  it('fires the jobs function every minute, with room for its sweeps', () => {
    const triggers = triggersOf('jobs');
    expect(triggers.map((t) => t.triggerType)).toEqual(['timer']);
    expect(triggers[0]!.triggerConfig).toMatchObject({ cronExpression: '@every 1m', enable: true });
    const payload = JSON.parse(String(triggers[0]!.triggerConfig['payload'])) as { sweeps: number; intervalMs: number };
    expect(Number(props('jobs')['timeout']) * 1000).toBeGreaterThan(payload.sweeps * payload.intervalMs);
  });

  it('never runs the jobs timer twice at once: one request per instance, one instance, no async retries', () => {
    // FC3 props (fc3 schema): instanceConcurrency is requests per instance; concurrencyConfig
    // .reservedConcurrency is the function's instance limit ("配置并发实例数上限",
    // https://help.aliyun.com/zh/functioncompute/fc/user-guide/overview-of-configuring-the-maximum-number-of-on-demand-instances).
    // Timer triggers invoke asynchronously, and FC retries a failed asynchronous invocation 3
    // times unless maxAsyncRetryAttempts says otherwise ("重试策略",
    // https://help.aliyun.com/document_detail/2513612.html); a retry would rerun a tick.
    expect(props('jobs')).toMatchObject({ instanceConcurrency: 1, concurrencyConfig: { reservedConcurrency: 1 }, asyncInvokeConfig: { maxAsyncRetryAttempts: 0 } });
    // A tick throttled behind a long one is retried by FC anyway; it must not outlive the next tick.
    const maxAge = (props('jobs')['asyncInvokeConfig'] as { maxAsyncEventAgeInSeconds: number }).maxAsyncEventAgeInSeconds;
    expect(maxAge).toBeLessThanOrEqual(60);
    // The HTTP functions keep serving many long-polls per instance.
    expect(props('events')['instanceConcurrency']).toBeGreaterThan(1);
  });

  it('gives every HTTP function an anonymous HTTP trigger', () => {
    for (const name of architectureFunctions.filter((n) => !timerFunctions.includes(n))) {
      const triggers = triggersOf(name);
      expect(triggers.map((t) => t.triggerType)).toEqual(['http']);
      expect(triggers[0]!.triggerConfig['authType']).toBe('anonymous');
      expect(triggers[0]!.triggerConfig['methods']).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']));
    }
  });

  it('lets a long-poll finish inside the timeout of the functions that serve it', () => {
    const longPollDefaultMs: unknown = configSchema.properties.KEFU_LONGPOLL_TIMEOUT_MS.default;
    expect(typeof longPollDefaultMs).toBe('number');
    // events, and message, which serves the same poll behind the custom domain.
    for (const name of ['events', 'message']) expect(Number(props(name)['timeout']) * 1000).toBeGreaterThan(Number(longPollDefaultMs));
  });

  it("validates every function's rendered props against the fc3 component schema", () => {
    if (!existsSync(schemaFile)) {
      throw new Error(
        `benchmark data folder missing: ${schemaFile} not found. The fc3 schema is read from ../shared/data beside the checkout (see ../shared/data/README.md); it is never copied into the repository.`,
      );
    }
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $schema?: string; properties: Record<string, unknown> };
    // draft-07 is the default Ajv's own draft; the schema uses no `format`, so ajv-formats is not needed.
    expect(schema.$schema).toMatch(/draft-07/);
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const doc of [plain, inVpc]) {
      for (const name of architectureFunctions) {
        const p = props(name, doc);
        const ok = validate(p);
        expect({ name, errors: ok ? null : validate.errors }).toEqual({ name, errors: null });
        // The schema allows unknown keys, so a misspelt prop would pass it and be ignored by fc3.
        expect({ name, unknown: Object.keys(p).filter((key) => !(key in schema.properties)) }).toEqual({ name, unknown: [] });
      }
    }
    // And the validator does reject what fc3 would: proof the check above is not vacuous.
    expect(validate({ ...props('auth'), runtime: 'nodejs99', memorySize: 100 })).toBe(false);
    expect(validate({ ...props('jobs'), asyncInvokeConfig: { maxAsyncRetryAttempts: 9 } })).toBe(false);
    expect(validate({ ...props('auth'), vpcConfig: { vpcId: 'vpc-placeholder' } })).toBe(false);
  });

  it('builds one loadable bundle per function folder, where its resource looks for it', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kefu-build-'));
    try {
      const names = await buildFunctions(out);
      expect(names.sort()).toEqual(functionFolders().sort());
      for (const name of names) {
        expect(props(name)['code']).toBe(`./dist/functions/${name}`);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is CommonJS, loaded as FC loads it
        const mod = require(path.join(out, name, 'index.js')) as { handler?: unknown };
        expect(typeof mod.handler).toBe('function');
      }
      // The web function carries the console and the H5 page it serves behind the custom domain.
      for (const file of ['console/index.html', 'h5/index.html', 'h5/main.js']) expect([file, existsSync(path.join(out, 'web', 'static', file))]).toEqual([file, true]);
      expect(readFileSync(path.join(out, 'web', 'static', 'console', 'index.html'), 'utf8')).toContain('/console/assets/');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
