// Validates values against a generated document's component schemas with ajv: how tests prove
// every example valid, and how a spec (rather than a model) can check a request.
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Document } from './context.js';
import { escapePointer } from '../util/json-pointer.js';

export interface SchemaValidator {
  /** Errors as "pointer: message" lines; empty when the value is valid. */
  validate(componentName: string, value: unknown): string[];
  validateSchema(schema: object, value: unknown): string[];
}

export function schemaValidator(doc: Document): SchemaValidator {
  const is31 = doc.openapi.startsWith('3.1');
  // OpenAPI's own keywords (example, discriminator…) and formats (int64, byte) are annotations here.
  const ajv = is31 ? new Ajv2020({ strict: false, validateFormats: false, allErrors: true }) : new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ ...(is31 ? {} : {}), components: doc.components ?? {} } as object, 'doc');
  const cache = new Map<string, ValidateFunction>();
  const run = (fn: ValidateFunction, value: unknown) =>
    fn(value) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
  const rewrite = (schema: object): object => JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"doc#/components/'));
  return {
    validate(name, value) {
      let fn = cache.get(name);
      if (!fn) {
        fn = ajv.compile({ $ref: `doc#/components/schemas/${escapePointer(name)}` });
        cache.set(name, fn);
      }
      return run(fn, value);
    },
    validateSchema(schema, value) {
      return run(ajv.compile(rewrite(schema)), value);
    },
  };
}
