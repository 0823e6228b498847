// Example bodies for TF Serving REST requests and responses, built from the model so that each
// one is valid for the signature it illustrates.
import type { Signature } from '../../savedmodel/signature.js';
import { keyedObject } from '../../util/keyed.js';
import { encodeVarint } from '../../wire/read-varint.js';
import type { TensorSpec } from '../../savedmodel/tensor.js';
import type { ExampleMode } from '../../openapi/context.js';
import { instanceShape, type FeatureSpec, type JsonValue, type ModelApi, type SignatureApi, type TensorJson } from './describe.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The batch an example shows: the signature's fixed batch size, else two instances. */
export const exampleBatch = (sig: Pick<SignatureApi, 'batch'>) => sig.batch ?? 2;

/** Values in one example body above which `compact` describes the body instead of spelling it out. */
export const COMPACT_VALUES = 2048;
/** Even `full` stops here: an example is for reading, and this is 40 MB of JSON. */
export const FULL_VALUES = 4_000_000;

/** An example body, or why it was left out (its value count). */
export interface BodyExample {
  value?: Json;
  /** Set when the value is not written: what the body would hold. */
  omitted?: string;
}

function scalar(v: JsonValue, i: number): Json {
  switch (v.kind) {
    case 'number':
      return 0.5 + i;
    case 'integer':
      return Math.min(v.max, Math.max(v.min, i + 1));
    case 'boolean':
      return i % 2 === 0;
    case 'string':
      return v.bytesOnly ? { b64: Buffer.from(`bytes ${i}`).toString('base64') } : `text ${i}`;
  }
}

/** The dimensions an example tensor gets: dimension 0 unknown → the batch, other unknown → 1, unknown rank → a vector. */
export function concreteShape(shape: number[] | null, batch?: number): number[] {
  if (shape === null) return [batch ?? 1];
  return shape.map((d, i) => (d >= 0 ? d : i === 0 && batch !== undefined ? batch : 1));
}

/** Elements of a concrete shape, as a float: dimensions near 2^62 must not overflow into nonsense. */
export const elementCount = (dims: number[]) => dims.reduce((n, d) => n * d, 1);

/** A tensor of exactly these dimensions. Callers bound its size first (see `predictExample`). */
export function exampleTensor(v: JsonValue, dims: number[], leaf: (i: number) => Json = (i) => scalar(v, i)): Json {
  let n = 0;
  const build = (level: number): Json => (level === dims.length ? leaf(n++) : Array.from({ length: dims[level]! }, () => build(level + 1)));
  return build(0);
}

