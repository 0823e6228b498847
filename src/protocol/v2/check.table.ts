// Given/want: V2 inference requests and the checker's verdict, each citing the rule of the Open
// Inference Protocol (kserve.github.io: data plane, V2 protocol; its REST objects) or the model.
import type { Signature } from '../../savedmodel/signature.js';
import type { TensorSpec } from '../../savedmodel/tensor.js';

const t = (alias: string, dtype: string, shape: number[] | null): TensorSpec => ({ alias, name: `${alias}:0`, dtype, shape, encoding: 'name' });
const sig = (inputs: TensorSpec[], outputs: TensorSpec[]): Signature[] => [
  { key: 'serving_default', methodName: 'tensorflow/serving/predict', inputs, outputs, defaults: [] },
];

export const V2_MODELS: Record<string, Signature[]> = {
  one: sig([t('x', 'DT_FLOAT', [-1, 2])], [t('y', 'DT_FLOAT', [-1])]),
  many: sig(
    [t('x', 'DT_FLOAT', [-1, 2]), t('ids', 'DT_INT64', [-1]), t('flag', 'DT_BOOL', [-1]), t('text', 'DT_STRING', [-1])],
    [t('y', 'DT_FLOAT', [-1]), t('label', 'DT_STRING', [-1])],
  ),
  anyrank: sig([t('any', 'DT_INT32', null)], [t('out', 'DT_INT32', null)]),
  fixed: sig([t('img', 'DT_UINT8', [1, 3])], [t('p', 'DT_HALF', [1])]),
  ints: sig(
    [t('i8', 'DT_INT8', [-1]), t('u16', 'DT_UINT16', [-1]), t('u64', 'DT_UINT64', [-1]), t('d', 'DT_DOUBLE', [-1]), t('r', 'DT_FLOAT_REF', [-1])],
    [t('o', 'DT_BFLOAT16', [-1])],
  ),
};

export interface V2Case {
  model: keyof typeof V2_MODELS;
  body: string;
  want: 'ok' | 'warning' | 'error';
  rule?: string;
  /** JSON Schema cannot say it: the generated spec is not held to the verdict. */
  schemaBlind?: true;
  source: string;
}

const P = 'V2 protocol, inference request JSON object';
const inp = (name: string, shape: unknown, datatype: unknown, data: unknown) => ({ name, shape, datatype, data });
const body = (inputs: unknown[], extra: object = {}) => JSON.stringify({ inputs, ...extra });
const x2 = inp('x', [2, 2], 'FP32', [1, 2, 3, 4]);
const many = (over: Partial<Record<'x' | 'ids' | 'flag' | 'text', unknown>> = {}) =>
  [
    over.x ?? inp('x', [1, 2], 'FP32', [0.5, 1.5]),
    over.ids ?? inp('ids', [1], 'INT64', [7]),
    over.flag ?? inp('flag', [1], 'BOOL', [true]),
    over.text ?? inp('text', [1], 'BYTES', ['hello']),
  ].filter((v) => v !== null);

