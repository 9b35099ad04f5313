import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

// The rule is ESM (eslint.config.mjs imports it) and jest's module loader cannot load ESM without
// --experimental-vm-modules, so the cases run through ESLint's Linter in one plain Node process.
const runner = `
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import kefu, { SECONDARY_ENTRIES } from './scripts/lint/importThroughIndex.mjs';
const cases = JSON.parse(process.argv[1]);
const linter = new Linter({ cwd: process.cwd() });
const config = [{
  files: ['**/*.ts', '**/*.tsx'],
  languageOptions: { parser: tseslint.parser },
  plugins: { kefu },
  rules: { 'kefu/import-through-index': 'error' },
}];
const messages = cases.map(([file, code]) =>
  linter.verify(code, config, { filename: path.join(process.cwd(), file) }).map((m) => m.message));
process.stdout.write(JSON.stringify({ messages, entries: SECONDARY_ENTRIES }));
`;

type Case = [file: string, code: string];
const cases: Case[] = [];
/** Registers a case and returns a getter for the rule's messages on it. */
function lintCase(file: string, code: string): () => string[] {
  const i = cases.push([file, code]) - 1;
  return () => result.messages[i] ?? [];
}
let result: { messages: string[][]; entries: string[] } = { messages: [], entries: [] };

const reported = {
  internal: lintCase('functions/agent/x.ts', "import { mask } from '../../shared/nlp/mask';"),
  fromSharedTypeOnly: lintCase('shared/conversation/x.ts', "import type { Understanding } from '../nlp/Understanding';"),
  subfolder: lintCase('shared/routing/x.ts', "import { ScenarioInput } from '../nlp/scenarios/scenarioSchema';"),
  driver: lintCase('test/contracts/x.test.ts', "import { createSqliteStore } from '../../shared/store/sqliteStore';"),
  reExport: lintCase('scripts/x.ts', "export { understand } from '../shared/nlp/understand';"),
  exportAll: lintCase('scripts/x.ts', "export * from '../shared/nlp/understand';"),
  dynamicImport: lintCase('scripts/x.ts', "void import('../shared/faq/FaqService');"),
  require: lintCase('scripts/x.ts', "const m = require('../shared/faq/FaqService');"),
  typeofImport: lintCase('scripts/x.ts', "type M = typeof import('../shared/faq/FaqService');"),
  ownIndex: lintCase('shared/nlp/x.ts', "import { mask } from './index';"),
  ownIndexFromSubfolder: lintCase('shared/nlp/scenarios/x.ts', "import { mask } from '..';"),
};
const accepted = {
  index: lintCase('functions/agent/x.ts', "import { mask } from '../../shared/nlp';"),
  indexByName: lintCase('functions/agent/x.ts', "import { mask } from '../../shared/nlp/index';"),
  driverEntry: lintCase('scripts/dev/x.ts', "import { createMemoryStore } from '../../shared/store/drivers';"),
  validatorEntry: lintCase('shared/faq/x.ts', "import { ajv } from '../schemas/ajv';"),
  bundleLeaf: lintCase('miniprogram/components/kf-chat/x.ts', "import { MAX_TEXT_LENGTH } from '../../../shared/schemas/limits';"),
  siblings: lintCase('shared/nlp/x.ts', "import { mask } from './mask';\nimport { screenQuestion } from './scenarios/screenQuestion';"),
  colocatedTest: lintCase('shared/store/memoryStore.test.ts', "import { createMemoryStore } from './memoryStore';"),
  theIndexItself: lintCase('shared/nlp/index.ts', "export { mask } from './mask';"),
  outsideShared: lintCase('functions/agent/x.ts', "import { Hono } from 'hono';\nimport { x } from '../_http/x';"),
};

beforeAll(() => {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', runner, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' });
  result = JSON.parse(out) as typeof result;
}, 30_000);

describe('kefu/import-through-index', () => {
  it('reports a file outside a module that imports a file inside it, and names the index to use', () => {
    const messages = reported.internal();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("import '../../shared/nlp'");
    expect(messages[0]).toContain('(shared/nlp/mask.ts)');
  });

  it('reports an internal file of another module from inside shared/, type-only or in a subfolder', () => {
    expect(reported.fromSharedTypeOnly()).toHaveLength(1);
    expect(reported.subfolder()).toHaveLength(1);
    expect(reported.subfolder()[0]).toContain("import '../nlp'");
  });

  it("names the module's secondary entries beside its index", () => {
    const [message] = reported.driver();
    expect(message).toContain("import '../../shared/store' (its index.ts) or '../../shared/store/drivers'");
  });

  it('checks re-exports, dynamic imports, require and typeof import', () => {
    for (const get of [reported.reExport, reported.exportAll, reported.dynamicImport, reported.require, reported.typeofImport]) {
      expect(get()).toHaveLength(1);
    }
  });

  it('reports a module file that imports its own index', () => {
    expect(reported.ownIndex()).toEqual([expect.stringContaining("this module's own index")]);
    expect(reported.ownIndexFromSubfolder()).toEqual([expect.stringContaining("this module's own index")]);
  });

  it('accepts an index, a listed secondary entry, siblings, colocated tests and other imports', () => {
    for (const [name, get] of Object.entries(accepted)) expect([name, get()]).toEqual([name, []]);
  });

  it('lists only secondary entries that exist, each inside a shared/ module', () => {
    expect(result.entries.length).toBeGreaterThan(0);
    for (const entry of result.entries) {
      expect(entry).toMatch(/^shared\/[^/]+\/[^/]+\.ts$/);
      expect(existsSync(path.join(root, entry))).toBe(true);
    }
  });
});