/** A length-delimited field: tag, length, bytes. */
const field = (number: number, ...parts: Uint8Array[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([encodeVarint(number * 8 + 2), encodeVarint(body.length), body]);
};

/** A serialized tf.Example holding every feature the signature's graph parses, as {"b64": …}.
 * Example.features = 1 → Features.feature = 1 (map: key 1, value 2) → Feature.bytes_list = 1 |
 * float_list = 2 | int64_list = 3, each with `value = 1` (packed for numbers): example.proto and
 * feature.proto, as proto/tensorflow/example.proto has them. */
export function serializedExample(features: FeatureSpec[]): Json {
  const entries = features.map((f) => {
    const value = featureExample(f);
    const values = Array.isArray(value) ? value : [value];
    let list: Uint8Array;
    if (f.dtype === 'DT_FLOAT') {
      const packed = Buffer.alloc(4 * values.length);
      values.forEach((v, i) => packed.writeFloatLE(v as number, 4 * i));
      list = field(2, field(1, packed));
    } else if (f.dtype === 'DT_INT64') list = field(3, field(1, ...values.map((v) => encodeVarint(v as number))));
    else list = field(1, ...values.map((v) => field(1, Buffer.from(String(v)))));
    return field(1, field(1, Buffer.from(f.name)), field(2, list));
  });
  return { b64: field(1, ...entries).toString('base64') };
}

/** Predict requests to a signature fed serialized tf.Examples (an Estimator export) carry real ones. */
const requestLeaf = (sig: SignatureApi): ((i: number) => Json) | undefined => {
  if (!sig.features || sig.inputs.length !== 1 || sig.inputs[0]!.value.kind !== 'string') return undefined;
  // Dense sizes come from the file: a tf.Example too large to spell out is left to the schema.
  if (sig.features.reduce((n, f) => n + (f.kind === 'dense' ? elementCount(f.shape ?? []) : 2), 0) > COMPACT_VALUES) return undefined;
  const example = serializedExample(sig.features);
  return () => example;
};

export function withSignatureName(sig: SignatureApi, body: Record<string, Json>): Record<string, Json> {
  return sig.isDefault ? body : { signature_name: sig.key, ...body };
}

export type PredictForm = 'row request' | 'columnar request' | 'row response' | 'columnar response';

/** Each tensor of a predict body with the dimensions its example has. */
function bodyTensors(sig: SignatureApi, form: PredictForm): { t: TensorJson; dims: number[]; perInstance: boolean }[] {
  const list = form.endsWith('request') ? sig.inputs : sig.outputs;
  const batch = exampleBatch(sig);
  return list.map((t) =>
    form.startsWith('row')
      ? { t, dims: concreteShape(instanceShape(t.shape)), perInstance: true }
      : { t, dims: concreteShape(t.shape, batch), perInstance: false },
  );
}

/** A predict body's example, spelled out only when its size allows (never more than FULL_VALUES). */
export function predictExample(sig: SignatureApi, form: PredictForm, mode: ExampleMode = 'compact'): BodyExample | undefined {
  if (mode === 'none') return undefined;
  const tensors = bodyTensors(sig, form);
  const batch = exampleBatch(sig);
  const count = tensors.reduce((n, { dims, perInstance }) => n + elementCount(dims) * (perInstance ? batch : 1), 0);
  if (count > (mode === 'full' ? FULL_VALUES : COMPACT_VALUES)) {
    const largest = tensors.reduce((a, b) => (elementCount(b.dims) > elementCount(a.dims) ? b : a));
    const what = `${form.endsWith('request') ? 'input' : 'output'} ${JSON.stringify(largest.t.alias)} is [${largest.dims.join(', ')}]${largest.perInstance ? ' per instance' : ''}`;
    return {
      omitted: `Not spelled out: a ${form} of batch ${batch} holds ${Math.round(count).toLocaleString('en-US')} values (${what}). tf2openapi writes examples of up to ${(mode === 'full' ? FULL_VALUES : COMPACT_VALUES).toLocaleString('en-US')} values; the schema gives the exact shape.`,
    };
  }
  const leaf = form.endsWith('request') ? requestLeaf(sig) : undefined;
  const tensor = ({ t, dims }: (typeof tensors)[number]) => exampleTensor(t.value, dims, leaf);
  // One tensor is written bare, several keyed by alias (null prototype: `__proto__` stays a key).
  const keyed = (f: (x: (typeof tensors)[number]) => Json): Json =>
    tensors.length === 1 ? f(tensors[0]!) : keyedObject(tensors.map((x) => [x.t.alias, f(x)] as const));
  switch (form) {
    case 'row request':
      return { value: withSignatureName(sig, { instances: Array.from({ length: batch }, () => keyed(tensor)) }) };
    case 'columnar request':
      return { value: withSignatureName(sig, { inputs: keyed(tensor) }) };
    case 'row response':
      return { value: { predictions: Array.from({ length: batch }, () => keyed(tensor)) } };
    case 'columnar response':
      return { value: { outputs: keyed(tensor) } };
  }
}

/** One value of a parsed feature: floats always with a fraction, as TF Serving tells them apart. */
function featureExample(f: FeatureSpec): Json {
  const one = (i: number): Json => (f.dtype === 'DT_FLOAT' ? 1.5 + i : f.dtype === 'DT_INT64' ? i + 1 : `value ${i}`);
  const count = f.kind === 'dense' ? (f.shape ?? []).reduce((n, d) => n * d, 1) : 2;
  return count === 1 ? one(0) : Array.from({ length: count }, (_, i) => one(i));
}

/** A classify/regress body's example, bounded as predict ones are (dense features can be large). */
export function examplesExample(sig: SignatureApi, mode: ExampleMode = 'compact'): BodyExample | undefined {
  if (mode === 'none') return undefined;
  const limit = mode === 'full' ? FULL_VALUES : COMPACT_VALUES;
  const count = (sig.features ?? []).reduce((n, f) => n + 2 * (f.kind === 'dense' ? elementCount(f.shape ?? []) : 2), 0);
  if (count > limit)
    return {
      omitted: `Not spelled out: two examples with every parsed feature hold ${Math.round(count).toLocaleString('en-US')} values; the schema lists each feature and its size.`,
    };
  return { value: examplesRequest(sig) };
}

export function examplesRequest(sig: SignatureApi): Record<string, Json> {
  if (sig.features) {
    const example = keyedObject(sig.features.map((f) => [f.name, featureExample(f)] as const));
    return withSignatureName(sig, { examples: [example, example] });
  }
  return withSignatureName(sig, {
    context: { country: 'NL' },
    examples: [
      { x: 1.5, tags: ['a', 'b'] },
      { x: [2.5], tags: 'c', image: { b64: 'AAE=' } },
    ],
  });
}

export const classifyResponse = (): Json => ({
  results: [
    [
      ['0', 0.25],
      ['1', 0.75],
    ],
    [
      ['0', 0.9],
      ['1', 0.1],
    ],
  ],
});
export const regressResponse = (): Json => ({ results: [3.5, 4] });

export function statusResponse(version: string): Json {
  return { model_version_status: [{ version, state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }] };
}

/** TensorInfo as TF Serving's metadata endpoint prints it (protobuf JSON: int64 as strings). */
function tensorInfoJson(t: TensorSpec): Json {
  const shape = t.shape === null ? { dim: [], unknown_rank: true } : { dim: t.shape.map((s) => ({ size: String(s), name: '' })), unknown_rank: false };
  const base: Record<string, Json> = { dtype: t.dtype, tensor_shape: shape };
  if (t.cooSparse)
    base.coo_sparse = { values_tensor_name: t.cooSparse.values, indices_tensor_name: t.cooSparse.indices, dense_shape_tensor_name: t.cooSparse.denseShape };
  else if (t.encoding === 'name') base.name = t.name;
  return base;
}

export function signatureDefJson(s: Signature): Json {
  const map = (list: TensorSpec[]) => keyedObject(list.map((t) => [t.alias, tensorInfoJson(t)] as const));
  return { inputs: map(s.inputs), outputs: map(s.outputs), method_name: s.methodName, defaults: {} };
}

/** Exactly what GET /v1/models/{name}[/versions/{v}]/metadata returns for this model. */
export function metadataResponse(api: ModelApi, version: string): Json {
  return {
    model_spec: { name: api.name, signature_name: '', version },
    metadata: { signature_def: { signature_def: keyedObject(api.all.map((s) => [s.key, signatureDefJson(s)] as const)) } },
  };
}
