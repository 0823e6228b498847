import assert from 'node:assert/strict';
import { it } from 'node:test';
import { messageType } from '../../savedmodel/schema.js';
import type { FeatureSpec } from './describe.js';
import { serializedExample } from './examples.js';

// given (the features a graph parses), want (the bytes protobufjs writes for the same tf.Example)
const CASES: FeatureSpec[][] = [
  [{ name: 'x', dtype: 'DT_FLOAT', kind: 'dense', shape: [1], required: true }],
  [
    { name: 'x', dtype: 'DT_FLOAT', kind: 'dense', shape: [3], required: true },
    { name: 'tags', dtype: 'DT_STRING', kind: 'sparse', required: false },
    { name: 'n', dtype: 'DT_INT64', kind: 'dense', shape: [2], required: false },
  ],
  [{ name: 'ünïcødé', dtype: 'DT_STRING', kind: 'ragged', required: false }],
];

it('serialized tf.Examples are the bytes protobufjs writes from proto/tensorflow/example.proto', () => {
  const type = messageType('Example');
  for (const features of CASES) {
    const b64 = (serializedExample(features) as { b64: string }).b64;
    const decoded = type.toObject(type.decode(Buffer.from(b64, 'base64')), { bytes: String, longs: Number }) as {
      features: { feature: Record<string, Record<string, { value: unknown[] }>> };
    };
    assert.deepStrictEqual(
      Object.keys(decoded.features.feature),
      features.map((f) => f.name),
    );
    const again = Buffer.from(type.encode(type.fromObject(decoded)).finish()).toString('base64');
    assert.equal(b64, again, features.map((f) => f.name).join(','));
  }
});
