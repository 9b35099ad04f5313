import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** What the code of one route registration says, read from its source without running it. */
export interface RouteSource {
  readonly method: string;
  readonly path: string;
  /** Repository-relative file and 1-based line of the `app.<method>(...)` call. */
  readonly at: string;
  /** The roles its `authenticate` call admits; undefined when it takes no session. */
  readonly roles: readonly string[] | undefined;
  /** Every error code it (or a helper of its file) throws by name: `new KefuError('CODE')`. */
  readonly refusals: readonly string[];
  /** The schemas its body is validated with (`readJson(c, X)`, `validate(X, ...)`). */
  readonly bodySchemas: readonly SchemaRef[];
  /** True when it reads a multipart form (`readMultipart`). */
  readonly multipart: boolean;
  /** The query parameters it reads (`c.req.query('x')`, `intQuery(c, 'x', ...)`). */
  readonly query: readonly string[];
}

/** A schema by name and the module that declares it (undefined when it cannot be found). */
export interface SchemaRef {
  readonly name: string;
  readonly module: string | undefined;
}

const METHODS = new Set(['get', 'post', 'put', 'delete', 'patch']);

/** Every route registered in the `.ts` files (tests aside) under the given folders. */
export function routeSources(root: string, folders: readonly string[]): RouteSource[] {
  const files = folders.flatMap((folder) => tsFiles(path.join(root, folder)));
  return files.flatMap((file) => new SourceReader(root, file).routes());
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return tsFiles(full);
      return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
    });
}

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    parsed.set(file, source);
  }
  return source;
}

const unwrap = (e: ts.Expression): ts.Expression => (ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e) ? unwrap(e.expression) : e);
const literal = (e: ts.Node | undefined): string | undefined => (e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e.text : undefined);
const calleeName = (call: ts.CallExpression): string | undefined => {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
};

class SourceReader {
  private readonly source: ts.SourceFile;
  constructor(
    private readonly root: string,
    private readonly file: string,
  ) {
    this.source = parse(file);
  }