export const V2_CASES: V2Case[] = [
  // good requests
  { model: 'one', body: body([x2]), want: 'ok', source: `${P}: name, shape, datatype, data (flat, row-major)` },
  {
    model: 'one',
    body: body([
      inp('x', [2, 2], 'FP32', [
        [1, 2],
        [3, 4],
      ]),
    ]),
    want: 'ok',
    source: `${P}: data nested by the shape`,
  },
  { model: 'one', body: body([x2], { id: '42', parameters: { a: 1 }, outputs: [{ name: 'y' }] }), want: 'ok', source: `${P}: id, parameters, outputs` },
  { model: 'one', body: body([inp('x', [0, 2], 'FP32', [])]), want: 'ok', source: `${P}: an empty batch` },
  { model: 'one', body: body([{ ...x2, parameters: { binary_data: false } }]), want: 'ok', source: `${P}: input parameters` },
  { model: 'many', body: body(many()), want: 'ok', source: `${P}: every input once, in any order` },
  { model: 'many', body: body([...many()].reverse()), want: 'ok', source: `${P}: the order of inputs is free` },
  {
    model: 'many',
    body: body(many({ ids: inp('ids', [1], 'INT64', ['INT64_MAX']) })).replace('"INT64_MAX"', '9223372036854775807'),
    want: 'ok',
    source: 'INT64: the whole int64 range',
    schemaBlind: true,
  },
  { model: 'many', body: body(many({ text: inp('text', [1], 'BYTES', ['']) })), want: 'ok', source: 'BYTES: strings' },
  { model: 'anyrank', body: body([inp('any', [2, 2, 2], 'INT32', [1, 2, 3, 4, 5, 6, 7, 8])]), want: 'ok', source: 'unknown rank: any shape' },
  { model: 'anyrank', body: body([inp('any', [], 'INT32', [5])]), want: 'ok', source: 'a scalar: shape [], one value' },
  { model: 'fixed', body: body([inp('img', [1, 3], 'UINT8', [0, 128, 255])]), want: 'ok', source: 'UINT8 within 0–255' },
  {
    model: 'ints',
    body: body([
      inp('i8', [1], 'INT8', [-128]),
      inp('u16', [1], 'UINT16', [65535]),
      inp('u64', [1], 'UINT64', ['UINT64_MAX']),
      inp('d', [1], 'FP64', [1e300]),
      inp('r', [1], 'FP32', [1]),
    ]).replace('"UINT64_MAX"', '18446744073709551615'),
    want: 'ok',
    source: 'integer ranges; *_REF as its base',
    schemaBlind: true,
  },
  { model: 'one', body: body([inp('x', [1, 2], 'FP32', [1, 2.5])]), want: 'ok', source: 'FP32: integers and fractions are numbers' },
  // warnings: keys the protocol does not define
  { model: 'one', body: body([x2], { extra: true }), want: 'warning', rule: 'ignored-key', source: `${P}: id, parameters, inputs, outputs` },
  { model: 'one', body: body([{ ...x2, extra: 1 }]), want: 'warning', rule: 'ignored-key', source: `${P}: request input fields` },
  // errors: the request object
  { model: 'one', body: '', want: 'error', rule: 'parse', source: 'JSON', schemaBlind: true },
  { model: 'one', body: '{"inputs": [', want: 'error', rule: 'parse', source: 'JSON', schemaBlind: true },
  { model: 'one', body: '{"inputs": []} x', want: 'error', rule: 'parse', source: 'JSON: one value', schemaBlind: true },
  { model: 'one', body: '[]', want: 'error', rule: 'not-object', source: P },
  { model: 'one', body: '{}', want: 'error', rule: 'field', source: `${P}: inputs is required` },
  { model: 'one', body: '{"inputs": {}}', want: 'error', rule: 'field', source: `${P}: inputs is an array` },
  { model: 'one', body: body([x2], { id: 42 }), want: 'error', rule: 'field', source: `${P}: id is a string` },
  { model: 'one', body: body([x2], { parameters: [] }), want: 'error', rule: 'field', source: `${P}: parameters is an object` },
  { model: 'one', body: body([5]), want: 'error', rule: 'field', source: `${P}: each input an object` },
  { model: 'one', body: body([{ shape: [1, 2], datatype: 'FP32', data: [1, 2] }]), want: 'error', rule: 'field', source: `${P}: name is required` },
  { model: 'one', body: body([{ name: 'x', datatype: 'FP32', data: [1, 2] }]), want: 'error', rule: 'field', source: `${P}: shape is required` },
  { model: 'one', body: body([{ name: 'x', shape: [1, 2], data: [1, 2] }]), want: 'error', rule: 'field', source: `${P}: datatype is required` },
  { model: 'one', body: body([{ name: 'x', shape: [1, 2], datatype: 'FP32' }]), want: 'error', rule: 'field', source: `${P}: data is required` },
  { model: 'one', body: body([inp('x', '1,2', 'FP32', [1, 2])]), want: 'error', rule: 'field', source: `${P}: shape is an array of integers` },
  { model: 'one', body: body([inp('x', [1, -2], 'FP32', [1, 2])]), want: 'error', rule: 'field', source: `${P}: dimensions are not negative` },
  { model: 'one', body: body([inp('x', [1, 2.5], 'FP32', [1, 2])]), want: 'error', rule: 'field', source: `${P}: dimensions are integers` },
  { model: 'one', body: body([inp('x', [1, 2], 'FP32', 'ab')]), want: 'error', rule: 'field', source: `${P}: data is an array` },
  { model: 'one', body: body([inp('x', [1, 2], 5, [1, 2])]), want: 'error', rule: 'field', source: `${P}: datatype is a string` },
  { model: 'one', body: body([x2], { outputs: {} }), want: 'error', rule: 'field', source: `${P}: outputs is an array` },
  { model: 'one', body: body([x2], { outputs: [{}] }), want: 'error', rule: 'field', source: `${P}: each requested output has a name` },
  // errors: what the model does not have
  { model: 'one', body: body([inp('z', [1, 2], 'FP32', [1, 2])]), want: 'error', rule: 'name', source: 'the signature has no input z' },
  { model: 'one', body: body([x2, x2]), want: 'error', rule: 'name', source: 'each input once' },
  { model: 'many', body: body(many().slice(1)), want: 'error', rule: 'name', source: 'every input of the signature' },
  { model: 'one', body: body([x2], { outputs: [{ name: 'nope' }] }), want: 'error', rule: 'name', source: 'the signature has no output nope' },
  { model: 'one', body: body([inp('x', [2, 2], 'FP64', [1, 2, 3, 4])]), want: 'error', rule: 'datatype', source: 'x is FP32 (DT_FLOAT)' },
  { model: 'many', body: body(many({ ids: inp('ids', [1], 'INT32', [7]) })), want: 'error', rule: 'datatype', source: 'ids is INT64 (DT_INT64)' },
  { model: 'many', body: body(many({ text: inp('text', [1], 'STRING', ['a']) })), want: 'error', rule: 'datatype', source: 'DT_STRING is BYTES in V2' },
  {
    model: 'fixed',
    body: body([inp('img', [1, 3], 'UINT8', [0, 1, 2])].map((i) => ({ ...i, datatype: 'uint8' }))),
    want: 'error',
    rule: 'datatype',
    source: 'datatypes are case-sensitive',
  },
  // errors: shape against the signature
  { model: 'one', body: body([inp('x', [4], 'FP32', [1, 2, 3, 4])]), want: 'error', rule: 'shape', source: 'x is [-1, 2]: rank 2' },
  {
    model: 'one',
    body: body([inp('x', [2, 3], 'FP32', [1, 2, 3, 4, 5, 6])]),
    want: 'error',
    rule: 'shape',
    source: 'x is [-1, 2]: dimension 1 is 2',
    schemaBlind: true,
  },
  {
    model: 'fixed',
    body: body([inp('img', [2, 3], 'UINT8', [0, 1, 2, 3, 4, 5])]),
    want: 'error',
    rule: 'shape',
    source: 'img is [1, 3]: the batch is fixed at 1',
    schemaBlind: true,
  },
  {
    model: 'many',
    body: body(many({ ids: inp('ids', [2], 'INT64', [7, 8]) })),
    want: 'error',
    rule: 'batch',
    source: 'inputs batched along dimension 0 agree',
    schemaBlind: true,
  },
  // errors: data against shape and datatype
  {
    model: 'one',
    body: body([inp('x', [2, 2], 'FP32', [1, 2, 3])]),
    want: 'error',
    rule: 'data',
    source: 'data holds product(shape) values',
    schemaBlind: true,
  },
  {
    model: 'one',
    body: body([inp('x', [1, 2], 'FP32', [1, 2, 3])]),
    want: 'error',
    rule: 'data',
    source: 'data holds product(shape) values',
    schemaBlind: true,
  },
  { model: 'one', body: body([inp('x', [2, 2], 'FP32', [[1, 2], [3]])]), want: 'error', rule: 'data', source: 'nested data follows the shape' },
  { model: 'one', body: body([inp('x', [2, 2], 'FP32', [[1, 2, 3], [4]])]), want: 'error', rule: 'data', source: 'nested data follows the shape' },
  {
    model: 'one',
    body: body([
      inp('x', [2, 2], 'FP32', [
        [[1], [2]],
        [[3], [4]],
      ]),
    ]),
    want: 'error',
    rule: 'data',
    source: 'nested data follows the shape',
  },
  { model: 'one', body: body([inp('x', [1, 2], 'FP32', ['1', '2'])]), want: 'error', rule: 'value', source: 'FP32 values are numbers' },
  { model: 'one', body: body([inp('x', [1, 2], 'FP32', [1, null])]), want: 'error', rule: 'value', source: 'FP32 values are numbers' },
  {
    model: 'one',
    body: '{"inputs": [{"name": "x", "shape": [1, 2], "datatype": "FP32", "data": [NaN, 1]}]}',
    want: 'error',
    rule: 'value',
    source: 'JSON has no NaN',
    schemaBlind: true,
  },
  { model: 'many', body: body(many({ flag: inp('flag', [1], 'BOOL', [1]) })), want: 'error', rule: 'value', source: 'BOOL values are true/false' },
  { model: 'many', body: body(many({ text: inp('text', [1], 'BYTES', [5]) })), want: 'error', rule: 'value', source: 'BYTES values are strings' },
  { model: 'many', body: body(many({ ids: inp('ids', [1], 'INT64', [1.5]) })), want: 'error', rule: 'value', source: 'INT64 values are integers' },
  {
    model: 'many',
    body: body(many({ ids: inp('ids', [1], 'INT64', ['BEYOND']) })).replace('"BEYOND"', '9223372036854775808'),
    want: 'error',
    rule: 'value',
    source: 'INT64 range',
    schemaBlind: true,
  },
  { model: 'fixed', body: body([inp('img', [1, 3], 'UINT8', [0, 1, 256])]), want: 'error', rule: 'value', source: 'UINT8 range' },
  { model: 'fixed', body: body([inp('img', [1, 3], 'UINT8', [0, 1, -1])]), want: 'error', rule: 'value', source: 'UINT8 range' },
  {
    model: 'ints',
    body: body([
      inp('i8', [1], 'INT8', [128]),
      inp('u16', [1], 'UINT16', [1]),
      inp('u64', [1], 'UINT64', [1]),
      inp('d', [1], 'FP64', [1]),
      inp('r', [1], 'FP32', [1]),
    ]),
    want: 'error',
    rule: 'value',
    source: 'INT8 range',
  },
  {
    model: 'ints',
    body: body([
      inp('i8', [1], 'INT8', [1]),
      inp('u16', [1], 'UINT16', [1]),
      inp('u64', [1], 'UINT64', [-1]),
      inp('d', [1], 'FP64', [1]),
      inp('r', [1], 'FP32', [1]),
    ]),
    want: 'error',
    rule: 'value',
    source: 'UINT64 range',
  },
  {
    model: 'anyrank',
    body: body([inp('any', [2], 'INT32', [1, 'TWO'])]).replace('"TWO"', '2.0'),
    want: 'error',
    rule: 'value',
    source: 'INT32 values are integers',
    schemaBlind: true,
  },
  // The binary tensor data extension (KServe data plane docs; Triton's extension_binary_data): the
  // values follow the JSON, `binary_data_size` says how many bytes. The JSON document describes JSON
  // bodies only, so these are outside what its schema says.
  ...binaryCases(),
];

