/** A JSON schema as TypeBox builds it, the parts a field list needs. */
interface JsonSchema {
  readonly type?: string;
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
}

/**
 * A body schema as one short line: `clientMessageId: string, note?: string`; a union of objects as
 * its variants, `{…} or {…}`. Limits stay in the schema: the line says what to send, not every rule.
 */
export function schemaFields(schema: unknown): string {
  const s = schema as JsonSchema;
  if (s.anyOf?.every((v) => v.type === 'object')) return s.anyOf.map((v) => `{${objectFields(v) || ''}}`).join(' or ');
  if (s.type === 'object') return objectFields(s) || 'no fields (`{}`)';
  return typeName(s);
}

function objectFields(s: JsonSchema): string {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {})
    .map(([name, field]) => `${name}${required.has(name) ? '' : '?'}: ${typeName(field)}`)
    .join(', ');
}

function typeName(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf) return s.anyOf.map(typeName).join('|');
  if (s.type === 'array') return s.items ? `${wrap(typeName(s.items))}[]` : 'array';
  return s.type ?? 'any';
}

const wrap = (t: string): string => (t.includes('|') ? `(${t})` : t);
