// TensorFlow Serving's REST API v1 for one model: which signatures it can serve, on which
// endpoints and in which request formats, and what each tensor looks like as JSON. Every rule
// here is traced to TF Serving's code (json_tensor.cc, http_rest_api_handler.cc, predict_util.cc,
// classifier.cc, regressor.cc, util.cc); protocol rules live here, not in the SavedModel model.
import { dtype as dtypeOf } from '../../savedmodel/dtype.js';
import { findMetaGraph, SERVE_TAGS } from '../../savedmodel/meta-graph.js';
import type { SavedModel } from '../../savedmodel/saved-model.js';
import { DEFAULT_SIGNATURE_KEY, INTERNAL_SIGNATURE_KEYS, type Signature } from '../../savedmodel/signature.js';
import type { TensorSpec } from '../../savedmodel/tensor.js';
import { Tf2OpenApiError } from '../../errors.js';
import type { DescribeOptions } from '../protocol.js';
import {
  BYTES_SUFFIX,
  INT_RANGES,
  type FeatureSpec,
  type JsonValue,
  type Method,
  type ModelContract,
  type SignatureContract,
  type TensorJson,
} from './runtime/contract.js';

export * from './runtime/contract.js';

export const PROTOCOL_ID = 'tfserving-rest-v1';
export const PROTOCOL = 'TensorFlow Serving REST API v1';

export type SignatureApi = SignatureContract;

export interface ModelApi extends ModelContract {
  version?: string;
  tensorflowVersion: string;
  tags: string[];
  /** The model's full signature list as TF Serving's metadata endpoint reports it. */
  all: Signature[];
}

export type { DescribeOptions } from '../protocol.js';

