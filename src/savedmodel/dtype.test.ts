import assert from 'node:assert/strict';
import { it } from 'node:test';
import { allDTypeNames, dtype, dtypeName } from './dtype.js';

it('names every DataType value and keeps unknown numbers visible', () => {
  assert.equal(dtypeName(1), 'DT_FLOAT');
  assert.equal(dtypeName(101), 'DT_FLOAT_REF');
  assert.equal(dtypeName(32), 'DT_UINT2');
  assert.equal(dtypeName(99), 'DT_UNKNOWN_99');
  assert.equal(dtypeName(undefined), 'DT_INVALID');
});

it('classifies every dtype, reference types by their base', () => {
  for (const name of allDTypeNames()) assert.ok(name === 'DT_INVALID' || dtype(name).kind !== 'invalid', name);
  assert.deepStrictEqual(dtype('DT_INT64_REF'), { name: 'DT_INT64_REF', base: 'DT_INT64', isRef: true, kind: 'int', bits: 64 });
  assert.equal(dtype('DT_BFLOAT16').kind, 'float');
  assert.equal(dtype('DT_QUINT8').kind, 'quantized');
});
