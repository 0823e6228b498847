// Given/want: response bodies. 'ok' is what TF Serving writes for the signature (json_tensor.cc
// MakeJsonFromTensors / MakeJsonFromClassificationResult / MakeJsonFromRegressionResult and their
// tests in json_tensor_test.cc); 'error' is what it never writes for it. Run by response.test.ts
// through the generated OpenAPI response schemas and the client runtime's decoding.
import type { Signature } from '../../savedmodel/signature.js';
import type { TensorSpec } from '../../savedmodel/tensor.js';

const t = (alias: string, dtype: string, shape: number[] | null): TensorSpec => ({ alias, name: `${alias}:0`, dtype, shape, encoding: 'name' });
const P = 'tensorflow/serving/predict';
const out = (key: string, outputs: TensorSpec[]): Signature => ({
  key,
  methodName: P,
  inputs: [t('x', 'DT_FLOAT', [-1])],
  outputs,
  defaults: [],
});

export const RESPONSE_MODEL: Signature[] = [
  out('serving_default', [t('y', 'DT_FLOAT', [-1, 1])]),
  out('ints', [t('int_tensor', 'DT_INT32', [-1, 3, 2])]),
  out('vector', [t('v', 'DT_INT32', [-1])]),
  out('bytes', [t('str_tensor_bytes', 'DT_STRING', [-1, 2])]),
  out('text', [t('str_tensor', 'DT_STRING', [-1, 2])]),
  out('floats', [t('f', 'DT_FLOAT', [-1, 3])]),
  out('multi', [
    t('double_scalar_tensor', 'DT_DOUBLE', [-1]),
    t('float_tensor', 'DT_FLOAT', [-1, 1]),
    t('int_tensor', 'DT_INT32', [-1, 3, 2]),
    t('str_tensor', 'DT_STRING', [-1, 2]),
    t('str_tensor_bytes', 'DT_STRING', [-1, 2]),
  ]),
  out('big', [t('i64', 'DT_INT64', [-1]), t('u64', 'DT_UINT64', [-1])]),
  out('flags', [t('b', 'DT_BOOL', [-1])]),
  {
    key: 'classify',
    methodName: 'tensorflow/serving/classify',
    inputs: [t('inputs', 'DT_STRING', [-1])],
    outputs: [t('classes', 'DT_STRING', [-1, 3]), t('scores', 'DT_FLOAT', [-1, 3])],
    defaults: [],
  },
  {
    key: 'regress',
    methodName: 'tensorflow/serving/regress',
    inputs: [t('inputs', 'DT_STRING', [-1])],
    outputs: [t('outputs', 'DT_FLOAT', [-1])],
    defaults: [],
  },
];

export type ResponseForm = 'row' | 'columnar' | 'classify' | 'regress';
export interface ResponseCase {
  signature: string;
  form: ResponseForm;
  body: string;
  want: 'ok' | 'error';
  /** Holds NaN or ±Infinity, which no JSON Schema validator takes as a number. */
  nonFinite?: true;
  source: string;
}

const JT = 'json_tensor_test.cc';
const ints = '[[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 0], [1, 2]]]';
const b64 = '[[{"b64": "aGVsbG8="}, {"b64": "d29ybGQ="}], [{"b64": "dGY="}, {"b64": "c2VydmluZw=="}]]';
const row0 =
  '{"double_scalar_tensor": 8.0, "float_tensor": [1.0], "int_tensor": [[1, 2], [3, 4], [5, 6]], "str_tensor": ["foo", "bar"], "str_tensor_bytes": [{"b64": "aGVsbG8="}, {"b64": "d29ybGQ="}]}';
const row1 =
  '{"double_scalar_tensor": 9.0, "float_tensor": [2.0], "int_tensor": [[7, 8], [9, 0], [1, 2]], "str_tensor": ["baz", "bat"], "str_tensor_bytes": [{"b64": "dGY="}, {"b64": "c2VydmluZw=="}]}';

