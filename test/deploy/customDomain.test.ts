import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { type RouteGroup, createFunctionApp } from '../../functions/_http/createFunctionApp';
import { createKefu } from '../../shared/app';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/log';
import { createMemoryStore } from '../../shared/store/drivers';
import { deployPlaceholders } from '../helpers/deployPlaceholders';
import { ServerlessDevsSandbox, type PreviewDocument } from '../helpers/ServerlessDevsSandbox';

// The one HTTPS origin: s.yaml's fc3-domain resource, as the project's own `s preview` renders it,
// checked against (1) the component's props (devsapp/fc3-domain src/schema.json, read at 48f49d1:
// region, domainName, protocol HTTP|HTTPS|HTTP,HTTPS, routeConfig.routes[{functionName, path,
// methods, qualifier}], certConfig {certName, certificate, privateKey} or {certId}, tlsConfig) and
// (2) every route each deployed function serves, resolved the way Function Compute resolves a path
// on a custom domain ("Routing rules", https://www.alibabacloud.com/help/doc-detail/90763.htm; the
// FC 3.0 guide is https://help.aliyun.com/zh/functioncompute/fc-3-0/user-guide/configure-custom-domain-names):
// an exact path matches only itself; a path ending in `*` matches every path with that prefix;
// exact wins over prefix, and among prefixes the longest wins.

// Each functions/<name>/index.ts is `functionHandler(name, groups)`: captured here instead of
// built, so the test reads exactly the route groups each deployed function mounts.
jest.mock('../../functions/_runtime/functionHandler', () => ({
  functionHandler: (name: string, groups: readonly RouteGroup[]) => ({ name, groups }),
}));

const root = path.resolve(__dirname, '../..');
const schemaFile = path.resolve(__dirname, '../../../shared/data/fc3/schema.json');
const httpFunctions = ['auth', 'message', 'understand', 'faq', 'events', 'agent', 'merchant', 'stats', 'web'];
const allMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

interface Route {
  path: string;
  functionName: string;
  methods?: string[];
  qualifier?: string;
}

let sandbox: ServerlessDevsSandbox;
let doc: PreviewDocument;

beforeAll(() => {
  sandbox = new ServerlessDevsSandbox(root);
  const result = sandbox.preview('s.yaml', deployPlaceholders);
  if (!result.ok) throw new Error(`s preview failed:\n${result.output}`);
  doc = result.document;
}, 60_000);
afterAll(() => sandbox.close());

const domain = () => doc.resources['domain']!.props;
const routes = () => (domain()['routeConfig'] as { routes: Route[] }).routes;

/** The function a request path reaches on the custom domain, by FC's documented rules. */
function resolve(table: readonly Route[], requestPath: string): Route | undefined {
  const exact = table.find((r) => !r.path.endsWith('*') && r.path === requestPath);
  if (exact) return exact;
  const prefixes = table.filter((r) => r.path.endsWith('*') && requestPath.startsWith(r.path.slice(0, -1)));
  return prefixes.sort((a, b) => b.path.length - a.path.length)[0];
}

/** Every (method, path pattern) a deployed function's app answers, as Hono registered it. */
function servedRoutes(name: string): { method: string; pattern: string }[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after jest.mock captured functionHandler
  const entry = (require(`../../functions/${name}/index`) as { handler: { name: string; groups: RouteGroup[] } }).handler;
  const config = loadConfig({}, { KEFU_STORE: 'memory', KEFU_TOKEN_SECRET: 's'.repeat(40), KEFU_LOG_LEVEL: 'silent' });
  const deps = createKefu(config, { store: createMemoryStore(), logger: createLogger({ service: 'test', level: 'silent' }) });
  return createFunctionApp(entry.name, deps, ...entry.groups)
    .routes.filter((r) => r.method !== 'ALL')
    .map((r) => ({ method: r.method, pattern: r.path }));
}

/** A concrete request path for a Hono pattern (`:id` becomes a sample id). */
const sample = (pattern: string) => pattern.replace(/:[A-Za-z]+/g, 'x1');
const matches = (pattern: string, requestPath: string) => new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(requestPath);