function binaryCases(): V2Case[] {
  const B = 'binary tensor data extension';
  const bin = (name: string, shape: number[], datatype: string, size: unknown, extra: object = {}) => ({
    name,
    shape,
    datatype,
    parameters: { binary_data_size: size },
    ...extra,
  });
  const withX = (x: unknown) => body(many({ x }));
  return [
    { model: 'many', body: withX(bin('x', [1, 2], 'FP32', 8)), want: 'ok', source: `${B}: 2 FP32 = 8 bytes`, schemaBlind: true },
    {
      model: 'many',
      body: withX(bin('x', [1, 2], 'FP32', 4)),
      want: 'error',
      rule: 'binary-size',
      source: `${B}: size by datatype and shape`,
      schemaBlind: true,
    },
    { model: 'many', body: body(many({ text: bin('text', [1], 'BYTES', 9) })), want: 'ok', source: `${B}: BYTES, 4-byte length + bytes`, schemaBlind: true },
    {
      model: 'many',
      body: withX(bin('x', [1, 2], 'FP32', 8, { data: [1, 2] })),
      want: 'error',
      rule: 'field',
      source: `${B}: no data beside it`,
      schemaBlind: true,
    },
    { model: 'many', body: withX(bin('x', [1, 2], 'FP32', -8)), want: 'error', rule: 'field', source: `${B}: int64 size`, schemaBlind: true },
    { model: 'many', body: withX(bin('x', [1, 2], 'FP32', '8')), want: 'error', rule: 'field', source: `${B}: int64 size`, schemaBlind: true },
    { model: 'fixed', body: body([bin('img', [1, 3], 'UINT8', 3)]), want: 'ok', source: `${B}: UINT8 one byte each`, schemaBlind: true },
  ];
}
