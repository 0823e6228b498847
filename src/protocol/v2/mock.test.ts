import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, it } from 'node:test';
import { generate } from '../../jobs/generate.js';
import { schemaValidator } from '../../openapi/schema-validator.js';
import { packageFile } from '../../util/package-root.js';
import { kserveV2 } from '../index.js';
import type { V2Api } from './runtime/contract.js';
import { mockV2 } from './mock.js';

const M = '/v2/models/half_plus_two';
const X = (n: number) =>
  JSON.stringify({ id: 'r1', inputs: [{ name: 'x', shape: [n, 1], datatype: 'FP32', data: Array.from({ length: n }, (_, i) => i + 0.5) }] });
// given: method, path, body; want: status and a pattern the body matches
const CASES: [string, string, string, number, RegExp][] = [
  ['GET', '/v2', '', 200, /"extensions":\[\]/],
  ['GET', '/v2/health/live', '', 200, /^\{"live":true\}$/],
  ['GET', '/v2/health/ready', '', 200, /^\{"ready":true\}$/],
  ['GET', M, '', 200, /"platform":"tensorflow_savedmodel"/],
  ['GET', `${M}/versions/124`, '', 200, /"versions":\["124"\]/],
  ['GET', `${M}/versions/3`, '', 404, /no version 3/],
  ['GET', `${M}/ready`, '', 200, /^\{"name":"half_plus_two","ready":true\}$/],
  ['GET', '/v2/models/other', '', 404, /^\{"error":"Model with name other does not exist\."\}$/],
  [
    'POST',
    `${M}/infer`,
    X(3),
    200,
    /^\{"model_name": "half_plus_two", "model_version": "124", "id": "r1", "outputs": \[\{"name": "y", "datatype": "FP32", "shape": \[3,1\], "data": \[[^\]]+\]\}\]\}$/,
  ],
  ['POST', `${M}/versions/124/infer`, X(1), 200, /"shape": \[1,1\]/],
  ['POST', `${M}/infer`, '{"inputs": [{"name": "x", "shape": [2, 1], "datatype": "FP32", "data": [1]}]}', 400, /"error":/],
  ['POST', `${M}/infer`, '{"inputs": [{"name": "nope", "shape": [1], "datatype": "FP32", "data": [1]}]}', 400, /has no input \\"nope\\"/],
  ['POST', `${M}/infer`, '{', 400, /not JSON/],
  ['GET', `${M}/infer`, '', 405, /infer takes POST/],
  ['POST', '/v2/models/other/infer', X(1), 404, /does not exist/],
  ['GET', '/v2/repository/index', '', 404, /no V2 endpoint/],
];

let api: V2Api;
let doc: Awaited<ReturnType<typeof generate<V2Api>>>['document'];
before(async () => {
  ({ api, document: doc } = await generate<V2Api>(join(packageFile('fixtures'), 'half_plus_two'), { name: 'half_plus_two', protocol: kserveV2 }));
});

it('V2 mock: the protocol endpoints, errors and synthesised answers', () => {
  const mock = mockV2(api);
  for (const [method, path, body, status, want] of CASES) {
    const got = mock(method, path, body);
    assert.equal(got.status, status, `${method} ${path} ${body}: ${got.body}`);
    assert.match(got.body, want, `${method} ${path}`);
  }
});

it('V2 mock answers are valid InferenceResponses, deterministic per seed', () => {
  const a = mockV2(api, { seed: 3 });
  const first = a('POST', `${M}/infer`, X(50)).body;
  assert.equal(a('POST', `${M}/infer`, X(50)).body, first);
  assert.notEqual(mockV2(api, { seed: 4 })('POST', `${M}/infer`, X(50)).body, first);
  assert.deepStrictEqual(schemaValidator(doc).problems('InferenceResponse', JSON.parse(first)), []);
});