export const RESPONSES: ResponseCase[] = [
  { signature: 'ints', form: 'row', body: `{"predictions": ${ints}}`, want: 'ok', source: `${JT} FromJsonSingleTensor` },
  { signature: 'ints', form: 'columnar', body: `{"outputs": ${ints}}`, want: 'ok', source: `${JT} FromJsonSingleTensor` },
  { signature: 'vector', form: 'row', body: '{"predictions": [1, 2, 3, 4, 5]}', want: 'ok', source: `${JT} FromJsonSingleScalarTensor` },
  { signature: 'vector', form: 'columnar', body: '{"outputs": [1, 2, 3, 4, 5]}', want: 'ok', source: `${JT} FromJsonSingleScalarTensor` },
  { signature: 'vector', form: 'columnar', body: '{"outputs": []}', want: 'ok', source: `${JT} FromJsonSingleZeroBatchTensor` },
  { signature: 'bytes', form: 'row', body: `{"predictions": ${b64}}`, want: 'ok', source: `${JT} FromJsonSingleBytesTensor` },
  { signature: 'bytes', form: 'columnar', body: `{"outputs": ${b64}}`, want: 'ok', source: `${JT} FromJsonSingleBytesTensor` },
  {
    signature: 'text',
    form: 'row',
    body: '{"predictions": [["foo", "bar"], ["baz", "bat"]]}',
    want: 'ok',
    source: `${JT} FromJsonMultipleNamedTensors (str_tensor)`,
  },
  {
    signature: 'floats',
    form: 'row',
    body: '{"predictions": [[9e+06, 999999.0, 0.5], [0.0003, 3e-05, 555557.5]]}',
    want: 'ok',
    source: `${JT} FromJsonSingleFloatTensorSixDigitPrecision`,
  },
  {
    signature: 'floats',
    form: 'columnar',
    body: '{"outputs": [[9e+06, 999999.0, 0.5], [0.0003, 3e-05, 555557.5]]}',
    want: 'ok',
    source: `${JT} FromJsonSingleFloatTensorSixDigitPrecision`,
  },
  {
    signature: 'floats',
    form: 'row',
    body: '{"predictions": [[NaN, Infinity, 3.0], [-Infinity, 1.0, 2.0]]}',
    want: 'ok',
    nonFinite: true,
    source: `${JT} FromJsonSingleFloatTensorNonFinite`,
  },
  {
    signature: 'floats',
    form: 'columnar',
    body: '{"outputs": [[NaN, Infinity, 3.0]]}',
    want: 'ok',
    nonFinite: true,
    source: `${JT} FromJsonSingleFloatTensorNonFinite`,
  },
  { signature: 'multi', form: 'row', body: `{"predictions": [${row0}, ${row1}]}`, want: 'ok', source: `${JT} FromJsonMultipleNamedTensors` },
  {
    signature: 'multi',
    form: 'columnar',
    body: `{"outputs": {"double_scalar_tensor": [8.0, 9.0], "float_tensor": [[1.0], [2.0]], "int_tensor": ${ints}, "str_tensor": [["foo", "bar"], ["baz", "bat"]], "str_tensor_bytes": ${b64}}}`,
    want: 'ok',
    source: `${JT} FromJsonMultipleNamedTensors`,
  },
  {
    signature: 'multi',
    form: 'columnar',
    body: '{"outputs": {"double_scalar_tensor": [], "float_tensor": [], "int_tensor": [], "str_tensor": [], "str_tensor_bytes": []}}',
    want: 'ok',
    source: `${JT} FromJsonMultipleZeroBatchTensors`,
  },
  {
    signature: 'big',
    form: 'columnar',
    body: '{"outputs": {"i64": [9223372036854775807, -9223372036854775808], "u64": [18446744073709551615, 0]}}',
    want: 'ok',
    source: 'json_tensor.cc AddSingleValueAndAdvance: Int64/Uint64 written in full',
  },
  { signature: 'flags', form: 'row', body: '{"predictions": [true, false]}', want: 'ok', source: 'json_tensor.cc AddSingleValueAndAdvance: DT_BOOL' },
  {
    signature: 'serving_default',
    form: 'row',
    body: '{"predictions": [[2.5], [3.0], [4.5]]}',
    want: 'ok',
    source: 'half_plus_two (y = x/2 + 2), a single output written bare',
  },
  { signature: 'serving_default', form: 'columnar', body: '{"outputs": [[2.5], [3.0]]}', want: 'ok', source: 'half_plus_two, columnar' },
  {
    signature: 'classify',
    form: 'classify',
    body: '{"results": [[["car", 0.2], ["bike", 0.7], ["bus", 0.1]], [["car", 0.7], ["bike", 0.1], ["bus", 0.2]]]}',
    want: 'ok',
    source: `${JT} JsonFromClassificationResult`,
  },
  {
    signature: 'classify',
    form: 'classify',
    body: '{"results": [[["", 0.25], ["", 0.75]]]}',
    want: 'ok',
    source: 'classifier.cc: the label is empty without a "classes" output',
  },
  { signature: 'regress', form: 'regress', body: '{"results": [0.2, 0.9, 1.0]}', want: 'ok', source: `${JT} JsonFromRegressionResult` },
  {
    signature: 'regress',
    form: 'regress',
    body: '{"results": [0.2, Infinity, 1.0, -Infinity, NaN]}',
    want: 'ok',
    nonFinite: true,
    source: `${JT} JsonFromRegressionResultWithNonFinite`,
  },
  // What TF Serving never writes for these signatures.
  {
    signature: 'serving_default',
    form: 'row',
    body: '{"predictions": [{"y": [2.5]}]}',
    want: 'error',
    source: 'json_tensor.cc MakeRowFormatJsonFromTensors: one output is written bare',
  },
  {
    signature: 'serving_default',
    form: 'columnar',
    body: '{"outputs": {"y": [[2.5]]}}',
    want: 'error',
    source: 'json_tensor.cc MakeColumnarFormatJsonFromTensors: one output is written bare',
  },
  {
    signature: 'serving_default',
    form: 'row',
    body: '{"outputs": [[2.5]]}',
    want: 'error',
    source: 'json_tensor.cc: a row-format request is answered with "predictions"',
  },
  {
    signature: 'serving_default',
    form: 'row',
    body: '{"predictions": [[2.5]], "model_version": "1"}',
    want: 'error',
    source: 'json_tensor.cc MakeRowFormatJsonFromTensors writes one key',
  },
  { signature: 'serving_default', form: 'row', body: '{"predictions": [[2.5, 3.0]]}', want: 'error', source: 'the signature declares y [-1, 1]' },
  {
    signature: 'multi',
    form: 'row',
    body: `{"predictions": [{"int_tensor": [[1, 2], [3, 4], [5, 6]]}]}`,
    want: 'error',
    source: 'json_tensor.cc MakeRowFormatJsonFromTensors: every output in every instance',
  },
  {
    signature: 'multi',
    form: 'columnar',
    body: '{"outputs": [1, 2]}',
    want: 'error',
    source: 'json_tensor.cc MakeColumnarFormatJsonFromTensors: several outputs as an object',
  },
  {
    signature: 'bytes',
    form: 'row',
    body: '{"predictions": [["hello", "world"]]}',
    want: 'error',
    source: 'json_tensor.cc IsNamedTensorBytes: _bytes outputs are always {"b64": …}',
  },
  {
    signature: 'text',
    form: 'row',
    body: '{"predictions": [[{"b64": "Zm9v"}, {"b64": "YmFy"}]]}',
    want: 'error',
    source: 'json_tensor.cc: other string outputs are written as text',
  },
  {
    signature: 'vector',
    form: 'columnar',
    body: '{"outputs": [1.5]}',
    want: 'error',
    source: 'json_tensor.cc AddSingleValueAndAdvance: DT_INT32 as an integer',
  },
  { signature: 'flags', form: 'row', body: '{"predictions": [1, 0]}', want: 'error', source: 'json_tensor.cc AddSingleValueAndAdvance: DT_BOOL as true/false' },
  {
    signature: 'classify',
    form: 'classify',
    body: '{"results": [[["car"]]]}',
    want: 'error',
    source: 'json_tensor.cc MakeJsonFromClassificationResult: [label, score] pairs',
  },
  {
    signature: 'regress',
    form: 'regress',
    body: '{"results": [[0.2]]}',
    want: 'error',
    source: 'json_tensor.cc MakeJsonFromRegressionResult: one number per example',
  },
  {
    signature: 'regress',
    form: 'regress',
    body: '{"error": "Input batch size did not match"}',
    want: 'error',
    source: 'an error body comes with an error status (MakeJsonFromStatus), never 200',
  },
];
