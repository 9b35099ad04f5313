import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

interface SYaml {
  readonly template?: Record<string, { environmentVariables?: Record<string, string> }>;
  readonly resources?: Record<string, { props?: { environmentVariables?: Record<string, string> } }>;
}

/**
 * Which deployed functions get each setting, read from s.yaml's environmentVariables: the
 * template's reach every function, a resource's only that one. A key missing here is local only
 * (or set by Function Compute itself): setting it in the deploying shell does nothing.
 */
export function deployedKeys(root: string): ReadonlyMap<string, string> {
  const doc = parseYaml(readFileSync(path.join(root, 's.yaml'), 'utf8')) as SYaml;
  const where = new Map<string, string[]>();
  const add = (key: string, place: string) => where.set(key, [...(where.get(key) ?? []), place]);
  for (const t of Object.values(doc.template ?? {})) for (const key of Object.keys(t.environmentVariables ?? {})) add(key, 'every function');
  for (const [name, r] of Object.entries(doc.resources ?? {})) for (const key of Object.keys(r.props?.environmentVariables ?? {})) add(key, name);
  return new Map([...where].map(([key, places]) => [key, places.join(', ')]));
}
