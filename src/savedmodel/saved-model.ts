// The whole SavedModel as the project sees it: protocol-free, plain data.
import type { MetaGraph } from './meta-graph.js';

export interface SavedModel {
  /** The saved_model.pb this was read from. */
  file: string;
  schemaVersion: number;
  metaGraphs: MetaGraph[];
}
