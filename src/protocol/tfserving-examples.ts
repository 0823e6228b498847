// Example bodies for TF Serving REST requests and responses, built from the model so that each
// one is valid for the signature it illustrates.
import type { Signature } from '../savedmodel/signature.js';
import type { TensorSpec } from '../savedmodel/tensor.js';
import { instanceShape, type JsonValue, type ModelApi, type SignatureApi, type TensorJson } from './tfserving-rest.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const BATCH = 2;

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

/** A tensor of the given dims: unknown dims get `unknown` entries, unknown rank a vector. */
export function exampleTensor(v: JsonValue, shape: number[] | null, unknown = 1): Json {
  let n = 0;
  const build = (dims: number[]): Json => (dims.length === 0 ? scalar(v, n++) : Array.from({ length: dims[0]! < 0 ? unknown : dims[0]! }, () => build(dims.slice(1))));
  return build(shape ?? [unknown]);
}

const single = (list: TensorJson[]) => list.length === 1;
const byAlias = (list: TensorJson[], f: (t: TensorJson) => Json) => Object.fromEntries(list.map((t) => [t.alias, f(t)]));

export function withSignatureName(sig: SignatureApi, body: Record<string, Json>): Record<string, Json> {
  return sig.isDefault ? body : { signature_name: sig.key, ...body };
}

export function rowRequest(sig: SignatureApi): Record<string, Json> {
  const instance = (t: TensorJson) => exampleTensor(t.value, instanceShape(t.shape));
  const one = () => (single(sig.inputs) ? instance(sig.inputs[0]!) : byAlias(sig.inputs, instance));
  return withSignatureName(sig, { instances: Array.from({ length: BATCH }, one) });
}

export function columnarRequest(sig: SignatureApi): Record<string, Json> {
  const tensor = (t: TensorJson) => exampleTensor(t.value, t.shape, BATCH);
  return withSignatureName(sig, { inputs: single(sig.inputs) ? tensor(sig.inputs[0]!) : byAlias(sig.inputs, tensor) });
}

export function rowResponse(sig: SignatureApi): Record<string, Json> {
  const instance = (t: TensorJson) => exampleTensor(t.value, instanceShape(t.shape));
  const one = () => (single(sig.outputs) ? instance(sig.outputs[0]!) : byAlias(sig.outputs, instance));
  return { predictions: Array.from({ length: BATCH }, one) };
}

export function columnarResponse(sig: SignatureApi): Record<string, Json> {
  const tensor = (t: TensorJson) => exampleTensor(t.value, t.shape, BATCH);
  return { outputs: single(sig.outputs) ? tensor(sig.outputs[0]!) : byAlias(sig.outputs, tensor) };
}

/** One value of a parsed feature: floats always with a fraction, as TF Serving tells them apart. */
function featureExample(f: NonNullable<SignatureApi['features']>[number]): Json {
  const one = (i: number): Json => (f.dtype === 'DT_FLOAT' ? 1.5 + i : f.dtype === 'DT_INT64' ? i + 1 : `value ${i}`);
  const count = f.kind === 'dense' ? (f.shape ?? []).reduce((n, d) => n * d, 1) : 2;
  return count === 1 ? one(0) : Array.from({ length: count }, (_, i) => one(i));
}

export function examplesRequest(sig: SignatureApi): Record<string, Json> {
  if (sig.features) {
    const example = Object.fromEntries(sig.features.map((f) => [f.name, featureExample(f)]));
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

export const classifyResponse = (): Json => ({ results: [[['0', 0.25], ['1', 0.75]], [['0', 0.9], ['1', 0.1]]] });
export const regressResponse = (): Json => ({ results: [3.5, 4] });

export function statusResponse(version: string): Json {
  return { model_version_status: [{ version, state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }] };
}

/** TensorInfo as TF Serving's metadata endpoint prints it (protobuf JSON: int64 as strings). */
function tensorInfoJson(t: TensorSpec): Json {
  const shape = t.shape === null ? { dim: [], unknown_rank: true } : { dim: t.shape.map((s) => ({ size: String(s), name: '' })), unknown_rank: false };
  const base: Record<string, Json> = { dtype: t.dtype, tensor_shape: shape };
  if (t.cooSparse) base.coo_sparse = { values_tensor_name: t.cooSparse.values, indices_tensor_name: t.cooSparse.indices, dense_shape_tensor_name: t.cooSparse.denseShape };
  else if (t.encoding === 'name') base.name = t.name;
  return base;
}

export function signatureDefJson(s: Signature): Json {
  const map = (list: TensorSpec[]) => Object.fromEntries(list.map((t) => [t.alias, tensorInfoJson(t)]));
  return { inputs: map(s.inputs), outputs: map(s.outputs), method_name: s.methodName, defaults: {} };
}

/** Exactly what GET /v1/models/{name}[/versions/{v}]/metadata returns for this model. */
export function metadataResponse(api: ModelApi, version: string): Json {
  return {
    model_spec: { name: api.name, signature_name: '', version },
    metadata: { signature_def: { signature_def: Object.fromEntries(api.all.map((s) => [s.key, signatureDefJson(s)])) } },
  };
}
