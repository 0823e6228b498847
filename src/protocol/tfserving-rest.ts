// TensorFlow Serving's REST API v1 (the JSON codec in tensorflow_serving/util/json_tensor.cc) for
// one model: which signatures it can serve over JSON, in which request formats, and what each
// tensor looks like as JSON. Protocol rules live here, not in the SavedModel model.
import { dtype as dtypeOf } from '../savedmodel/dtype.js';
import { findMetaGraph, SERVE_TAGS } from '../savedmodel/meta-graph.js';
import type { ExampleFeature } from '../savedmodel/example-features.js';
import type { SavedModel } from '../savedmodel/saved-model.js';
import { DEFAULT_SIGNATURE_KEY, METHOD, type Signature } from '../savedmodel/signature.js';
import type { TensorSpec } from '../savedmodel/tensor.js';
import { Tf2OpenApiError } from '../errors.js';

export const PROTOCOL = 'TensorFlow Serving REST API v1';

/** The JSON value one tensor element becomes. */
export type JsonValue =
  | { kind: 'number'; dtype: string; min?: number; max?: number }
  | { kind: 'integer'; dtype: string; min: number; max: number; beyondSafe: boolean }
  | { kind: 'boolean'; dtype: string }
  /** A string tensor: text, or {"b64": …}; `bytesOnly` where TF Serving treats it as binary (alias ends in _bytes). */
  | { kind: 'string'; dtype: string; bytesOnly: boolean };

export interface TensorJson {
  alias: string;
  dtype: string;
  value: JsonValue;
  /** Dimensions (-1 unknown) or null for unknown rank. */
  shape: number[] | null;
}

export type Method = 'predict' | 'classify' | 'regress';

export interface SignatureApi {
  key: string;
  method: Method;
  isDefault: boolean;
  inputs: TensorJson[];
  outputs: TensorJson[];
  /** The row format (`instances`) needs every input batched along dimension 0. */
  rowFormat: boolean;
  /** Responses can be written row-wise only where every output has a batch dimension. */
  rowResponse: boolean;
  /** The batch size the inputs fix (dimension 0 of a known size), which the row format's
   * `instances` count must then equal too: one answer in both formats. */
  batch?: number;
  /** classify/regress: the tf.Example features the model parses, where the graph tells them. */
  features?: ExampleFeature[];
}

export interface ModelApi {
  name: string;
  version?: string;
  tensorflowVersion: string;
  tags: string[];
  signatures: SignatureApi[];
  /** Signatures the REST API cannot serve, with the reason: for warnings. */
  skipped: { key: string; reason: string }[];
  /** The model's full signature list as TF Serving's metadata endpoint reports it. */
  all: Signature[];
  hasDefault: boolean;
}

export interface DescribeOptions {
  name: string;
  version?: string;
  tags?: string[];
  /** Describe only this signature. */
  signature?: string;
}

// What json_tensor.cc converts, per base dtype. Inputs and outputs are the same set except that
// half-precision outputs can be written but not read.
const INPUT_DTYPES = new Set([
  'DT_FLOAT',
  'DT_DOUBLE',
  'DT_INT8',
  'DT_UINT8',
  'DT_INT16',
  'DT_INT32',
  'DT_INT64',
  'DT_UINT32',
  'DT_UINT64',
  'DT_BOOL',
  'DT_STRING',
]);
const OUTPUT_DTYPES = new Set([...INPUT_DTYPES, 'DT_HALF']);

export const FLOAT32_MAX = 3.4028234663852886e38;
/** Exact integer bounds, as BigInt: the int64/uint64 ones are not representable as JS numbers. */
export const INT_RANGES: Record<string, [bigint, bigint]> = {
  DT_INT8: [-128n, 127n],
  DT_UINT8: [0n, 255n],
  DT_INT16: [-32768n, 32767n],
  DT_INT32: [-2147483648n, 2147483647n],
  DT_UINT32: [0n, 4294967295n],
  DT_INT64: [-9223372036854775808n, 9223372036854775807n],
  DT_UINT64: [0n, 18446744073709551615n],
};

export const BYTES_SUFFIX = '_bytes';

export function jsonValue(alias: string, dtypeName: string, side: 'input' | 'output'): JsonValue | string {
  const base = dtypeOf(dtypeName).base;
  if (!(side === 'input' ? INPUT_DTYPES : OUTPUT_DTYPES).has(base)) {
    return `${side} ${JSON.stringify(alias)} is ${dtypeName}, which TF Serving's JSON API does not ${side === 'input' ? 'read' : 'write'}`;
  }
  if (base === 'DT_STRING') return { kind: 'string', dtype: base, bytesOnly: alias.endsWith(BYTES_SUFFIX) };
  if (base === 'DT_BOOL') return { kind: 'boolean', dtype: base };
  if (base === 'DT_FLOAT') return { kind: 'number', dtype: base, min: -FLOAT32_MAX, max: FLOAT32_MAX };
  if (base === 'DT_DOUBLE' || base === 'DT_HALF') return { kind: 'number', dtype: base };
  const [min, max] = INT_RANGES[base]!;
  return { kind: 'integer', dtype: base, min: Number(min), max: Number(max), beyondSafe: base === 'DT_INT64' || base === 'DT_UINT64' };
}

