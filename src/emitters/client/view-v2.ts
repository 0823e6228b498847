// What the V2 client templates see: the one signature a V2 server serves, its tensors typed by V2
// datatype, every model string made safe for where it lands.
import type { V2Api, V2Tensor } from '../../protocol/v2/runtime/contract.js';
import { commentText } from './escape.js';
import { shapeText } from './model.js';
import { nestedType } from './view.js';

export interface V2TensorView {
  /** As the model names it (for Markdown through its helpers). */
  name: string;
  /** As a quoted property name. */
  prop: string;
  datatype: string;
  dtype: string;
  shapeText: string;
  /** Datatype, shape and TensorFlow dtype, for a doc comment. */
  doc: string;
  /** Nested lists by shape, or `Flat<el>`. */
  inputType: string;
  /** The element type of the output's flat data. */
  outputElement: string;
}

export interface V2ClientView {
  packageName: string;
  packageVersion: string;
  description: string;
  modelName: string;
  signature: string;
  tensorflowVersion: string;
  typescriptVersion: string;
  inputs: V2TensorView[];
  outputs: V2TensorView[];
  /** The model contract as JSON text, parsed by the generated code at load. */
  contract: string;
}

/** `data` element per V2 datatype: BYTES as strings in JSON or bytes (binary data extension),
 * 64-bit integers may pass 2^53. */
function element(datatype: string, side: 'input' | 'output'): string {
  if (datatype === 'BOOL') return 'boolean';
  if (datatype === 'BYTES') return 'string | Uint8Array';
  if (datatype === 'INT64' || datatype === 'UINT64') return side === 'input' ? 'number | bigint' : 'Int64<M>';
  return 'number';
}

function tensorView(t: V2Tensor): V2TensorView {
  const el = element(t.datatype, 'input');
  return {
    doc: commentText(`${t.datatype} ${shapeText(t.shape)} (${t.dtype})`),
    name: t.name,
    prop: JSON.stringify(t.name),
    datatype: t.datatype,
    dtype: t.dtype,
    shapeText: shapeText(t.shape),
    inputType: `${nestedType(el, t.shape)} | Flat<${el}>`,
    outputElement: element(t.datatype, 'output'),
  };
}

export function clientViewV2(api: V2Api, opts: { packageName: string; packageVersion: string; typescriptVersion: string }): V2ClientView {
  return {
    ...opts,
    description: `Typed KServe V2 (Open Inference Protocol) client for model ${JSON.stringify(api.name)}`,
    modelName: api.name,
    signature: api.signature,
    tensorflowVersion: api.tensorflowVersion,
    inputs: api.inputs.map(tensorView),
    outputs: api.outputs.map(tensorView),
    contract: JSON.stringify(api),
  };
}
