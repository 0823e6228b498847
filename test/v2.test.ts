// Every project and shared model over KServe V2: a valid document (swagger-parser), examples valid
// against it, and a refinement of KServe's generic V2 document; `generate --protocol v2` end to end.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { isTf2OpenApiError } from '../src/errors.js';
import { checkDocument, generate } from '../src/jobs/generate.js';
import { validate } from '../src/jobs/validate.js';
import type { Document } from '../src/openapi/context.js';
import { schemaValidator } from '../src/openapi/schema-validator.js';
import { kserveV2 } from '../src/protocol/index.js';
import type { V2Api } from '../src/protocol/v2/describe.js';
import { findSavedModels, FIXTURES, HAVE_SHARED, SHARED } from './helpers.js';

const models = [
  ...['half_plus_two', 'shapes', 'all_dtypes', 'hostile_names', 'no_default', 'image_classifier'].map((m) => join(FIXTURES, m)),
  ...(HAVE_SHARED ? findSavedModels(join(SHARED, 'fixtures/savedmodels')) : []),
];
const GENERIC = join(SHARED, 'kserve-rest_predict_v2.yaml');

describe('KServe V2 documents', () => {
  it(`valid, with valid examples, refining the generic V2 document (${models.length} models)`, async () => {
    const generic = existsSync(GENERIC) ? schemaValidator(parse(readFileSync(GENERIC, 'utf8')) as Document) : undefined;
    let described = 0;
    for (const m of models) {
      let g;
      try {
        g = await generate<V2Api>(m, { name: 'my-model', protocol: kserveV2 });
      } catch (e) {
        // A model with no serving_default, or one V2 cannot carry, is refused with one line.
        assert.ok(isTf2OpenApiError(e) && e.kind === 'NO_SUCH_SIGNATURE', `${m}: ${(e as Error).message}`);
        continue;
      }
      described++;
      await checkDocument(g.document);
      const own = schemaValidator(g.document);
      const ex = (g.document.components as { examples?: Record<string, { value: unknown }> }).examples ?? {};
      for (const [name, component, genericName] of [
        ['InferenceRequest', 'InferenceRequest', 'inference_request'],
        ['InferenceResponse', 'InferenceResponse', 'inference_response'],
        ['ModelMetadata', 'ModelMetadata', 'metadata_model_response'],
      ] as const) {
        if (!ex[name]) continue;
        assert.deepStrictEqual(own.problems(component, ex[name].value), [], `${m} ${name}`);
        if (generic) assert.deepStrictEqual(generic.problems(genericName, ex[name].value), [], `${m} ${name} (generic)`);
      }
    }
    // Of the project fixtures, all_dtypes (complex inputs) and no_default (no serving_default) are refused.
    assert.ok(described >= (HAVE_SHARED ? 10 : 4), `${described} models described`);
  });

  it('validate --protocol v2 from the model and from the document', async () => {
    const ok = '{"inputs": [{"name": "x", "shape": [2, 1], "datatype": "FP32", "data": [1, 2]}]}';
    const bad = '{"inputs": [{"name": "x", "shape": [2, 1], "datatype": "FP32", "data": [1]}]}';
    const m = join(FIXTURES, 'half_plus_two');
    assert.deepStrictEqual((await validate(m, '-', { protocol: 'v2', stdin: async () => ok })).problems, []);
    const r = await validate(m, '-', { protocol: 'v2', stdin: async () => bad });
    assert.deepStrictEqual(
      r.problems.map((p) => [p.level, p.rule, p.pointer]),
      [['error', 'data', '/inputs/0/data']],
    );
  });

  it('validate --protocol v2 -s: the one signature the V2 server serves', async () => {
    const shapes = join(FIXTURES, 'shapes');
    const body = (data: string) => `{"inputs": [{"name": "v", "shape": [2, 2], "datatype": "FP32", "data": ${data}}]}`;
    const check = async (data: string) =>
      (await validate(shapes, '-', { protocol: 'v2', signature: 'vectors', stdin: async () => body(data) })).problems.map((p) => [
        p.rule,
        p.pointer,
        p.message,
      ]);
    assert.deepStrictEqual(await check('[1.5, 2, 3, 4]'), []);
    assert.deepStrictEqual(await check('[[1.5, 2], [3, 4]]'), []);
    // Nested data off the shape, and a value of the wrong type: one problem each, named by pointer.
    assert.deepStrictEqual(await check('[[1.5, 2], [3]]'), [
      ['data', '/inputs/0/data/1', 'nested data must follow the shape [2, 2]: expected 2 items at depth 1'],
    ]);
    assert.deepStrictEqual(await check('[[1.5, 2], [3, "x"]]'), [['value', '/inputs/0/data/1/1', '"x" is not a number (FP32)']]);
    // V2 bodies are standard JSON: the bare NaN that TF Serving's reader takes is not a number here.
    assert.deepStrictEqual(await check('[1.5, 2, 3, NaN]'), [['value', '/inputs/0/data/3', 'NaN is not a number (FP32)']]);
    // Without -s, the server serves serving_default, which has no input "v".
    const r = await validate(shapes, '-', { protocol: 'v2', stdin: async () => body('[1, 2, 3, 4]') });
    assert.ok(r.problems.some((p) => p.rule === 'name' && p.pointer === '/inputs/0/name'));
  });
});
