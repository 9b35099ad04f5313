import path from 'node:path';
import { apiDoc } from './apiDoc';
import { apiRoutes } from './apiRoutes';
import { configComments } from './configComments';
import { configDescriptions } from './configDescriptions';
import { configDoc } from './configDoc';
import { configKeys } from './configKeys';
import { configRules } from './configRules';
import { deployedKeys } from './deployedKeys';

/** The repository the generator documents. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** The generated files by repository-relative path, and what stopped any of them being right. */
export interface RenderedDocs {
  readonly files: ReadonlyMap<string, string>;
  readonly problems: readonly string[];
}

/** docs/api.md and docs/configuration.md as the code says they are now. Writes nothing. */
export function renderDocs(root: string = REPO_ROOT): RenderedDocs {
  const api = apiRoutes(root);
  const config = configDescriptionsOf(root);
  const keys = configKeys();
  return {
    files: new Map([
      ['docs/api.md', apiDoc(api.routes, api.timers)],
      ['docs/configuration.md', configDoc(keys, config.descriptions, configRules(keys), deployedKeys(root))],
    ]),
    problems: [...api.problems, ...config.problems],
  };
}

/** Each key's description: the schema's `description`, else its doc comment, else the table. */
function configDescriptionsOf(root: string): { descriptions: Map<string, string>; problems: string[] } {
  const comments = configComments(root);
  const problems: string[] = [];
  const descriptions = new Map<string, string>();
  const keys = configKeys();
  for (const key of keys) {
    const own = key.description ?? comments.get(key.name);
    const table = configDescriptions[key.name];
    if (own && table) problems.push(`${key.name} is described in shared/config/configSchema.ts and in scripts/docs/configDescriptions.ts: keep one`);
    const text = own ?? table;
    if (text) descriptions.set(key.name, text);
    else problems.push(`${key.name} has no description: add a doc comment in shared/config/configSchema.ts or a line in scripts/docs/configDescriptions.ts`);
  }
  const names = new Set(keys.map((k) => k.name));
  for (const name of Object.keys(configDescriptions)) {
    if (!names.has(name)) problems.push(`scripts/docs/configDescriptions.ts describes ${name}, which the config schema does not have`);
  }
  return { descriptions, problems };
}
