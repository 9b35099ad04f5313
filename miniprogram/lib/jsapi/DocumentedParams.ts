/**
 * A `my.*` API's parameter object as `@mini-types/my` declares it, corrected by its documentation
 * page: minus the keys the page does not list, plus the ones the page lists that the typings lack.
 * The typings keep old aliases beside the documented names (uploadFile accepts both `header` and
 * `headers`, but Alipay reads only `header`), so a wrapper that builds its parameters as
 * `DocumentedParams<typeof my.uploadFile, 'headers'>` fails type-checking when it uses the alias.
 */
export type DocumentedParams<F, Undocumented extends PropertyKey = never, Missing extends object = object> = F extends (arg: infer P) => unknown ? Omit<NonNullable<P>, Undocumented> & Missing : never;

/** The object the typings want, from documented parameters (which may carry keys they lack). */
export function asTyped<F extends (arg: never) => unknown>(params: object): Parameters<F>[0] {
  return params as Parameters<F>[0];
}
