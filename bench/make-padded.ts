// Writes a SavedModel the way TensorFlow lays one out, with a graph_def of about `bytes` bytes
// (Const nodes carrying 4 KiB tensors, or small scalar Consts) before the signatures. Streams to disk: the benchmark's
// 1 GB model is never held in memory by the writer.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { metaGraphObject, type ModelToEncode } from '../src/savedmodel/encode.js';
import { messageType } from '../src/savedmodel/schema.js';
import { encodeVarint } from '../src/wire/read-varint.js';

const ld = (field: number, length: number) => Buffer.concat([encodeVarint(field * 8 + 2), encodeVarint(length)]);

/** A weight: one 4 KiB Const node. */
export const WEIGHT_NODE = {
  name: 'dense/kernel/Initializer/random_uniform',
  op: 'Const',
  attr: {
    dtype: { type: 'DT_FLOAT' },
    value: { tensor: { dtype: 'DT_FLOAT', tensor_shape: { dim: [{ size: 1024 }] }, tensor_content: Buffer.alloc(4096, 7) } },
  },
};
/** The other extreme: a small scalar Const (~90 bytes), so a gigabyte holds about ten million. */
export const SMALL_NODE = {
  name: 'model/layer_17/batch_norm/epsilon',
  op: 'Const',
  attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensor_shape: {}, float_val: [0.001] } } },
};

export async function writePaddedModel(file: string, model: ModelToEncode['metaGraphs'][number], bytes: number, filler: object = WEIGHT_NODE): Promise<number> {
  const nodeType = messageType('NodeDef');
  const node = nodeType.encode(nodeType.fromObject(filler)).finish();
  const nodeField = Buffer.concat([ld(1, node.length), node]);
  const count = Math.max(1, Math.round(bytes / nodeField.length));
  const graphLength = count * nodeField.length;

  const mgType = messageType('MetaGraphDef');
  const obj = metaGraphObject(model);
  const info = mgType.encode(mgType.fromObject({ meta_info_def: obj.meta_info_def })).finish();
  const sigs = mgType.encode(mgType.fromObject({ signature_def: obj.signature_def })).finish();
  const graphHead = ld(2, graphLength);
  const mgLength = info.length + graphHead.length + graphLength + sigs.length;

  const out = createWriteStream(file);
  const write = async (b: Uint8Array) => {
    if (!out.write(b)) await once(out, 'drain');
  };
  await write(Buffer.concat([Uint8Array.from([0x08, 0x01]), ld(2, mgLength), info, graphHead]));
  const batch = Buffer.concat(Array(256).fill(nodeField));
  let left = count;
  for (; left >= 256; left -= 256) await write(batch);
  for (; left > 0; left--) await write(nodeField);
  await write(sigs);
  out.end();
  await once(out, 'finish');
  return 2 + ld(2, mgLength).length + mgLength;
}
