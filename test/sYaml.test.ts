import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { buildFunctions, functionNames } from '../bin/build-functions';

const root = path.resolve(__dirname, '..');
const schemaFile = path.resolve(root, '../shared/data/fc3/schema.json');

interface Resource {
  component: string;
  extend?: { name: string };
  props: Record<string, unknown>;
}
interface SYaml {
  edition: string;
  vars: Record<string, string>;
  template: Record<string, Record<string, unknown>>;
  resources: Record<string, Resource>;
}

const config = parse(readFileSync(path.join(root, 's.yaml'), 'utf8')) as SYaml;

/**
 * The props Serverless Devs deploys: the template's, overridden by the resource's, with
 * `${vars.x}` replaced (values from the environment stay as their placeholders).
 */
function effectiveProps(resource: Resource): Record<string, unknown> {
  const base = resource.extend ? config.template[resource.extend.name] : {};
  if (resource.extend && !base) throw new Error(`unknown template ${resource.extend.name}`);
  const text = JSON.stringify({ ...base, ...resource.props }).replace(/\$\{vars\.(\w+)\}/g, (_, key: string) => {
    const value = config.vars[key];
    if (value === undefined) throw new Error(`undefined variable vars.${key}`);
    return value;
  });
  return JSON.parse(text) as Record<string, unknown>;
}

describe('s.yaml (Serverless Devs, fc3)', () => {
  it('deploys exactly the function folders that exist, on nodejs20 with index.handler', () => {
    expect(config.edition).toBe('3.0.0');
    expect(Object.keys(config.resources).sort()).toEqual(functionNames());
    for (const [name, resource] of Object.entries(config.resources)) {
      const props = effectiveProps(resource);
      expect({ name, component: resource.component, runtime: props['runtime'], handler: props['handler'], code: props['code'] }).toEqual({
        name,
        component: 'fc3',
        runtime: 'nodejs20',
        handler: 'index.handler',
        code: `./dist/functions/${name}`,
      });
    }
  });

  it("validates every resource's props against the fc3 component schema", () => {
    if (!existsSync(schemaFile)) {
      throw new Error(`benchmark data folder missing: ${schemaFile} (the fc3 schema lives in ../shared/data, beside the checkout)`);
    }
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    for (const [name, resource] of Object.entries(config.resources)) {
      const ok = validate(effectiveProps(resource));
      expect({ name, errors: ok ? null : validate.errors }).toEqual({ name, errors: null });
    }
  });

  it('builds one loadable bundle per function, exporting the FC handler', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kefu-build-'));
    try {
      const names = await buildFunctions(out);
      expect(names).toEqual(Object.keys(config.resources).sort());
      for (const name of names) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(path.join(out, name, 'index.js')) as { handler?: unknown };
        expect(typeof mod.handler).toBe('function');
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
