import { configSchema } from '../../shared/config';

/** A key of the config schema, as configuration.md shows it. */
export interface ConfigKey {
  readonly name: string;
  readonly type: string;
  /** The literal values of an enum key. */
  readonly values: readonly string[] | undefined;
  /** The default as the environment would spell it; undefined for a key without one. */
  readonly default: string | undefined;
  /** `min 60`, `max 2592000`, `at least 32 characters`, `pattern ...`. */
  readonly limits: readonly string[];
  readonly description: string | undefined;
}

interface KeySchema {
  readonly type?: string;
  readonly anyOf?: readonly { readonly const?: unknown }[];
  readonly default?: string | number | boolean;
  readonly description?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

/** Every key of `shared/config/configSchema.ts`, sorted by name. */
export function configKeys(): ConfigKey[] {
  const properties = configSchema.properties as unknown as Record<string, KeySchema>;
  return Object.keys(properties)
    .sort()
    .map((name) => {
      const s = properties[name]!;
      const values = s.anyOf?.map((v) => String(v.const));
      const limits = [
        ...(s.minimum !== undefined ? [`min ${s.minimum}`] : []),
        ...(s.maximum !== undefined ? [`max ${s.maximum}`] : []),
        ...(s.minLength !== undefined && s.minLength > 1 ? [`at least ${s.minLength} characters`] : []),
        ...(s.minLength === 1 ? ['not empty'] : []),
        ...(s.maxLength !== undefined ? [`at most ${s.maxLength} characters`] : []),
        ...(s.pattern !== undefined ? [`pattern \`${s.pattern}\``] : []),
      ];
      return { name, type: values ? 'enum' : (s.type ?? 'any'), values, default: s.default === undefined ? undefined : String(s.default), limits, description: s.description };
    });
}
