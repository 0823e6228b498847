// `tf2openapi inspect`: the model's meta graphs and signatures.
import { toReferenceJson, type ReferenceJson } from '../emitters/reference-json.js';
import { inspectText } from '../emitters/inspect-text.js';
import { loadModel, type LoadOptions } from '../savedmodel/load-model.js';
import { findMetaGraph, type MetaGraph } from '../savedmodel/meta-graph.js';
import type { SavedModel } from '../savedmodel/saved-model.js';
// describe only, not the protocol record: the record brings every protocol's document builders and
// checkers into the start-up of the command run most (the installed command bundles inspect alone).
import { describeModelApi } from '../protocol/tfserving/describe.js';

/** Per signature, the TF Serving endpoints that serve it, or why none does. */
function servedOn(model: SavedModel, mg: MetaGraph): Map<string, string> {
  const api = describeModelApi({ ...model, metaGraphs: [mg] }, { name: 'model', tags: mg.tags });
  const out = new Map<string, string>();
  for (const s of api.signatures) out.set(s.key, `TF Serving: ${s.endpoints.map((e) => `:${e}`).join(', ')}`);
  for (const s of api.skipped) out.set(s.key, `not served over REST: ${s.reason}`);
  for (const s of mg.signatures) if (!out.has(s.key)) out.set(s.key, 'internal TensorFlow signature, not served');
  return out;
}

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
    text: () => inspectText(model, metaGraphs, resolved.version, (mg) => servedOn(model, mg)),
  };
}
