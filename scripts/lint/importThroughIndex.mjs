// A local ESLint rule (issue 23, item 3): every shared/<m>/ folder is a module whose public surface
// is its index.ts. Code outside shared/<m>/ imports shared/<m> (the index) or one of the secondary
// entries listed below, never another file inside it; code inside shared/<m>/ imports its siblings
// directly and never its own index (a module importing its own barrel is how load-order cycles start).
// Colocated unit tests live inside their module, so they may import its internals. test/ gets no
// exception: the contract suites import the drivers through the driver entries like everyone else.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Secondary entries: files that code outside their module may import besides its index. Keep this
 * list short; each one is here because its module's index must not carry it.
 */
export const SECONDARY_ENTRIES = [
  // Drivers, out of the port barrels: better-sqlite3, the Tablestore SDK and node:fs/worker_threads.
  'shared/store/drivers.ts',
  'shared/media/drivers.ts',
  // Cloud SDK adapters, one entry each so that createKefu requires an SDK (ali-oss, alipay-sdk,
  // @alicloud/pop-core) only when it is configured.
  'shared/media/OssMediaStore.ts',
  'shared/alipay/AlipaySdkOpenApi.ts',
  'shared/alipay/AlipaySdkTradeLookup.ts',
  'shared/asr/NlsSpeechRecognizer.ts',
  // The validator: ajv and ajv-formats stay out of the schemas barrel.
  'shared/schemas/ajv.ts',
  // Leaves for the mini-program and browser bundles (esbuild, vite). A barrel's other files would come
  // along with their top-level TypeBox calls (the schema library) or node:* imports, which a bundler
  // cannot drop: these files have neither, and import other modules only through such leaves.
  'shared/schemas/limits.ts',
  'shared/schemas/flowSchema.ts',
  'shared/schemas/defaultEntryConfig.ts',
  'shared/merchant/entryIcons.ts',
  'shared/merchant/flowSettings.ts',
  'shared/flows/flowTitles.ts',
  'shared/faq/answerPunctuation.ts',
];

const secondary = new Set(SECONDARY_ENTRIES);
const posix = (p) => p.split(path.sep).join('/');

/** The repository-relative file a relative specifier names, as TypeScript would resolve it. */
export function resolveSpecifier(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  if (base.endsWith('.js')) candidates.push(`${base.slice(0, -3)}.ts`);
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  return posix(path.relative(repoRoot, found ?? (path.extname(base) ? base : `${base}.ts`)));
}

/** `store` for shared/store/x.ts; undefined outside shared/. */
const moduleOf = (rel) => /^shared\/([^/]+)\//.exec(rel)?.[1];

function relativeSpecifier(fromFile, target) {
  const rel = posix(path.relative(path.dirname(fromFile), path.join(repoRoot, target)));
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** @type {import('eslint').Rule.RuleModule} */
export const importThroughIndex = {
  meta: {
    type: 'problem',
    docs: { description: 'Import a shared/ module through its index.ts or a listed secondary entry' },
    schema: [],
    messages: {
      internal:
        "'{{specifier}}' reaches into shared/{{module}}/ ({{target}}): import '{{suggestion}}' (its index.ts){{entries}} instead, and export the name there if it is missing.",
      ownIndex:
        "'{{specifier}}' is this module's own index: import the sibling file that defines the name, so the module never loads its own barrel.",
    },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const rel = posix(path.relative(repoRoot, file));
    if (rel.startsWith('..')) return {};
    const own = moduleOf(rel);

    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
      const target = resolveSpecifier(file, node.value);
      const m = moduleOf(target);
      if (!m) return;
      const index = `shared/${m}/index.ts`;
      if (m === own) {
        if (target === index && rel !== index) context.report({ node, messageId: 'ownIndex', data: { specifier: node.value } });
        return;
      }
      if (target === index || secondary.has(target)) return;
      const others = SECONDARY_ENTRIES.filter((e) => e.startsWith(`shared/${m}/`)).map((e) => `'${relativeSpecifier(file, e.replace(/\.ts$/, ''))}'`);
      context.report({
        node,
        messageId: 'internal',
        data: {
          specifier: node.value,
          module: m,
          target,
          suggestion: relativeSpecifier(file, `shared/${m}`),
          entries: others.length ? ` or ${others.join(', ')}` : '',
        },
      });
    };

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // typescript-eslint 8 names the specifier `source`; older versions nest it in `argument`.
      TSImportType: (node) => check(node.source ?? node.argument?.literal),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) check(node.arguments[0]);
      },
    };
  },
};

export default { rules: { 'import-through-index': importThroughIndex } };
