import { loadConfig } from '../../shared/config';
import { isKefuError } from '../../shared/errors';
import type { ConfigKey } from './configKeys';

/** What loadConfig itself demands beyond each key's own schema, found by asking it. */
export interface ConfigRules {
  /** Keys a production start refuses to go without. */
  readonly requiredInProduction: readonly string[];
  /** Values a production start refuses, by key. */
  readonly refusedInProduction: ReadonlyMap<string, string>;
  /** `KEFU_STORE=tablestore` -> the keys that must come with it, by `KEY` or `KEY=value`. */
  readonly needs: ReadonlyMap<string, readonly string[]>;
}

/**
 * The cross-key rules of shared/config/loadConfig.ts, read by loading configurations: each key set
 * alone (each enum value, `true`, a sample string), then every key the refusal names added until the
 * configuration loads. Asking the code keeps the doc true without restating its rules.
 */
export function configRules(keys: readonly ConfigKey[]): ConfigRules {
  const byName = new Map(keys.map((k) => [k.name, k]));
  const sampleOf = (name: string): string => sample(byName.get(name));
  const requiredInProduction = missingWith({ NODE_ENV: 'production' }, sampleOf);
  const production = Object.fromEntries([['NODE_ENV', 'production'], ...requiredInProduction.map((k) => [k, sampleOf(k)])]) as Record<string, string>;
  const refusedInProduction = new Map<string, string>();
  const needs = new Map<string, string[]>();
  for (const key of keys) {
    for (const value of probeValues(key)) {
      if (refusedKey({ ...production, [key.name]: value }) === key.name) refusedInProduction.set(key.name, value);
      const missing = missingWith({ [key.name]: value }, sampleOf);
      const label = key.values ? `${key.name}=${value}` : key.name;
      if (missing.length && key.name !== 'NODE_ENV') needs.set(label, missing);
    }
  }
  return { requiredInProduction, refusedInProduction, needs };
}

/** The keys loadConfig asks for, one refusal at a time, until the configuration loads. */
function missingWith(start: Readonly<Record<string, string>>, sampleOf: (name: string) => string): string[] {
  const env: Record<string, string> = { ...start };
  const missing: string[] = [];
  for (;;) {
    const key = refusedKey(env);
    if (key === undefined || key in env) return missing;
    missing.push(key);
    env[key] = sampleOf(key);
  }
}

/** The key loadConfig names when it refuses the configuration; undefined when it loads. */
function refusedKey(env: Readonly<Record<string, string>>): string | undefined {
  try {
    loadConfig({}, env);
    return undefined;
  } catch (err) {
    if (isKefuError(err) && err.code === 'CONFIG_INVALID') return String(err.details?.['key']);
    throw err;
  }
}

/** The values worth trying: every enum value but the default, `true`, a valid sample otherwise. */
function probeValues(key: ConfigKey): string[] {
  if (key.values) return key.values.filter((v) => v !== key.default);
  if (key.type === 'boolean') return ['true'];
  if (key.type === 'integer') return [];
  return [sample(key)];
}

/** A value the key's own schema accepts (strings long enough for any minLength, pattern-safe). */
function sample(key: ConfigKey | undefined): string {
  if (key?.values) return key.values.find((v) => v !== key.default) ?? key.values[0]!;
  if (key?.type === 'boolean') return 'true';
  if (key?.type === 'integer') return key.default ?? '1';
  return 'x'.repeat(40);
}
