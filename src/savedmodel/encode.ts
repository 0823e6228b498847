// Writes a SavedModel from the project's model: how the project makes its own fixtures and the
// benchmark's padded models. The inverse of read.ts for everything read.ts keeps.
import type { MetaGraph } from './meta-graph.js';
import { messageType } from './schema.js';
import type { Signature } from './signature.js';
import type { TensorSpec } from './tensor.js';

export interface ModelToEncode {
  schemaVersion?: number;
  metaGraphs: (Omit<MetaGraph, 'signatures' | 'graphDef'> & {
    signatures: Pick<Signature, 'key' | 'methodName' | 'inputs' | 'outputs' | 'defaults'>[];
    /** An already encoded GraphDef to store as the meta graph's graph_def. */
    graphDef?: Uint8Array;
  })[];
}

function tensorInfo(t: TensorSpec): Record<string, unknown> {
  const shape = t.shape === null ? { unknown_rank: true } : { dim: t.shape.map((size) => ({ size })) };
  const common = { dtype: t.dtype, tensor_shape: shape };
  if (t.encoding === 'coo_sparse') {
    const c = t.cooSparse ?? { values: t.name, indices: '', denseShape: '' };
    return { ...common, coo_sparse: { values_tensor_name: c.values, indices_tensor_name: c.indices, dense_shape_tensor_name: c.denseShape } };
  }
  if (t.encoding === 'composite_tensor') {
    const c = t.composite ?? { typeSpecClass: 'UNKNOWN', components: [] };
    return {
      ...common,
      composite_tensor: {
        type_spec: { type_spec_class: c.typeSpecClass, ...(c.typeSpecClassName ? { type_spec_class_name: c.typeSpecClassName } : {}) },
        components: c.components.map(tensorInfo),
      },
    };
  }
  return { ...common, name: t.name };
}

const byAlias = (list: TensorSpec[]) => Object.fromEntries(list.map((t) => [t.alias, tensorInfo(t)]));

/** The MetaGraphDef as a protobufjs plain object, graph_def left out. */
export function metaGraphObject(mg: ModelToEncode['metaGraphs'][number]): Record<string, unknown> {
  return {
    meta_info_def: {
      meta_graph_version: '',
      tags: mg.tags,
      tensorflow_version: mg.tensorflowVersion,
      tensorflow_git_version: mg.tensorflowGitVersion,
    },
    signature_def: Object.fromEntries(
      mg.signatures.map((s) => [
        s.key,
        {
          method_name: s.methodName,
          inputs: byAlias(s.inputs),
          outputs: byAlias(s.outputs),
          defaults: Object.fromEntries(s.defaults.map((k) => [k, { dtype: s.inputs.find((t) => t.alias === k)?.dtype ?? 'DT_FLOAT' }])),
        },
      ]),
    ),
  };
}

export function encodeSavedModel(model: ModelToEncode): Uint8Array {
  const type = messageType('SavedModel');
  const obj = type.fromObject({
    saved_model_schema_version: model.schemaVersion ?? 1,
    meta_graphs: model.metaGraphs.map((mg) => ({
      ...metaGraphObject(mg),
      ...(mg.graphDef ? { graph_def: messageType('GraphDef').decode(mg.graphDef) } : {}),
    })),
  });
  return type.encode(obj).finish();
}

export function encodeGraphDef(nodes: Record<string, unknown>[]): Uint8Array {
  const type = messageType('GraphDef');
  return type.encode(type.fromObject({ node: nodes })).finish();
}
