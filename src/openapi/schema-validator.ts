// Validates values against a generated document's component schemas with ajv: how tests prove
// every example valid, and how a spec (rather than a model) can check a request.
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Document } from './context.js';
import { escapePointer } from '../protocol/tfserving/runtime/pointer.js';

export interface SchemaProblem {
  /** JSON pointer into the value ('' for the whole). */
  pointer: string;
  message: string;
}

export interface SchemaValidator {
  /** The problems of a value against a component schema; empty when it is valid. */
  problems(componentName: string, value: unknown): SchemaProblem[];
  /** The same as "pointer: message" lines, for test messages. */
  validate(componentName: string, value: unknown): string[];
  validateSchema(schema: object, value: unknown): string[];
}

export function schemaValidator(doc: Document): SchemaValidator {
  const is31 = doc.openapi.startsWith('3.1');
  // OpenAPI's own keywords (example, discriminator…) and formats (int64, byte) are annotations here.
  const ajv = is31
    ? new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
    : new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ ...(is31 ? {} : {}), components: doc.components ?? {} } as object, 'doc');
  // Compiled once per schema: a document's examples share a handful of schemas.
  const cache = new Map<string, ValidateFunction>();
  const compiled = (key: string, make: () => object) => {
    let fn = cache.get(key);
    if (!fn) cache.set(key, (fn = ajv.compile(make())));
    return fn;
  };
  const check = (fn: ValidateFunction, value: unknown): SchemaProblem[] =>
    fn(value) ? [] : (fn.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message ?? 'invalid' }));
  const lines = (ps: SchemaProblem[]) => ps.map((p) => `${p.pointer || '/'}: ${p.message}`);
  const component = (name: string) => compiled(`#${name}`, () => ({ $ref: `doc#/components/schemas/${escapePointer(name)}` }));
  const rewrite = (schema: object): object => JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"doc#/components/'));
  return {
    problems: (name, value) => check(component(name), value),
    validate: (name, value) => lines(check(component(name), value)),
    validateSchema(schema, value) {
      const text = JSON.stringify(schema);
      return lines(
        check(
          compiled(text, () => rewrite(schema)),
          value,
        ),
      );
    },
  };
}
