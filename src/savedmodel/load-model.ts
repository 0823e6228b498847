// From a location (path now, URIs through other stores) to the decoded model.
import { resolveModel, type ResolvedModel } from '../source/resolve.js';
import type { RemoteOptions } from '../source/remote/options.js';
import type { ModelStore } from '../source/store.js';
import { storeFor } from '../source/stores.js';
import { readSavedModel, type ReadOptions } from './read.js';
import type { SavedModel } from './saved-model.js';

export interface LoadOptions extends ReadOptions {
  version?: string | number;
  /** A single SavedModel is read even when `version` is set. */
  versionOptional?: boolean;
  /** Also stream the graph for the tf.Example features of classify/regress signatures. */
  exampleFeatures?: boolean;
  store?: ModelStore;
  /** Timeouts, retries, endpoints and credentials for gs://, s3:// and http(s):// locations. */
  remote?: RemoteOptions;
  /** Lines for a person waiting: remote reads and graph scans, which can take seconds. */
  onProgress?: (line: string) => void;
}

/** A graph larger than this is worth a progress line before it is scanned. */
const LARGE_GRAPH = 64 * 2 ** 20;

export interface LoadedModel {
  model: SavedModel;
  resolved: ResolvedModel;
}

export async function loadModel(location: string, opts: LoadOptions = {}): Promise<LoadedModel> {
  const store = opts.store ?? (await storeFor(location, opts.remote));
  if (location.startsWith('file://')) location = new URL(location).pathname;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) opts.onProgress?.(`reading ${location} (ranged requests: the signatures only)`);
  const resolved = await resolveModel(store, location, {
    ...(opts.version !== undefined ? { version: opts.version } : {}),
    ...(opts.versionOptional ? { versionOptional: true } : {}),
  });
  const source = await store.open(resolved.file);
  try {
    const model = await readSavedModel(source, opts);
    if (opts.exampleFeatures) {
      for (const mg of model.metaGraphs) {
        // Any signature fed one string tensor may parse tf.Examples from it (Estimator predict ones too).
        const keys = mg.signatures.filter((s) => s.inputs.length === 1 && s.inputs[0]!.dtype === 'DT_STRING').map((s) => s.key);
        // Loaded only here: it decodes graph nodes with protobufjs, which a plain read never loads.
        if (keys.length && mg.graphDef && mg.graphDef.length > LARGE_GRAPH)
          opts.onProgress?.(`${resolved.file}: scanning the ${(mg.graphDef.length / 2 ** 20).toFixed(0)} MB graph for the tf.Example features it parses`);
        if (keys.length) mg.exampleFeatures = await (await import('./example-features.js')).readExampleFeatures(source, mg, keys);
      }
    }
    return { model, resolved };
  } finally {
    await source.close();
  }
}