// The dtypes json_tensor.cc reads (AddValueToTensor switches on the TensorInfo's dtype as written,
// so *_REF inputs are refused) and writes (AddSingleValueAndAdvance, on the output tensor's dtype:
// the base type). DT_HALF and the rest fail both ways.
const JSON_DTYPES = new Set([
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

export function jsonValue(alias: string, dtypeName: string, side: 'input' | 'output'): JsonValue | string {
  const name = side === 'input' ? dtypeName : dtypeOf(dtypeName).base;
  if (!JSON_DTYPES.has(name)) {
    return `${side} ${JSON.stringify(alias)} is ${dtypeName}, which TF Serving's JSON API does not ${side === 'input' ? 'read' : 'write'}`;
  }
  if (name === 'DT_STRING') return { kind: 'string', dtype: name, bytesOnly: alias.endsWith(BYTES_SUFFIX) };
  if (name === 'DT_BOOL') return { kind: 'boolean', dtype: name };
  if (name === 'DT_FLOAT' || name === 'DT_DOUBLE') return { kind: 'number', dtype: name };
  const [min, max] = INT_RANGES[name]!;
  return { kind: 'integer', dtype: name, min: Number(min), max: Number(max), beyondSafe: name === 'DT_INT64' || name === 'DT_UINT64' };
}

const CLASSIFY_INPUTS = 'inputs';
const CLASSES = 'classes';
const SCORES = 'scores';
const REGRESS_OUTPUTS = 'outputs';
const shapeText = (t: TensorSpec) => (t.shape === null ? '[?]' : `[${t.shape.join(', ')}]`);

/** Both endpoints feed one DT_STRING tensor of serialized tf.Examples to the input "inputs" (util.cc). */
function examplesInput(sig: Signature, method: Method): string | undefined {
  if (sig.inputs.length !== 1) return `it has ${sig.inputs.length} inputs; :${method} feeds exactly one`;
  const input = sig.inputs[0]!;
  if (input.alias !== CLASSIFY_INPUTS) return `its input is ${JSON.stringify(input.alias)}; :${method} feeds the one named "inputs"`;
  if (input.dtype !== 'DT_STRING') return `input "inputs" is ${input.dtype}; :${method} feeds it serialized tf.Examples (DT_STRING), which fails`;
  return undefined;
}

/** classifier.cc PreProcessClassification / PostProcessClassificationResult. */
function classifyProblem(sig: Signature): string | undefined {
  const input = examplesInput(sig, 'classify');
  if (input) return input;
  if (sig.outputs.length !== 1 && sig.outputs.length !== 2) return `it has ${sig.outputs.length} outputs; :classify needs one or two`;
  const classes = sig.outputs.find((t) => t.alias === CLASSES);
  const scores = sig.outputs.find((t) => t.alias === SCORES);
  if (!classes && !scores) return ':classify needs an output named "classes" or "scores"';
  if (classes && dtypeOf(classes.dtype).base !== 'DT_STRING') return `output "classes" is ${classes.dtype}; :classify needs DT_STRING`;
  if (scores && dtypeOf(scores.dtype).base !== 'DT_FLOAT') return `output "scores" is ${scores.dtype}; :classify needs DT_FLOAT`;
  for (const t of [classes, scores])
    if (t && t.shape !== null && t.shape.length !== 2) return `output ${JSON.stringify(t.alias)} is ${shapeText(t)}; :classify needs [batch, classes]`;
  return undefined;
}

/** regressor.cc PreProcessRegression / PostProcessRegressionResult. */
function regressProblem(sig: Signature): string | undefined {
  const input = examplesInput(sig, 'regress');
  if (input) return input;
  if (sig.outputs.length !== 1) return `it has ${sig.outputs.length} outputs; :regress needs one`;
  const out = sig.outputs[0]!;
  if (out.alias !== REGRESS_OUTPUTS) return `its output is ${JSON.stringify(out.alias)}; :regress needs one named "outputs"`;
  if (dtypeOf(out.dtype).base !== 'DT_FLOAT') return `output "outputs" is ${out.dtype}; :regress needs DT_FLOAT`;
  if (out.shape !== null && !(out.shape.length === 1 || (out.shape.length === 2 && (out.shape[1] === 1 || out.shape[1] === -1))))
    return `output "outputs" is ${shapeText(out)}; :regress needs [batch] or [batch, 1]`;
  return undefined;
}

function tensors(list: TensorSpec[], side: 'input' | 'output'): TensorJson[] | string {
  const out: TensorJson[] = [];
  for (const t of list) {
    if (t.encoding !== 'name')
      return `${side} ${JSON.stringify(t.alias)} is a ${t.encoding === 'coo_sparse' ? 'sparse' : 'composite'} tensor, which the JSON API cannot carry`;
    const value = jsonValue(t.alias, t.dtype, side);
    if (typeof value === 'string') return value;
    out.push({ alias: t.alias, dtype: t.dtype, value, shape: t.shape });
  }
  return out;
}

/** Dimension 0 sizes the tensors fix; row formats need every tensor batched and at most one fixed size. */
function batching(list: TensorJson[]): { batched: boolean; fixed: number[] } {
  const fixed = [...new Set(list.map((t) => t.shape?.[0]).filter((d): d is number => d !== undefined && d >= 0))];
  return { batched: list.length > 0 && list.every((t) => t.shape === null || t.shape.length > 0) && fixed.length <= 1, fixed };
}

function describeSignature(sig: Signature, features: FeatureSpec[] | undefined): SignatureApi | string {
  // GetInfoMap refuses a signature with no inputs ("Failed to get input map").
  if (sig.inputs.length === 0) return 'it has no inputs, and TF Serving refuses REST requests to such signatures';
  const inputs = tensors(sig.inputs, 'input');
  if (typeof inputs === 'string') return inputs;
  const outputs = tensors(sig.outputs, 'output');
  if (typeof outputs === 'string') return outputs;
  const ins = batching(inputs);
  const outs = batching(outputs);
  const classify = classifyProblem(sig);
  const regress = regressProblem(sig);
  const ineligible: NonNullable<SignatureApi['ineligible']> = {};
  if (classify) ineligible.classify = classify;
  if (regress) ineligible.regress = regress;
  return {
    key: sig.key,
    methodName: sig.methodName,
    isDefault: sig.key === DEFAULT_SIGNATURE_KEY,
    inputs,
    outputs,
    endpoints: ['predict', ...(classify ? [] : ['classify' as const]), ...(regress ? [] : ['regress' as const])],
    ...(Object.keys(ineligible).length ? { ineligible } : {}),
    rowFormat: ins.batched,
    rowResponse: outs.batched,
    ...(ins.fixed.length === 1 ? { batch: ins.fixed[0]! } : {}),
    ...(features ? { features } : {}),
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
      const names = mg.signatures.filter((s) => !isInternal(s)).map((s) => JSON.stringify(s.key));
      throw new Tf2OpenApiError(
        'NO_SUCH_SIGNATURE',
        `${model.file}: no signature ${JSON.stringify(opts.signature)}; signatures: ${names.join(', ') || 'none'}`,
      );
    }
  }
  let reason: string | undefined;
  for (const sig of candidates) {
    const api = isInternal(sig) ? 'an internal TensorFlow signature' : describeSignature(sig, mg.exampleFeatures?.get(sig.key));
    if (typeof api !== 'string') signatures.push(api);
    else {
      reason ??= api;
      if (!isInternal(sig)) skipped.push({ key: sig.key, reason: api });
    }
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

const isInternal = (s: Signature) => (INTERNAL_SIGNATURE_KEYS as readonly string[]).includes(s.key);

/** Signatures offered on an endpoint, the default first. */
export const servedOn = (api: ModelContract, method: Method) =>
  api.signatures.filter((s) => s.endpoints.includes(method)).sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
