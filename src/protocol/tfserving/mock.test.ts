import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { generate } from '../../jobs/generate.js';
import { schemaValidator } from '../../openapi/schema-validator.js';
import { packageFile } from '../../util/package-root.js';
import type { ModelApi } from './describe.js';
import { mockTfServing, NOT_FOUND_HTML } from './mock.js';
import { componentNames } from './openapi/components.js';
import { num, parseDocument, toPlain, type JNumber } from './runtime/json.js';

const M = '/v1/models/half_plus_two';
const X2 = '{"instances": [{"x": [1.0]}, {"x": [2.0]}]}';
const EXAMPLES = '{"signature_name": "classify_x_to_y", "examples": [{"x": 1.5}, {"x": 2.5}, {"x": 0.5}]}';
// given: method, path, body, extra headers; want: status, and a pattern the body matches (sources in mock.ts)
const CASES: [string, string, string, Record<string, string>, number, RegExp][] = [
  ['GET', M, '', {}, 200, /"state": "AVAILABLE"/],
  ['GET', '/V1/MODELS/half_plus_two', '', {}, 200, /"model_version_status"/],
  ['GET', `${M}/metadata`, '', {}, 200, /"signature_def"/],
  ['GET', `${M}/METADATA`, '', {}, 200, /"model_version_status"/], // the regex is case-insensitive, the subresource compare is not
  ['GET', `${M}/versions/124`, '', {}, 200, /"version": "124"/],
  ['GET', `${M}/versions/2`, '', {}, 404, /^\{\n {4}"error": "Could not find version 2 of model half_plus_two"\n\}$/],
  ['GET', '/v1/models/other', '', {}, 404, /Could not find any versions of model other/],
  ['GET', '/v1/models', '', {}, 400, /Missing model name in request\./],
  ['GET', `${M}/labels/nope`, '', {}, 200, /"model_version_status"/], // status ignores the label
  ['GET', `${M}/labels/nope/metadata`, '', {}, 400, /Unrecognized servable version label: nope/],
  ['GET', `${M}/labels/stable/metadata`, '', {}, 200, /"signature_def"/],
  ['GET', '/v2/health/ready', '', {}, 404, /^<HTML>/],
  ['GET', `${M}/extra/path`, '', {}, 400, /Malformed request: GET \/v1\/models\/half_plus_two\/extra\/path/],
  ['POST', `${M}:predict`, X2, {}, 200, /^\{"predictions": \[[^\]]+\], \[[^\]]+\]\]\}$/],
  ['POST', '/v1/models/half%5Fplus%5Ftwo:predict', X2, {}, 200, /"predictions"/],
  ['POST', `${M}:PREDICT`, X2, {}, 400, /Malformed request: POST \/v1\/models\/half_plus_two:PREDICT/],
  ['POST', `${M}/versions/99999999999999999999:predict`, X2, {}, 400, /Failed to convert version: 99999999999999999999 to numeric\./],
  ['POST', `${M}/versions/2:predict`, X2, {}, 404, /Servable not found for request: Specific\(half_plus_two, 2\)/],
  ['POST', `${M}/versions/0124:predict`, X2, {}, 200, /"predictions"/],
  ['POST', `${M}/labels/stable:predict`, X2, {}, 200, /"predictions"/],
  ['POST', `${M}/labels/canary:predict`, X2, {}, 400, /Unrecognized servable version label: canary/],
  ['POST', '/v1/models/other:predict', X2, {}, 404, /Servable not found for request: Latest\(other\)/],
  ['POST', '/v1/models/other:predict', '{"instances": [1', {}, 400, /not JSON as TF Serving reads it/], // the body is read before the lookup
  ['POST', `${M}:predict`, '{"instances": [{"x": ["one"]}]}', {}, 400, /is not a number/],
  ['POST', `${M}:predict`, '{"inputs": {"x": [[1.0], [2.0], [3.0]]}}', {}, 200, /^\{"outputs": \[(\[[^\]]+\](, )?){3}\]\}$/],
  ['POST', `${M}:predict`, '{"signature_name": "predict_with_scale", "inputs": {"x": [[1.0]], "scale": 2}}', {}, 200, /^\{"outputs": \[\[[^\]]+\]\]\}$/],
  ['POST', `${M}:classify`, EXAMPLES, {}, 200, /^\{"results": \[(\[\["class 0", [^\]]+\]\](, )?){3}\]\}$/],
  ['POST', `${M}:regress`, '{"signature_name": "regress_x_to_y", "examples": [{"x": 1.5}]}', {}, 200, /^\{"results": \[-?[\d.]+\]\}$/],
  ['POST', `${M}:regress`, EXAMPLES, {}, 400, /cannot run signature \\"classify_x_to_y\\" on :regress/],
  ['PUT', M, '', {}, 400, /Malformed request: PUT \/v1\/models\/half_plus_two/],
  ['OPTIONS', `${M}:predict`, '', { origin: 'http://localhost:3000' }, 200, /^$/],
  ['OPTIONS', `${M}:predict`, '', {}, 400, /^$/],
];

