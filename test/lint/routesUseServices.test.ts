import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const functionsDir = path.resolve(__dirname, '../../functions');

/** Every route file of the functions: the handlers a request reaches (issue 17: they only authenticate, validate, call one use-case and map the result). */
function routeFiles(): string[] {
  return readdirSync(functionsDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /Routes\.ts$/.test(f))
    .map((f) => path.join(functionsDir, f));
}

describe('route handlers reach the store only through the services', () => {
  it('finds the route files', () => {
    // The message, agent, faq, merchant, auth and events functions at least.
    expect(routeFiles().length).toBeGreaterThanOrEqual(6);
  });

  it.each(routeFiles().map((f) => [path.relative(functionsDir, f), f]))('%s does not touch deps.store or the rows of a tenant', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(/\bdeps\.store\b/);
    // A tenant's view of the store (store.tenant(t).get(table, key)) is the services' to open.
    expect(source).not.toMatch(/\.tenant\([^)]*\)\s*\.\s*(get|put|range|update|delete|batchWrite|increment)\b/);
  });
});
