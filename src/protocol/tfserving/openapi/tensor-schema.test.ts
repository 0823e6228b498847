import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { TensorJson } from '../describe.js';
import { instanceSchema, tensorSchema, valueSchema } from './tensor-schema.js';

const t = (dtype: string, value: TensorJson['value'], shape: number[] | null): TensorJson => ({ alias: 'x', dtype, value, shape });
const f32 = { kind: 'number', dtype: 'DT_FLOAT' } as const;

// given (a tensor element), want (its JSON Schema on the input and output side)
const VALUES: [TensorJson['value'], object, object][] = [
  [f32, { type: 'number', format: 'float' }, { type: 'number', format: 'float' }],
  [
    { kind: 'number', dtype: 'DT_DOUBLE' },
    { type: 'number', format: 'double' },
    { type: 'number', format: 'double' },
  ],
  [
    { kind: 'integer', dtype: 'DT_UINT8', min: 0, max: 255, beyondSafe: false },
    { type: 'integer', minimum: 0, maximum: 255 },
    { type: 'integer', minimum: 0, maximum: 255 },
  ],
  [
    { kind: 'integer', dtype: 'DT_INT32', min: -2147483648, max: 2147483647, beyondSafe: false },
    { type: 'integer', format: 'int32', minimum: -2147483648, maximum: 2147483647 },
    { type: 'integer', format: 'int32', minimum: -2147483648, maximum: 2147483647 },
  ],
  // int64/uint64: no bounds a JSON number cannot hold exactly (2^63 would print as 9223372036854776000).
  [
    { kind: 'integer', dtype: 'DT_INT64', min: 0, max: 0, beyondSafe: true },
    { type: 'integer', format: 'int64' },
    { type: 'integer', format: 'int64' },
  ],
  [
    { kind: 'integer', dtype: 'DT_UINT64', min: 0, max: 0, beyondSafe: true },
    { type: 'integer', format: 'int64', minimum: 0 },
    { type: 'integer', format: 'int64', minimum: 0 },
  ],
  [{ kind: 'boolean', dtype: 'DT_BOOL' }, { type: 'boolean' }, { type: 'boolean' }],
  [{ kind: 'string', dtype: 'DT_STRING', bytesOnly: false }, { anyOf: [{ type: 'string' }, { $ref: '#/components/schemas/Base64' }] }, { type: 'string' }],
  [{ kind: 'string', dtype: 'DT_STRING', bytesOnly: true }, { $ref: '#/components/schemas/Base64' }, { $ref: '#/components/schemas/Base64' }],
];
const strip = (s: object) => JSON.parse(JSON.stringify(s, (k, v) => (k === 'description' ? undefined : v)));

it('elements by dtype: ranges where JSON numbers hold them, floats unbounded, strings as text or base64', () => {
  for (const [given, input, output] of VALUES) {
    assert.deepStrictEqual(strip(valueSchema(given, 'input')), input, `${given.dtype} input`);
    assert.deepStrictEqual(strip(valueSchema(given, 'output')), output, `${given.dtype} output`);
  }
  // Neither int64 bound is written at all.
  assert.doesNotMatch(JSON.stringify(valueSchema(VALUES[4]![0], 'input')), /922337/);
});

// given (a shape), want (the nesting: minItems = maxItems for fixed dimensions)
const SHAPES: [number[] | null, object][] = [
  [[], { type: 'number', format: 'float' }],
  [[-1], { type: 'array', items: { type: 'number', format: 'float' } }],
  [[-1, 2], { type: 'array', items: { type: 'array', items: { type: 'number', format: 'float' }, minItems: 2, maxItems: 2 } }],
  [[3], { type: 'array', items: { type: 'number', format: 'float' }, minItems: 3, maxItems: 3 }],
];
it('tensors nest by shape; an instance drops dimension 0', () => {
  for (const [shape, want] of SHAPES) assert.deepStrictEqual(strip(tensorSchema(t('DT_FLOAT', f32, shape), 'input')), want, JSON.stringify(shape));
  assert.deepStrictEqual(strip(instanceSchema(t('DT_FLOAT', f32, [-1, 2]), 'input')), {
    type: 'array',
    items: { type: 'number', format: 'float' },
    minItems: 2,
    maxItems: 2,
  });
  // Unknown rank: any nesting, every leaf the dtype's value, in a form every tool reads (no recursion).
  const any = JSON.stringify(tensorSchema(t('DT_FLOAT', f32, null), 'input'));
  assert.doesNotMatch(any, /\$ref/);
  assert.equal(any.match(/"type":"array"/g)?.length, 8);
});
