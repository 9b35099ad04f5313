import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The doc comment above each key in shared/config/configSchema.ts (`/** ... *\/`), by key: the
 * schema's own words, kept beside the key they describe.
 */
export function configComments(root: string): Map<string, string> {
  const file = path.join(root, 'shared/config/configSchema.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const comments = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
      const text = ts
        .getJSDocCommentsAndTags(node)
        .map((doc) => (ts.isJSDoc(doc) ? ts.getTextOfJSDocComment(doc.comment) : undefined))
        .filter((t): t is string => Boolean(t))
        .join(' ');
      if (text) comments.set(node.name.text, text.replace(/\s+/g, ' ').trim());
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return comments;
}
