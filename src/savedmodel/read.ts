// Reads a SavedModel's meta graphs and signatures with positioned reads: the top-level fields are
// walked by header, graph_def and the other bulky members are skipped unread, and only
// meta_info_def (minus its op list) and signature_def are decoded, from the protobufjs descriptor
// of proto/ but without loading protobufjs (half of a start; see wire/decode-message.ts).
import { Tf2OpenApiError } from '../errors.js';
import type { RandomAccess } from '../source/random-access.js';
import { ByteWindow } from '../wire/byte-window.js';
import { decodeMessage } from '../wire/decode-message.js';
import { selectFields, type Selection } from '../wire/select-fields.js';
import { WIRE, walkFields, type Span } from '../wire/walk-fields.js';
import type { MetaGraph } from './meta-graph.js';
import type { SavedModel } from './saved-model.js';
import { signatureFromObject, sortSignatures, type SignatureDefObject } from './signature.js';
import { sniffFormat } from './sniff-format.js';
import { wireSchema } from './wire-schema.js';

// SavedModel and MetaGraphDef field numbers (TensorFlow's saved_model.proto / meta_graph.proto).
const SAVED_MODEL = { SCHEMA_VERSION: 1, META_GRAPHS: 2 } as const;
const META_GRAPH = { META_INFO_DEF: 1, GRAPH_DEF: 2, SIGNATURE_DEF: 5 } as const;

/** What is decoded of each meta graph: MetaInfoDef without stripped_op_list/any_info, and signatures. */
const WANTED: Selection = {
  [META_GRAPH.META_INFO_DEF]: { 1: true, 4: true, 5: true, 6: true, 7: true },
  [META_GRAPH.SIGNATURE_DEF]: true,
  names: { 1: 'meta_info_def', 5: 'signature_def' },
};

export interface ReadOptions {
  /** Upper bound on the signature and meta-info bytes of one meta graph (default 64 MiB). */
  maxSignatureBytes?: number;
}

export async function readSavedModel(source: RandomAccess, opts: ReadOptions = {}): Promise<SavedModel> {
  const file = source.name;
  if (source.size === 0) throw new Tf2OpenApiError('EMPTY_FILE', `${file}: is empty`);
  const win = new ByteWindow(source);
  sniffFormat(await win.bytes(0, 256), file);

  let schemaVersion = 0;
  const spans: Span[] = [];
  for await (const f of walkFields(win, { start: 0, end: source.size, path: 'SavedModel' })) {
    if (f.number === SAVED_MODEL.SCHEMA_VERSION) {
      if (f.wireType === WIRE.LEN && spans.length === 0) {
        // GraphDef's first field is `repeated NodeDef node = 1`: the classic frozen-graph .pb.
        throw new Tf2OpenApiError('NOT_A_SAVED_MODEL', `${file}: looks like a frozen GraphDef, not a SavedModel`);
      }
      if (f.wireType !== WIRE.VARINT) throw wrongWire(file, 'saved_model_schema_version', f.offset);
      schemaVersion = f.varint!;
    } else if (f.number === SAVED_MODEL.META_GRAPHS) {
      if (f.wireType !== WIRE.LEN) throw wrongWire(file, 'meta_graphs', f.offset);
      spans.push({ start: f.valueOffset, end: f.valueOffset + f.valueLength, path: `meta_graphs[${spans.length}]` });
    }
  }
  if (spans.length === 0) throw new Tf2OpenApiError('NO_META_GRAPH', `${file}: the SavedModel holds no meta graph`);

  const metaGraphs: MetaGraph[] = [];
  for (const span of spans) metaGraphs.push(await readMetaGraph(win, span, opts));
  return { file, schemaVersion, metaGraphs };
}

async function readMetaGraph(win: ByteWindow, span: Span, opts: ReadOptions): Promise<MetaGraph> {
  const file = win.source.name;
  let graphDef: MetaGraph['graphDef'];
  const budget = { remaining: opts.maxSignatureBytes ?? 64 * 2 ** 20, what: `the signature_def of ${span.path}` };
  const bytes = await selectFields(win, span, WANTED, budget, (f) => {
    if (f.number === META_GRAPH.GRAPH_DEF && f.wireType === WIRE.LEN) graphDef = { offset: f.valueOffset, length: f.valueLength };
  });
  const what = `${file}: ${span.path}`;
  const obj = decodeMessage(wireSchema(), 'tensorflow.MetaGraphDef', bytes, what) as {
    meta_info_def?: { tags?: string[]; tensorflow_version?: string; tensorflow_git_version?: string };
    signature_def?: Record<string, SignatureDefObject>;
  };
  const info = obj.meta_info_def ?? {};
  const sigs = obj.signature_def ?? {};
  return {
    tags: info.tags ?? [],
    tensorflowVersion: info.tensorflow_version ?? '',
    tensorflowGitVersion: info.tensorflow_git_version ?? '',
    signatures: sortSignatures(Object.keys(sigs).map((key) => signatureFromObject(key, sigs[key]!))),
    ...(graphDef ? { graphDef } : {}),
  };
}

function wrongWire(file: string, field: string, offset: number): Tf2OpenApiError {
  return new Tf2OpenApiError('CORRUPT', `${file}: corrupt: ${field} at offset ${offset} has the wrong wire type`);
}
