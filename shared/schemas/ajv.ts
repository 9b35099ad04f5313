import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Static, TSchema } from '@sinclair/typebox';

/**
 * One ajv instance for all schemas: compiled validators are cached per schema object. Schemas are
 * TypeBox-built and checked by strict mode as they compile; validating them against Ajv's
 * meta-schema as well would compile that meta-schema on every cold start (tens of milliseconds).
 */
export const ajv = addFormats(new Ajv({ allErrors: false, strict: true, removeAdditional: false, validateSchema: false }), [
  'date-time',
  'uri',
]);

const cache = new WeakMap<TSchema, ValidateFunction>();

/** The compiled validator of a TypeBox schema, typed with the schema's static type. */
export function validatorFor<S extends TSchema>(schema: S): ValidateFunction<Static<S>> {
  let fn = cache.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    cache.set(schema, fn);
  }
  return fn as ValidateFunction<Static<S>>;
}

/** Why ajv refused a value, in the words a merchant reads (the console's toasts, import problems). */
export { fieldLabel, refusedField, validationMessage, validationText } from './validationText';
