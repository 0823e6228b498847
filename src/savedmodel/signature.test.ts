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
  assert.equal(s.servable, true);
});

it('marks internal and method-less signatures as not servable', () => {
  assert.equal(signatureFromObject('__saved_model_init_op', { method_name: '' }).servable, false);
  assert.equal(signatureFromObject('__saved_model_init_op', { method_name: 'x' }).notServable, 'internal TensorFlow signature');
  assert.equal(signatureFromObject('f', {}).notServable, 'no method name');
});
