import assert from 'node:assert/strict';
import { it } from 'node:test';
import { signatureFromObject } from './signature.js';

it('sorts tensors by alias and lists the keys of defaults', () => {
  const s = signatureFromObject('serving_default', {
    method_name: 'tensorflow/serving/predict',
    inputs: { b: { name: 'b:0', dtype: 1 }, a: { name: 'a:0', dtype: 1 } },
    defaults: { b: {} },
  });
  assert.deepStrictEqual(
    s.inputs.map((t) => t.alias),
    ['a', 'b'],
  );
  assert.deepStrictEqual(s.defaults, ['b']);
});

it("keeps a missing method name as empty (whether it can be served is the protocol's call)", () => {
  assert.equal(signatureFromObject('f', {}).methodName, '');
});
