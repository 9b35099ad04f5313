/**
 * Lists the ES2015-or-newer syntax in a script, so a test can assert that what we ship into a host's
 * node_modules is ES5: the Alipay compiler does not transpile node_modules unless the host turns on
 * `transpile` (platform-docs/alipay-open-docs: mini/framework/框架概述.md, "默认不会自动为
 * node_modules 中的代码转换语法"). Built-ins (Promise, Map) are not syntax and are not listed.
 */
import ts from 'typescript';

export function es2015Syntax(code: string, fileName = 'bundle.js'): string[] {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = new Set<string>();
  const K = ts.SyntaxKind;
  const named: Partial<Record<ts.SyntaxKind, string>> = {
    [K.ArrowFunction]: 'arrow function',
    [K.ClassDeclaration]: 'class',
    [K.ClassExpression]: 'class',
    [K.TemplateExpression]: 'template literal',
    [K.NoSubstitutionTemplateLiteral]: 'template literal',
    [K.TaggedTemplateExpression]: 'tagged template',
    [K.SpreadElement]: 'spread',
    [K.SpreadAssignment]: 'object spread',
    [K.ForOfStatement]: 'for-of',
    [K.AwaitExpression]: 'await',
    [K.YieldExpression]: 'yield',
    [K.ObjectBindingPattern]: 'destructuring',
    [K.ArrayBindingPattern]: 'destructuring',
    [K.ShorthandPropertyAssignment]: 'shorthand property',
    [K.ComputedPropertyName]: 'computed property name',
    [K.MetaProperty]: 'new.target / import.meta',
    [K.ImportDeclaration]: 'import',
    [K.ExportDeclaration]: 'export',
    [K.ExportAssignment]: 'export',
    [K.BigIntLiteral]: 'bigint',
  };
  const visit = (node: ts.Node): void => {
    const name = named[node.kind];
    if (name) found.add(name);
    if (ts.isVariableDeclarationList(node) && node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) found.add('let/const');
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) {
      if (node.asteriskToken) found.add('generator');
      if (node.modifiers?.some((m) => m.kind === K.AsyncKeyword)) found.add('async function');
    }
    if (ts.isParameter(node) && (node.initializer || node.dotDotDotToken)) found.add('default or rest parameter');
    if (ts.isMethodDeclaration(node) && ts.isObjectLiteralExpression(node.parent)) found.add('method shorthand');
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === K.AsteriskAsteriskToken || op === K.AsteriskAsteriskEqualsToken) found.add('exponent operator');
      if (op === K.QuestionQuestionToken || op === K.QuestionQuestionEqualsToken || op === K.BarBarEqualsToken || op === K.AmpersandAmpersandEqualsToken) found.add('nullish or logical assignment');
    }
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) && node.questionDotToken) found.add('optional chaining');
    if (ts.isRegularExpressionLiteral(node) && /\/[a-z]*[uys][a-z]*$/.test(node.text)) found.add('regex flag u/y/s');
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...found].sort();
}