describe('mock TF Serving', () => {
  let api: ModelApi;
  let doc: Awaited<ReturnType<typeof generate>>['document'];
  before(async () => {
    ({ api, document: doc } = await generate(join(packageFile('fixtures'), 'half_plus_two'), { name: 'half_plus_two' }));
  });

  it('answers as TF Serving does: URL rules, lookups, status codes, error bodies', () => {
    // The fixture's base holds versions 123 and 124: the mock serves the latest, as TF Serving's default policy does.
    const mock = mockTfServing(api, { labels: { stable: '124' } });
    for (const [method, path, body, headers, status, want] of CASES) {
      const got = mock(method, path, body, headers);
      assert.equal(got.status, status, `${method} ${path} ${body}: ${got.body}`);
      assert.match(got.body, want, `${method} ${path} ${body}`);
    }
    assert.equal(mock('GET', '/', '').body, NOT_FOUND_HTML);
  });

  it('answers are deterministic per seed, valid against the response schemas, with NaN/Infinity tokens and one row per instance', () => {
    const a = mockTfServing(api, { seed: 7 });
    const b = mockTfServing(api, { seed: 8 });
    const rows = `{"instances": [${Array.from({ length: 1000 }, (_, i) => `{"x": [${i}.5]}`).join(', ')}]}`;
    const first = a('POST', `${M}:predict`, rows);
    assert.equal(a('POST', `${M}:predict`, rows).body, first.body);
    assert.notEqual(b('POST', `${M}:predict`, rows).body, first.body);
    assert.match(first.body, /\bNaN\b/);
    assert.match(first.body, /-?Infinity/);
    const parsed = parseDocument(first.body).value;
    const plain = toPlain(parsed, (n) => (Number.isFinite(n.value) ? n.value : 0)) as { predictions: unknown[] };
    assert.equal(plain.predictions.length, 1000);
    const validator = schemaValidator(doc);
    const names = componentNames(api.signatures.map((s) => s.key));
    assert.deepStrictEqual(validator.problems(`Signature.${names.get('serving_default')}.PredictRowResponse`, plain), []);
    const cols = toPlain(parseDocument(a('POST', `${M}:predict`, '{"inputs": {"x": [[1.0], [2.0]]}}').body).value, () => 0);
    assert.deepStrictEqual(validator.problems(`Signature.${names.get('serving_default')}.PredictColumnarResponse`, cols), []);
    const classes = toPlain(parseDocument(a('POST', `${M}:classify`, EXAMPLES).body).value);
    assert.deepStrictEqual(validator.problems('ClassifyResponse', classes), []);
  });

  it('int64 outputs are written exactly, beyond 2^53', async () => {
    const { api: hostile } = await generate(join(packageFile('fixtures'), 'hostile_names'), { name: 'hostile_names' });
    const mock = mockTfServing(hostile);
    const got = mock('POST', '/v1/models/hostile_names:predict', '{"signature_name": "sig-x", "inputs": {"in": [1, 2, 3, 4, 5, 6, 7, 8]}}');
    assert.equal(got.status, 200, got.body);
    const out = parseDocument(got.body).value as never as { entries: [string, (number | JNumber)[]][] };
    const values = out.entries[0]![1].map(num);
    assert.ok(
      values.some((v) => BigInt(v.text) > 2n ** 53n || BigInt(v.text) < -(2n ** 53n)),
      got.body,
    );
    assert.ok(values.every((v) => !v.isDouble));
  });
});
