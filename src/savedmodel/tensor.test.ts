import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatShape, tensorFromObject } from './tensor.js';

it('reads dense, unknown-rank, scalar, sparse and composite TensorInfos', () => {
  assert.deepStrictEqual(tensorFromObject('x', { name: 'x:0', dtype: 'DT_FLOAT', tensor_shape: { dim: [{ size: -1 }, {}] } }), {
    alias: 'x',
    name: 'x:0',
    dtype: 'DT_FLOAT',
    shape: [-1, 0],
    encoding: 'name',
  });
  assert.equal(tensorFromObject('x', { name: 'x:0', dtype: 1, tensor_shape: { unknown_rank: true } }).shape, null);
  assert.equal(tensorFromObject('x', { name: 'x:0', dtype: 1 }).shape, null);
  assert.deepStrictEqual(tensorFromObject('x', { name: 'x:0', dtype: 1, tensor_shape: {} }).shape, []);
  const sparse = tensorFromObject('s', { coo_sparse: { values_tensor_name: 'v:0', indices_tensor_name: 'i:0', dense_shape_tensor_name: 'd:0' }, dtype: 9 });
  assert.equal(sparse.encoding, 'coo_sparse');
  assert.equal(sparse.name, '', "TensorInfo's own name: the parts are named in the encoding");
  assert.deepStrictEqual(sparse.cooSparse, { values: 'v:0', indices: 'i:0', denseShape: 'd:0' });
  const ragged = tensorFromObject('r', {
    composite_tensor: { type_spec: { type_spec_class: 'RAGGED_TENSOR_SPEC' }, components: [{ name: 'a:0', dtype: 7 }] },
    dtype: 7,
  });
  assert.equal(ragged.composite?.typeSpecClass, 'RAGGED_TENSOR_SPEC');
  assert.equal(ragged.composite?.components[0]?.dtype, 'DT_STRING');
});

it('formats shapes as TensorFlow prints them', () => {
  assert.equal(formatShape([-1, 3]), '(-1, 3)');
  assert.equal(formatShape([5]), '(5,)');
  assert.equal(formatShape([]), '()');
  assert.equal(formatShape(null), 'unknown rank');
});
