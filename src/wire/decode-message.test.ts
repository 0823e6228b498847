import assert from 'node:assert/strict';
import { it } from 'node:test';
import descriptor from '../savedmodel/schema.json' with { type: 'json' };
import { messageType, TO_OBJECT } from '../savedmodel/schema.js';
import { decodeMessage, MAX_DEPTH, Schema, type Namespace } from './decode-message.js';

const schema = new Schema(descriptor as Namespace);
/** protobufjs's toObject (arrays/objects: true) writes empty lists and maps for unset fields; the
 * decoder leaves them out, which every reader treats alike (`?? []`). Compared without them. */
const plain = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v), (_k, x) =>
    x && typeof x === 'object'
      ? Object.keys(x).length === 0
        ? undefined
        : Array.isArray(x)
          ? x
          : Object.fromEntries(Object.entries(x).filter(([, y]) => y !== undefined))
      : x,
  );

// given (a message as protobufjs writes it), want (protobufjs's own toObject of the same bytes)
const CASES: [string, object][] = [
  [
    'MetaGraphDef',
    {
      meta_info_def: { tags: ['serve', 'gpu'], tensorflow_version: '2.19.0' },
      signature_def: {
        serving_default: {
          method_name: 'tensorflow/serving/predict',
          inputs: { x: { name: 'x:0', dtype: 'DT_FLOAT', tensor_shape: { dim: [{ size: -1 }, { size: 3 }] } } },
          outputs: { y: { name: 'y:0', dtype: 'DT_INT64', tensor_shape: { unknown_rank: true } } },
        },
        __proto__sig: { method_name: '' },
      },
    },
  ],
  [
    'TensorInfo',
    {
      composite_tensor: {
        type_spec: { type_spec_class: 'RAGGED_TENSOR_SPEC', type_spec_class_name: 'RaggedTensorSpec' },
        components: [{ name: 'v:0', dtype: 'DT_STRING' }, { coo_sparse: { values_tensor_name: 'a', indices_tensor_name: 'b', dense_shape_tensor_name: 'c' } }],
      },
    },
  ],
  ['TensorShapeProto', { dim: [{ size: 9007199254740991 }, { size: -1, name: 'batch' }] }],
];

it('decodes as protobufjs does: maps, enums by name, negative and large int64, nested messages', () => {
  for (const [name, obj] of CASES) {
    const type = messageType(name);
    const bytes = type.encode(type.fromObject(obj)).finish();
    assert.deepStrictEqual(plain(decodeMessage(schema, `tensorflow.${name}`, bytes, name)), plain(type.toObject(type.decode(bytes), TO_OBJECT)), name);
  }
});

it('a map key "__proto__" stays a key', () => {
  const type = messageType('SignatureDef');
  // JSON.parse: in an object literal `__proto__:` would set the prototype instead of a key.
  const bytes = type.encode(type.fromObject(JSON.parse('{"inputs": {"__proto__": {"name": "p:0"}}}'))).finish();
  const got = decodeMessage(schema, 'tensorflow.SignatureDef', bytes, 's') as { inputs: Record<string, { name: string }> };
  assert.deepStrictEqual(Object.keys(got.inputs), ['__proto__']);
  assert.equal(Object.getOwnPropertyDescriptor(got.inputs, '__proto__')?.value.name, 'p:0');
});

// given (bytes), want (the typed error)
const BAD: [string, Uint8Array, string, RegExp][] = [
  ['a truncated length', Uint8Array.from([0x0a, 0x05, 0x01]), 'CORRUPT', /a length runs past its message/],
  ['a truncated varint', Uint8Array.from([0x10, 0x80]), 'CORRUPT', /varint runs past the end/],
  ['field number 0', Uint8Array.from([0x00, 0x01]), 'CORRUPT', /field number 0/],
  ['wire type 7', Uint8Array.from([0x0f]), 'CORRUPT', /wire type 7/],
  ['a string field as a varint', Uint8Array.from([0x08, 0x01]), 'CORRUPT', /a string with wire type 0/],
];
it('faults are typed errors naming the byte', () => {
  for (const [what, bytes, kind, message] of BAD)
    assert.throws(
      () => decodeMessage(schema, 'tensorflow.TensorInfo', bytes, 'x'),
      (e: Error & { kind?: string }) => e.kind === kind && message.test(e.message),
      what,
    );
});

it(`nesting is bounded at ${MAX_DEPTH}: a LIMIT_EXCEEDED error, not a stack overflow`, () => {
  const ld = (field: number, body: Uint8Array) => Uint8Array.from([field * 8 + 2, ...encodeLen(body.length), ...body]);
  let info: Uint8Array = ld(1, Uint8Array.from([0x78]));
  for (let i = 0; i < 2 * MAX_DEPTH; i++) info = ld(5, ld(2, info));
  assert.throws(
    () => decodeMessage(schema, 'tensorflow.TensorInfo', info, 'deep'),
    (e: Error & { kind?: string }) => e.kind === 'LIMIT_EXCEEDED',
  );
});

function encodeLen(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