const METHODS: Record<string, Method> = { [METHOD.PREDICT]: 'predict', [METHOD.CLASSIFY]: 'classify', [METHOD.REGRESS]: 'regress' };

function describeSignature(sig: Signature): SignatureApi | string {
  if (!sig.servable) return sig.notServable!;
  const method = METHODS[sig.methodName];
  if (!method) return `method ${JSON.stringify(sig.methodName)} is not served by TF Serving's REST API`;
  if (sig.inputs.length === 0) return 'it has no inputs, and TF Serving rejects REST requests to such signatures';
  const tensors = (list: TensorSpec[], side: 'input' | 'output'): TensorJson[] | string => {
    const out: TensorJson[] = [];
    for (const t of list) {
      if (t.encoding !== 'name')
        return `${side} ${JSON.stringify(t.alias)} is a ${t.encoding === 'coo_sparse' ? 'sparse' : 'composite'} tensor, which the JSON API cannot carry`;
      const value = jsonValue(t.alias, t.dtype, side);
      if (typeof value === 'string') return value;
      out.push({ alias: t.alias, dtype: t.dtype, value, shape: t.shape });
    }
    return out;
  };
  const inputs = tensors(sig.inputs, 'input');
  if (typeof inputs === 'string') return inputs;
  const outputs = tensors(sig.outputs, 'output');
  if (typeof outputs === 'string') return outputs;
  const batched = (t: TensorJson) => t.shape === null || t.shape.length > 0;
  // Row format stacks every input along dimension 0 with the same count, so inputs that fix
  // different batch sizes ([1, …] and [2, …]) can only be sent as columns.
  const fixed = [...new Set(inputs.map((t) => t.shape?.[0]).filter((d): d is number => d !== undefined && d >= 0))];
  return {
    key: sig.key,
    method,
    isDefault: sig.key === DEFAULT_SIGNATURE_KEY,
    inputs,
    outputs,
    rowFormat: inputs.every(batched) && fixed.length <= 1,
    rowResponse: outputs.length > 0 && outputs.every(batched),
    ...(fixed.length === 1 ? { batch: fixed[0]! } : {}),
  };
}

export function describeModelApi(model: SavedModel, opts: DescribeOptions): ModelApi {
  const mg = findMetaGraph(model.metaGraphs, opts.tags ?? SERVE_TAGS, model.file);
  const signatures: SignatureApi[] = [];
  const skipped: ModelApi['skipped'] = [];
  let candidates = mg.signatures;
  if (opts.signature !== undefined) {
    candidates = mg.signatures.filter((s) => s.key === opts.signature);
    if (candidates.length === 0) {
      const servable = mg.signatures.filter((s) => s.servable).map((s) => JSON.stringify(s.key));
      throw new Tf2OpenApiError(
        'NO_SUCH_SIGNATURE',
        `${model.file}: no signature ${JSON.stringify(opts.signature)}; signatures: ${servable.join(', ') || 'none'}`,
      );
    }
  }
  let reason: string | undefined;
  for (const sig of candidates) {
    const api = describeSignature(sig);
    if (typeof api === 'string') reason ??= api;
    const features = mg.exampleFeatures?.[sig.key];
    if (typeof api !== 'string' && features && api.method !== 'predict') api.features = features;
    if (typeof api === 'string') {
      if (!(sig.key.startsWith('__') && !sig.servable)) skipped.push({ key: sig.key, reason: api });
    } else signatures.push(api);
  }
  if (opts.signature !== undefined && signatures.length === 0) {
    throw new Tf2OpenApiError('NO_SUCH_SIGNATURE', `${model.file}: signature ${JSON.stringify(opts.signature)} cannot be served: ${reason}`);
  }
  return {
    name: opts.name,
    ...(opts.version !== undefined ? { version: opts.version } : {}),
    tensorflowVersion: mg.tensorflowVersion,
    tags: mg.tags,
    signatures,
    skipped,
    all: mg.signatures,
    hasDefault: signatures.some((s) => s.isDefault),
  };
}

/** Dimensions of one row-format instance: the tensor without its batch dimension. */
export const instanceShape = (shape: number[] | null): number[] | null => (shape === null ? null : shape.slice(1));