  routes(): RouteSource[] {
    const found: RouteSource[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && this.isRegistration(node)) found.push(...this.describe(node));
      ts.forEachChild(node, visit);
    };
    visit(this.source);
    return found;
  }

  private isRegistration(call: ts.CallExpression): boolean {
    const callee = call.expression;
    return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'app' && METHODS.has(callee.name.text) && call.arguments.length >= 2;
  }

  private where(node: ts.Node): string {
    const line = this.source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    return `${path.relative(this.root, this.file).split(path.sep).join('/')}:${line}`;
  }

  private describe(call: ts.CallExpression): RouteSource[] {
    const method = (call.expression as ts.PropertyAccessExpression).name.text.toUpperCase();
    const handler = call.arguments[call.arguments.length - 1]!;
    const facts = { roles: undefined as string[] | undefined, refusals: new Set<string>(), bodySchemas: new Map<string, SchemaRef>(), multipart: false, query: new Set<string>() };
    const visited = new Set<ts.Node>();
    const walk = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'KefuError') {
        const code = literal(node.arguments?.[0]);
        if (code) facts.refusals.add(code);
      }
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        const args = node.arguments;
        if ((name === 'authenticate' || name === 'authenticateSession') && args[2]) facts.roles ??= this.roles(args[2]);
        else if (name === 'readJson' && args[1] && ts.isIdentifier(args[1])) facts.bodySchemas.set(args[1].text, this.schemaRef(args[1].text));
        else if (name === 'validate' && args[0] && ts.isIdentifier(args[0])) facts.bodySchemas.set(args[0].text, this.schemaRef(args[0].text));
        else if (name === 'readMultipart') facts.multipart = true;
        else if (name === 'query' && literal(args[0])) facts.query.add(literal(args[0])!);
        else if (name?.endsWith('Query') && literal(args[1])) facts.query.add(literal(args[1])!);
        // A helper of this file (`staffSession(c, deps)`) is read as part of the handler.
        const helper = ts.isIdentifier(node.expression) ? this.localFunction(node.expression.text) : undefined;
        if (helper && !visited.has(helper)) {
          visited.add(helper);
          walk(helper);
        }
      }
      ts.forEachChild(node, walk);
    };
    walk(handler);
    const at = this.where(call);
    return this.paths(call.arguments[0]!, at).map((routePath) => ({
      method,
      path: routePath,
      at,
      roles: facts.roles,
      refusals: [...facts.refusals].sort(),
      bodySchemas: [...facts.bodySchemas.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
      multipart: facts.multipart,
      query: [...facts.query].sort(),
    }));
  }

  /** The path, or for a loop variable or a template inside `for (const [action] of [['enable'], ...])` each one. */
  private paths(arg: ts.Expression, at: string): string[] {
    const text = literal(arg);
    if (text !== undefined) return [text];
    // `for (const route of ['/v1/understand', '/v1/parse']) app.post(route, ...)`: one handler, two names.
    if (ts.isIdentifier(arg)) {
      const loop = this.enclosingLoop(arg);
      if (!loop) throw new Error(`${at}: the route's path ${arg.text} is not a loop's variable`);
      return loopValues(loop, arg.text, at);
    }
    if (!ts.isTemplateExpression(arg)) throw new Error(`${at}: the route's path is neither a string nor a template`);
    const loop = this.enclosingLoop(arg);
    const values = arg.templateSpans.map((span) => {
      if (!ts.isIdentifier(span.expression) || !loop) throw new Error(`${at}: cannot expand \${${span.expression.getText()}} in the route's path`);
      return loopValues(loop, span.expression.text, at);
    });
    const count = values[0]?.length ?? 0;
    return Array.from({ length: count }, (_, i) => arg.head.text + arg.templateSpans.map((span, s) => values[s]![i]! + span.literal.text).join(''));
  }

  private enclosingLoop(node: ts.Node): ts.ForOfStatement | undefined {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isForOfStatement(n)) return n;
    return undefined;
  }

  /** A function declared at the top of this file, by name. */
  private localFunction(name: string): ts.Node | undefined {
    for (const statement of this.source.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
      if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) return d.initializer;
        }
      }
    }
    return undefined;
  }

  /** The roles an expression names: `['user', ...staffRoles]`, `managers`, an imported constant. */
  roles(expr: ts.Expression): string[] {
    const e = unwrap(expr);
    if (ts.isArrayLiteralExpression(e)) {
      return e.elements.flatMap((el) => {
        if (ts.isSpreadElement(el)) return this.roles(el.expression);
        const text = literal(el);
        if (text === undefined) throw new Error(`${this.where(el)}: cannot read the role ${el.getText()}`);
        return [text];
      });
    }
    if (ts.isIdentifier(e)) {
      const local = this.constant(e.text);
      if (local) return this.roles(local);
      const imported = this.importedFrom(e.text);
      if (imported) return imported.roles(imported.constant(e.text) ?? e);
    }
    throw new Error(`${this.where(e)}: cannot read the roles ${e.getText()}`);
  }

  private constant(name: string): ts.Expression | undefined {
    for (const statement of this.source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return d.initializer;
    }
    return undefined;
  }

  private schemaRef(name: string): SchemaRef {
    // A schema of the route's own file is named by that file (it may not be exported).
    const module = this.importedFile(name) ?? (this.constant(name) ? this.file : undefined);
    return { name, module: module ? path.relative(this.root, module).split(path.sep).join('/') : undefined };
  }

  private importedFrom(name: string): SourceReader | undefined {
    const file = this.importedFile(name);
    return file ? new SourceReader(this.root, file) : undefined;
  }

  private importedFile(name: string): string | undefined {
    for (const statement of this.source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings) || !bindings.elements.some((el) => el.name.text === name)) continue;
      const base = path.resolve(path.dirname(this.file), statement.moduleSpecifier.text);
      return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f));
    }
    return undefined;
  }
}

/** The values a loop variable takes: `for (const [action, flag] of [['enable', true], ...])`. */
function loopValues(loop: ts.ForOfStatement, name: string, at: string): string[] {
  const list = ts.isVariableDeclarationList(loop.initializer) ? loop.initializer.declarations[0]?.name : undefined;
  const items = unwrap(loop.expression);
  if (!list || !ts.isArrayLiteralExpression(items)) throw new Error(`${at}: the loop around the route is not over a literal list`);
  let index: number | undefined;
  if (ts.isArrayBindingPattern(list)) index = list.elements.findIndex((el) => ts.isBindingElement(el) && ts.isIdentifier(el.name) && el.name.text === name);
  else if (!ts.isIdentifier(list) || list.text !== name) index = -1;
  if (index === -1) throw new Error(`${at}: ${name} is not the loop's variable`);
  const element = (item: ts.Expression): ts.Node | undefined => {
    if (index === undefined) return item;
    const tuple = unwrap(item);
    return ts.isArrayLiteralExpression(tuple) ? tuple.elements[index] : undefined;
  };
  return items.elements.map((item) => {
    const text = literal(element(item));
    if (text === undefined) throw new Error(`${at}: the loop's ${name} is not a string`);
    return text;
  });
}
