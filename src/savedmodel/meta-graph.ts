// A MetaGraphDef: one tag set of the SavedModel, with its signatures.
import { Tf2OpenApiError } from '../errors.js';
import type { ExampleFeature } from './example-features.js';
import type { Signature } from './signature.js';

export interface MetaGraph {
  tags: string[];
  tensorflowVersion: string;
  tensorflowGitVersion: string;
  signatures: Signature[];
  /** Where this meta graph's graph_def lies in the file, for the rare reader that needs ops. */
  graphDef?: { offset: number; length: number };
  /** tf.Example features parsed by classify/regress signatures, by signature key (loaded on request). */
  exampleFeatures?: Map<string, ExampleFeature[]>;
}

/** The tag set TF Serving loads unless told otherwise. */
export const SERVE_TAGS = ['serve'];

/** Tag sets match when equal as sets, as TF Serving compares them. */
export function tagsMatch(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((t) => sb.has(t));
}

export const formatTags = (tags: readonly string[]) => (tags.length ? tags.join(',') : '(no tags)');

export function findMetaGraph(metaGraphs: MetaGraph[], tags: readonly string[], file: string): MetaGraph {
  const found = metaGraphs.find((mg) => tagsMatch(mg.tags, tags));
  if (!found) {
    throw new Tf2OpenApiError(
      'NO_SUCH_TAGS',
      `${file}: no meta graph with tags '${formatTags(tags)}'; tag sets: ${metaGraphs.map((m) => `'${formatTags(m.tags)}'`).join(', ')}`,
    );
  }
  return found;
}
