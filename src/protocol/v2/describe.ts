// The Open Inference Protocol (KServe V2) over one signature of a SavedModel: V2 servers serve one
// (`serving_default` unless another is named, as Triton's TF_SIGNATURE_DEF parameter picks), and
// name tensors by the signature's input and output keys.
import { Tf2OpenApiError } from '../../errors.js';
import { dtype as dtypeOf } from '../../savedmodel/dtype.js';
import { findMetaGraph, SERVE_TAGS } from '../../savedmodel/meta-graph.js';
import type { SavedModel } from '../../savedmodel/saved-model.js';
import { DEFAULT_SIGNATURE_KEY, INTERNAL_SIGNATURE_KEYS } from '../../savedmodel/signature.js';
import type { DescribeOptions } from '../protocol.js';

export const V2_PROTOCOL_ID = 'kserve-v2';
export const V2_PROTOCOL = 'Open Inference Protocol (KServe V2)';

/** What a V2 server answers to GET /v2/models/<name>: the document's example and the mock's answer. */
export const modelMetadata = (api: V2Api, version: string) => ({
  name: api.name,
  versions: [version],
  platform: 'tensorflow_savedmodel',
  inputs: api.inputs.map((t) => ({ name: t.name, datatype: t.datatype, shape: t.shape ?? [-1] })),
  outputs: api.outputs.map((t) => ({ name: t.name, datatype: t.datatype, shape: t.shape ?? [-1] })),
});

/** TensorFlow dtype → V2 datatype (*_REF as its base); the rest cannot be carried. */
export const DATATYPES: Readonly<Record<string, string>> = {
  DT_BOOL: 'BOOL',
  DT_UINT8: 'UINT8',
  DT_UINT16: 'UINT16',
  DT_UINT32: 'UINT32',
  DT_UINT64: 'UINT64',
  DT_INT8: 'INT8',
  DT_INT16: 'INT16',
  DT_INT32: 'INT32',
  DT_INT64: 'INT64',
  DT_HALF: 'FP16',
  DT_BFLOAT16: 'BF16',
  DT_FLOAT: 'FP32',
  DT_DOUBLE: 'FP64',
  DT_STRING: 'BYTES',
};

import type { V2Api, V2Tensor } from './runtime/contract.js';
export * from './runtime/contract.js';

export function describeV2(model: SavedModel, opts: DescribeOptions): V2Api {
  const mg = findMetaGraph(model.metaGraphs, opts.tags ?? SERVE_TAGS, model.file);
  const key = opts.signature ?? DEFAULT_SIGNATURE_KEY;
  const sig = mg.signatures.find((s) => s.key === key);
  const servable = mg.signatures.filter((s) => !(INTERNAL_SIGNATURE_KEYS as readonly string[]).includes(s.key)).map((s) => JSON.stringify(s.key));
  if (!sig)
    throw new Tf2OpenApiError(
      'NO_SUCH_SIGNATURE',
      `${model.file}: no signature ${JSON.stringify(key)} to serve over V2 (a V2 server serves one; name it with -s); signatures: ${servable.join(', ') || 'none'}`,
    );
  const tensors = (side: 'input' | 'output') =>
    (side === 'input' ? sig.inputs : sig.outputs).map((t): V2Tensor => {
      if (t.encoding !== 'name')
        throw new Tf2OpenApiError(
          'NO_SUCH_SIGNATURE',
          `${model.file}: signature ${JSON.stringify(key)}: ${side} ${JSON.stringify(t.alias)} is not a dense tensor, which V2 cannot carry`,
        );
      const datatype = DATATYPES[dtypeOf(t.dtype).base];
      if (!datatype)
        throw new Tf2OpenApiError(
          'NO_SUCH_SIGNATURE',
          `${model.file}: signature ${JSON.stringify(key)}: ${side} ${JSON.stringify(t.alias)} is ${t.dtype}, which V2 has no datatype for`,
        );
      return { name: t.alias, datatype, shape: t.shape, dtype: t.dtype };
    });
  const inputs = tensors('input');
  if (inputs.length === 0) throw new Tf2OpenApiError('NO_SUCH_SIGNATURE', `${model.file}: signature ${JSON.stringify(key)} has no inputs`);
  return {
    name: opts.name,
    ...(opts.version !== undefined ? { version: opts.version } : {}),
    signature: key,
    inputs,
    outputs: tensors('output'),
    signatures: [{ key }],
    skipped: mg.signatures
      .filter((s) => s.key !== key && !(INTERNAL_SIGNATURE_KEYS as readonly string[]).includes(s.key))
      .map((s) => ({ key: s.key, reason: 'a V2 server serves one signature' })),
    tensorflowVersion: mg.tensorflowVersion,
  };
}

/** Elements in a tensor of this (concrete) shape. */
