// TF Serving's on-disk layouts: a saved_model.pb, a SavedModel directory, or a model base whose
// numeric subdirectories are versions (the highest is served unless one is asked for).
import { Tf2OpenApiError } from '../errors.js';
import type { ModelStore } from './store.js';

export const SAVED_MODEL_PB = 'saved_model.pb';
export const SAVED_MODEL_PBTXT = 'saved_model.pbtxt';
const VERSION_DIR = /^\d+$/;

export interface ResolvedModel {
  /** The saved_model.pb to read. */
  file: string;
  /** The version directory's name, when the location was a model base. */
  version?: string;
  /** The model base's numeric version directories, lowest first (the chosen one checked to hold a
   * SavedModel, the others not: checking each would cost requests per version); empty for a single SavedModel. */
  versions: string[];
}

export interface ResolveOptions {
  /** A version number; matched by value, so 123 finds 00000123. */
  version?: string | number;
  /** Read a single SavedModel even when a version is given (the version then only labels it). */
  versionOptional?: boolean;
}

export async function resolveModel(store: ModelStore, location: string, opts: ResolveOptions = {}): Promise<ResolvedModel> {
  const kind = await store.kind(location);
  if (kind === 'missing') throw new Tf2OpenApiError('NOT_FOUND', `${location}: no such file or directory`);
  if (kind === 'file') {
    if (opts.version !== undefined && !opts.versionOptional)
      throw new Tf2OpenApiError('NO_SUCH_VERSION', `${location}: --version needs a model base directory, not a file`);
    if (location.endsWith('.pbtxt')) throw pbtxtError(location);
    return { file: location, versions: [] };
  }
  const names = await store.list(location);
  const direct = await savedModelIn(store, location, names);
  if (direct && (opts.version === undefined || opts.versionOptional)) return { file: direct, versions: [] };

  // Newest first, and only as far as needed: a base of 100,000 versions costs its listing and the
  // two requests that check the newest, not two requests per version.
  const numeric = names.filter((n) => VERSION_DIR.test(n)).sort(newestFirst);
  const found = new Map<string, string | undefined>(); // version → its saved_model.pb, checked once
  const fileOf = async (name: string) => {
    if (!found.has(name)) {
      const dir = store.join(location, name);
      found.set(name, (await store.kind(dir)) === 'dir' ? await savedModelIn(store, dir, await store.list(dir)) : undefined);
    }
    return found.get(name);
  };
  const wanted = opts.version === undefined ? undefined : String(opts.version);
  const candidates = wanted === undefined ? numeric : VERSION_DIR.test(wanted) ? numeric.filter((n) => BigInt(n) === BigInt(wanted)) : [];
  for (const name of candidates) {
    const file = await fileOf(name);
    if (file) return { file, version: name, versions: [...numeric].reverse() };
  }
  if (wanted === undefined) throw noVersions(location, direct);
  // Every version holding a SavedModel, lowest first: checked in full only for this message.
  const versions: string[] = [];
  for (const n of numeric) if (await fileOf(n)) versions.unshift(n);
  if (versions.length === 0) throw noVersions(location, direct);
  throw new Tf2OpenApiError('NO_SUCH_VERSION', `${location}: no version ${wanted}; versions: ${versions.join(', ')}`);
}

/** Numeric version names, highest first (by value: 10 after 9, 00000123 as 123). */
const newestFirst = (a: string, b: string) => (BigInt(a) < BigInt(b) ? 1 : BigInt(a) > BigInt(b) ? -1 : 0);

function noVersions(location: string, direct: string | undefined): Tf2OpenApiError {
  if (direct) return new Tf2OpenApiError('NO_SUCH_VERSION', `${location}: is a single SavedModel with no version subdirectories; drop --version`);
  return new Tf2OpenApiError('NO_SAVED_MODEL', `${location}: no ${SAVED_MODEL_PB} and no numeric version subdirectories holding one`);
}

/** The saved_model.pb in a directory; a text-format-only SavedModel is an error, not a miss. */
async function savedModelIn(store: ModelStore, dir: string, names: string[]): Promise<string | undefined> {
  if (names.includes(SAVED_MODEL_PB)) return store.join(dir, SAVED_MODEL_PB);
  if (names.includes(SAVED_MODEL_PBTXT)) throw pbtxtError(store.join(dir, SAVED_MODEL_PBTXT));
  return undefined;
}

export function pbtxtError(file: string): Tf2OpenApiError {
  return new Tf2OpenApiError(
    'NOT_A_SAVED_MODEL',
    `${file}: is a SavedModel in protobuf text format (saved_model.pbtxt); text format is not read yet, convert it to saved_model.pb`,
  );
}

/** The SavedModel inside a Triton version directory (Triton's TensorFlow backend reads this name). */
export const TRITON_SAVEDMODEL_DIR = 'model.savedmodel';

export interface TritonModel {
  /** The model's directory in the repository: the name Triton serves it under (/v2/models/<name>). */
  name: string;
  file: string;
  version: string;
}

/**
 * A Triton model repository, as KServe's Triton runtime reads the storage URI:
 * `<uri>/<model>/<version>/model.savedmodel/saved_model.pb` (the highest version). With several
 * models in the repository, `modelName` picks one.
 */
export async function resolveTritonModel(store: ModelStore, uri: string, modelName?: string): Promise<TritonModel> {
  if ((await store.kind(uri)) !== 'dir')
    throw new Tf2OpenApiError('NOT_FOUND', `${uri}: not a directory; a Triton model repository is a directory of model directories`);
  const found: TritonModel[] = [];
  for (const name of await store.list(uri)) {
    if (modelName !== undefined && name !== modelName) continue;
    const dir = store.join(uri, name);
    if ((await store.kind(dir)) !== 'dir') continue;
    const versions = (await store.list(dir)).filter((v) => VERSION_DIR.test(v)).sort(newestFirst);
    for (const v of versions) {
      const file = store.join(store.join(store.join(dir, v), TRITON_SAVEDMODEL_DIR), SAVED_MODEL_PB);
      if ((await store.kind(file)) === 'file') {
        found.push({ name, file, version: v });
        break;
      }
    }
  }
  if (found.length === 0)
    throw new Tf2OpenApiError(
      'NO_SAVED_MODEL',
      `${uri}: no ${modelName !== undefined ? `model ${JSON.stringify(modelName)}` : 'model'} in Triton's layout <model>/<version>/${TRITON_SAVEDMODEL_DIR}/${SAVED_MODEL_PB}`,
    );
  if (found.length > 1)
    throw new Tf2OpenApiError(
      'USAGE',
      `${uri}: a repository of ${found.length} models (${found.map((m) => JSON.stringify(m.name)).join(', ')}); name one with --model-name`,
    );
  return found[0]!;
}
