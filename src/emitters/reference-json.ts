// The SavedModel as JSON in the corpus's reference.json format (see README): the stable,
// machine-readable form of `tf2openapi inspect --json`.
import type { SavedModel } from '../savedmodel/saved-model.js';
import type { TensorSpec } from '../savedmodel/tensor.js';

export interface ReferenceTensor {
  name: string;
  dtype: string;
  shape: number[] | null;
  encoding: string;
}

export interface ReferenceJson {
  saved_model_schema_version: number;
  meta_graphs: {
    tags: string[];
    tensorflow_version: string;
    tensorflow_git_version: string;
    signature_def: Record<
      string,
      { method_name: string; inputs: Record<string, ReferenceTensor>; outputs: Record<string, ReferenceTensor>; defaults?: string[] }
    >;
  }[];
}

const tensors = (list: TensorSpec[]) => Object.fromEntries(list.map((t) => [t.alias, { name: t.name, dtype: t.dtype, shape: t.shape, encoding: t.encoding }]));

export function toReferenceJson(model: SavedModel): ReferenceJson {
  return {
    saved_model_schema_version: model.schemaVersion,
    meta_graphs: model.metaGraphs.map((mg) => ({
      tags: mg.tags,
      tensorflow_version: mg.tensorflowVersion,
      tensorflow_git_version: mg.tensorflowGitVersion,
      signature_def: Object.fromEntries(
        mg.signatures.map((s) => [
          s.key,
          {
            method_name: s.methodName,
            inputs: tensors(s.inputs),
            outputs: tensors(s.outputs),
            ...(s.defaults.length ? { defaults: s.defaults } : {}),
          },
        ]),
      ),
    })),
  };
}