describe('the custom domain (fc3-domain in s.yaml)', () => {
  it('serves HTTPS only, on the domain and certificate from the environment, with TLS 1.2 or later', () => {
    expect(doc.resources['domain']!.component).toBe('fc3-domain');
    const p = domain();
    expect({ region: p['region'], domainName: p['domainName'], protocol: p['protocol'] }).toEqual({ region: 'cn-hangzhou', domainName: 'kefu.example.com', protocol: 'HTTPS' });
    // The certificate is the deploying shell's, never a file or text in the repository.
    expect(p['certConfig']).toEqual({ certName: 'kefu-domain', certificate: expect.stringContaining('placeholder-cert') as unknown, privateKey: expect.stringContaining('placeholder-key') as unknown });
    expect(readFileSync(path.join(root, 's.yaml'), 'utf8')).not.toMatch(/BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)/);
    const tls = p['tlsConfig'] as { minVersion: string; maxVersion: string; cipherSuites: string[] };
    expect(['TLSv1.2', 'TLSv1.3']).toContain(tls.minVersion);
    expect(tls.maxVersion).toBe('TLSv1.3');
    expect(tls.cipherSuites.length).toBeGreaterThan(0);
    for (const suite of tls.cipherSuites) expect(suite).toMatch(/^TLS_ECDHE_(RSA|ECDSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305)$/);
  });

  it('is in a region the fc3 schema knows, the one the functions run in', () => {
    if (!existsSync(schemaFile)) throw new Error(`benchmark data folder missing: ${schemaFile} not found (see ../shared/data/README.md)`);
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { definitions: { IRegion: { enum: string[] } } };
    expect(schema.definitions.IRegion.enum).toContain(domain()['region']);
    for (const name of httpFunctions) expect(doc.resources[name]!.props['region']).toBe(domain()['region']);
  });

  it('routes only to deployed HTTP functions, by exact paths or trailing-* prefixes, with every method the triggers allow', () => {
    const functionNames = new Map(httpFunctions.map((n) => [doc.resources[n]!.props['functionName'] as string, n]));
    expect(routes().length).toBeGreaterThan(0);
    for (const r of routes()) {
      // A custom domain reaches only functions with an HTTP trigger.
      expect({ path: r.path, function: functionNames.has(r.functionName) }).toEqual({ path: r.path, function: true });
      expect(r.path).toMatch(/^\/[\w/-]*(?:\*)?$/);
      expect(r.path.indexOf('*')).toBe(r.path.endsWith('*') ? r.path.length - 1 : -1);
      expect(r.methods?.slice().sort()).toEqual([...allMethods].sort());
      expect(r.qualifier).toBe('LATEST');
    }
    expect(new Set(routes().map((r) => r.path)).size).toBe(routes().length);
  });

  it('sends every route of every function to a function that serves it', () => {
    const byFunctionName = new Map(httpFunctions.map((n) => [doc.resources[n]!.props['functionName'] as string, n]));
    const served = new Map(httpFunctions.map((n) => [n, servedRoutes(n)]));
    let checked = 0;
    for (const [owner, list] of served) {
      for (const { method, pattern } of list) {
        const requestPath = sample(pattern);
        const route = resolve(routes(), requestPath);
        const target = route ? byFunctionName.get(route.functionName) : undefined;
        const servedThere = target ? served.get(target)!.some((s) => s.method === method && matches(s.pattern, requestPath)) : false;
        expect({ owner, method, requestPath, target, servedThere }).toEqual({ owner, method, requestPath, target: expect.any(String) as unknown, servedThere: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('resolves by the documented rules, which is why the long-poll is served by the message function', () => {
    const to = (p: string) => resolve(routes(), p)?.functionName;
    expect(to('/v1/conversations')).toBe('kefu-message');
    expect(to('/v1/conversations/c1/messages')).toBe('kefu-message');
    // The poll shares the /v1/conversations/ prefix and an id sits before `events`: no exact or
    // prefix rule can single it out for the events function.
    expect(to('/v1/conversations/c1/events')).toBe('kefu-message');
    expect(servedRoutes('message')).toContainEqual({ method: 'GET', pattern: '/v1/conversations/:id/events' });
    expect(to('/v1/events')).toBe('kefu-merchant');
    expect(to('/v1/eventsx')).toBeUndefined();
    expect(to('/v1/auth/login')).toBe('kefu-auth');
    // The H5 page and the console come from the same domain as the API, served by the web function.
    expect(to('/h5/')).toBe('kefu-web');
    expect(to('/h5/main.js')).toBe('kefu-web');
    expect(to('/console')).toBe('kefu-web');
    expect(to('/console/assets/index-abc.js')).toBe('kefu-web');
    expect(to('/v1/health')).toBe('kefu-message');
  });
});
