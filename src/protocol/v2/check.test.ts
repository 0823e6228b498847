import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { context, type Document } from '../../openapi/context.js';
import { schemaValidator } from '../../openapi/schema-validator.js';
import type { SavedModel } from '../../savedmodel/saved-model.js';
import { parseDocument, toPlain } from '../tfserving/runtime/json.js';
import { checkV2 } from './runtime/check.js';
import { V2_CASES, V2_MODELS, type V2Case } from './check.table.js';
import { describeV2 } from './describe.js';
import { buildV2Document } from './document.js';

const model = (name: string): SavedModel => ({
  file: name,
  schemaVersion: 1,
  metaGraphs: [{ tags: ['serve'], tensorflowVersion: '2.19.0', tensorflowGitVersion: '', signatures: V2_MODELS[name]! }],
});
const apis = new Map(Object.keys(V2_MODELS).map((n) => [n, describeV2(model(n), { name: n })]));
const label = (c: V2Case) => `${c.model} ${c.body.slice(0, 100)} (${c.source})`;
const GENERIC = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/kserve-rest_predict_v2.yaml');

describe('V2 request table', () => {
  it(`has at least 60 cases (${V2_CASES.length})`, () => assert.ok(V2_CASES.length >= 60));

  it('validate: the verdict, with the rule', () => {
    for (const c of V2_CASES) {
      const r = checkV2(c.body, apis.get(c.model)!);
      const error = r.problems.find((p) => p.level === 'error');
      const warning = r.problems.find((p) => p.level === 'warning');
      const got = error ? { want: 'error', rule: error.rule } : warning ? { want: 'warning', rule: warning.rule } : { want: 'ok' };
      assert.deepStrictEqual(got, { want: c.want, ...(c.want === 'ok' ? {} : { rule: c.rule }) }, label(c));
    }
  });

  const docs = new Map([...apis].map(([n, api]) => [n, buildV2Document(api, context({ name: n }))]));
  it('the per-model request schema agrees where JSON Schema can say it', () => {
    const validators = new Map([...docs].map(([n, d]) => [n, schemaValidator(d)]));
    for (const c of V2_CASES) {
      if (c.schemaBlind || c.want === 'warning') continue;
      const problems = validators.get(c.model)!.problems('InferenceRequest', toPlain(parseDocument(c.body).value));
      if (c.want === 'ok') assert.deepStrictEqual(problems, [], label(c));
      else assert.notDeepStrictEqual(problems, [], label(c));
    }
  });

  it(
    "a refinement of KServe's generic V2 document: what ours accepts, it accepts",
    { skip: existsSync(GENERIC) ? false : 'skipped: ../shared is absent' },
    () => {
      const generic = schemaValidator(parse(readFileSync(GENERIC, 'utf8')) as Document);
      for (const c of V2_CASES.filter((x) => x.want !== 'error' && !x.schemaBlind))
        assert.deepStrictEqual(generic.problems('inference_request', toPlain(parseDocument(c.body).value)), [], label(c));
      for (const [n, d] of docs) {
        const ex = (d.components as { examples?: Record<string, { value: unknown }> }).examples ?? {};
        assert.deepStrictEqual(generic.problems('inference_request', ex.InferenceRequest!.value), [], `${n} request example`);
        assert.deepStrictEqual(generic.problems('inference_response', ex.InferenceResponse!.value), [], `${n} response example`);
        assert.deepStrictEqual(generic.problems('metadata_model_response', ex.ModelMetadata!.value), [], `${n} metadata example`);
        const own = schemaValidator(d);
        assert.deepStrictEqual(own.problems('InferenceRequest', ex.InferenceRequest!.value), [], `${n}: its own request example`);
        assert.deepStrictEqual(own.problems('InferenceResponse', ex.InferenceResponse!.value), [], `${n}: its own response example`);
        assert.deepStrictEqual(checkV2(JSON.stringify(ex.InferenceRequest!.value), apis.get(n)!).problems, [], `${n}: the checker takes its own example`);
      }
    },
  );
});
