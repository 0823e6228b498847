// `tf2openapi inspect`: the model's meta graphs and signatures.
import { toReferenceJson, type ReferenceJson } from '../emitters/reference-json.js';
import { inspectText } from '../emitters/inspect-text.js';
import { loadModel, type LoadOptions } from '../savedmodel/load-model.js';
import { findMetaGraph, type MetaGraph } from '../savedmodel/meta-graph.js';
import type { SavedModel } from '../savedmodel/saved-model.js';

export interface InspectOptions extends LoadOptions {
  /** Show only the meta graph with exactly this tag set. */
  tags?: string[];
}

export interface Inspection {
  model: SavedModel;
  metaGraphs: MetaGraph[];
  version?: string;
  json(): ReferenceJson;
  text(): string;
}

export async function inspect(location: string, opts: InspectOptions = {}): Promise<Inspection> {
  const { model, resolved } = await loadModel(location, opts);
  const metaGraphs = opts.tags ? [findMetaGraph(model.metaGraphs, opts.tags, model.file)] : model.metaGraphs;
  const selected = { ...model, metaGraphs };
  return {
    model,
    metaGraphs,
    ...(resolved.version ? { version: resolved.version } : {}),
    json: () => toReferenceJson(selected),
    text: () => inspectText(model, metaGraphs, resolved.version),
  };
}
