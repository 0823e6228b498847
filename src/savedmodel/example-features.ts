// The tf.Example features a classify/regress signature parses: found by streaming the graph's
// nodes for the ParseExample / ParseExampleV2 op fed by the signature's serialized input, and the
// Const nodes holding its feature keys. Node headers are walked; only those ParseExample nodes and
// the Const nodes they read are decoded, and nothing is kept per node: a large graph costs a read.
import type { RandomAccess } from '../source/random-access.js';
import { ByteWindow } from '../wire/byte-window.js';
import { readShortVarint as varint, shortVarintSize as varintSize } from '../wire/read-varint.js';
import { WIRE, walkFields } from '../wire/walk-fields.js';
import { dtypeName } from './dtype.js';
import type { MetaGraph } from './meta-graph.js';
import { Tf2OpenApiError } from '../errors.js';
import { decodeMessage } from '../wire/decode-message.js';
import { wireSchema } from './wire-schema.js';

export interface ExampleFeature {
  name: string;
  dtype: string;
  /** dense: fixed shape per example; sparse/ragged: any number of values. */
  kind: 'dense' | 'sparse' | 'ragged';
  /** Dense features only. */
  shape?: number[];
  /** Dense features without a default must be present in every example. */
  required: boolean;
}

interface NodeObject {
  name?: string;
  op?: string;
  input?: string[];
  attr?: Record<
    string,
    {
      i?: number;
      type?: string | number;
      list?: { type?: (string | number)[]; shape?: { dim?: { size?: number }[]; unknown_rank?: boolean }[] };
      tensor?: TensorObject;
    }
  >;
}
interface TensorObject {
  dtype?: string;
  tensor_shape?: { dim?: { size?: number }[] };
  string_val?: number[][];
}

const PARSE_OPS = new Set(['ParseExample', 'ParseExampleV2']);
/** Larger Const nodes are weights, never feature keys: not worth decoding. */
const MAX_KEY_NODE = 64 * 1024;
const tensorOf = (input: string) => input.replace(/^\^/, '').replace(/:0$/, '');

/** Feature lists per signature key, for the signatures whose serialized input a ParseExample reads. */
export async function readExampleFeatures(source: RandomAccess, mg: MetaGraph, signatureKeys: string[]): Promise<Map<string, ExampleFeature[]>> {
  const out = new Map<string, ExampleFeature[]>(); // a Map: a signature may be called __proto__
  if (!mg.graphDef || signatureKeys.length === 0) return out;
  const inputs = new Map<string, string[]>(); // graph tensor → the signatures it is the input of
  for (const s of mg.signatures) {
    if (!signatureKeys.includes(s.key) || s.inputs.length !== 1) continue;
    const t = tensorOf(s.inputs[0]!.name);
    inputs.set(t, [...(inputs.get(t) ?? []), s.key]);
  }
  const win = new ByteWindow(source);
  const span = { start: mg.graphDef.offset, end: mg.graphDef.offset + mg.graphDef.length, path: 'graph_def' };
  // Two walks of the node headers, nothing kept per node: the ParseExample nodes fed by a signature's
  // input first (most graphs have none and stop there), then only the Const nodes those read, by name.
  const parses: NodeObject[] = [];
  for (const n of await selectNodes(win, span, wantOps([...PARSE_OPS]))) {
    const node = await decodeNode(win, n.offset, n.length, span.path);
    if (node && inputs.has(tensorOf(node.input?.[0] ?? ''))) parses.push(node);
  }
  if (parses.length === 0) return out;
  const wanted = new Set(parses.flatMap((p) => (p.input ?? []).map(tensorOf)));
  const consts = new Map<string, string[]>();
  const sizes = new Map<string, number>(); // Const node → element count, for dense defaults
  for (const n of await selectNodes(win, span, wantOps(['Const'], MAX_KEY_NODE, wanted))) {
    const node = await decodeNode(win, n.offset, n.length, span.path);
    const t = node?.attr?.value?.tensor;
    if (!node || !t) continue;
    sizes.set(
      n.name!,
      (t.tensor_shape?.dim ?? []).reduce((k, d) => k * (d.size ?? 0), 1),
    );
    if (t.dtype === 'DT_STRING' && t.string_val)
      consts.set(
        n.name!,
        t.string_val.map((b) => Buffer.from(b).toString('utf8')),
      );
  }
  for (const node of parses) {
    // A dense default given as an empty Const means the feature must be present.
    const required = (i: number) => sizes.get(tensorOf(node.input?.[i] ?? '')) === 0;
    const features = node.op === 'ParseExample' ? parseExampleV1(node, consts, required) : parseExampleV2(node, consts, required);
    if (features) for (const key of inputs.get(tensorOf(node.input![0]!))!) out.set(key, features);
  }
  return out;
}

interface NodeHead {
  name?: string;
  op?: string;
  offset: number;
  length: number;
}
type Span = { start: number; end: number; path: string };

/** The nodes `keep` picks, from field headers only. Four megabytes at a time, synchronously within them:
 * ten million nodes must not cost ten million awaits. Anything unusual goes to the exact walk. */
async function selectNodes(win: ByteWindow, span: Span, want: Want): Promise<NodeHead[]> {
  const keep = (n: NodeHead) => want.ops.has(n.op ?? '') && n.length <= want.maxLength && (!want.names || want.names.has(n.name ?? ''));
  const nameLengths = want.names ? new Set([...want.names].map((n) => encoder.encode(n).length)) : undefined;
  const kept: NodeHead[] = [];
  // A local file is read into one buffer, reused (nothing kept points into it).
  const source = win.source;
  const reused = source.readInto ? new Uint8Array(Math.min(SCAN_CHUNK, span.end - span.start)) : undefined;
  for (let at = span.start; at < span.end;) {
    const take = Math.min(SCAN_CHUNK, span.end - at);
    const chunk = reused ? reused.subarray(0, take) : await win.bytes(at, take);
    if (reused) await source.readInto!(chunk, at);
    let p = 0;
    while (p < chunk.length) {
      const key = varint(chunk, p);
      if (key < 0) break;
      const keySize = varintSize;
      const wire = key % 8;
      let size: number;
      if (wire === WIRE.LEN) {
        const len = varint(chunk, p + keySize);
        if (len < 0) break;
        const start = p + keySize + varintSize;
        if (key >>> 3 === 1) {
          // GraphDef.node: its header must be in this chunk, else read on from it.
          if (start + Math.min(len, HEAD) > chunk.length) break;
          if (!readHead(chunk, start, start + Math.min(len, HEAD))) return slowSelect(win, span, keep);
          // Strings are made only for nodes that may be kept: an op first, a name of a wanted length.
          if (len <= want.maxLength && want.opLengths.has(HEAD_AT[3]! - HEAD_AT[2]!)) {
            const op = decoder.decode(chunk.subarray(HEAD_AT[2]!, HEAD_AT[3]!));
            const named = HEAD_AT[0]! >= 0 && (!nameLengths || nameLengths.has(HEAD_AT[1]! - HEAD_AT[0]!));
            const n: NodeHead = {
              ...(named ? { name: decoder.decode(chunk.subarray(HEAD_AT[0]!, HEAD_AT[1]!)) } : {}),
              op,
              offset: at + start,
              length: len,
            };
            if (keep(n)) kept.push(n);
          }
        }
        size = start - p + len;
      } else if (wire === WIRE.VARINT) {
        if (varint(chunk, p + keySize) < 0) break;
        size = keySize + varintSize;
      } else if (wire === WIRE.I64) size = keySize + 8;
      else if (wire === WIRE.I32) size = keySize + 4;
      else return slowSelect(win, span, keep);
      // A field may run past this chunk (its bytes are not needed), never past the graph.
      if (at + p + size > span.end) return slowSelect(win, span, keep);
      p += size;
    }
    if (p === 0) return slowSelect(win, span, keep); // not even one field fits: the exact walk says why
    at += p;
  }
  return kept;
}
const SCAN_CHUNK = 4 << 20;

/** Where name and op lie in bytes[from, to) when TensorFlow's order holds (name = 1, op = 2 first),
 * into HEAD_AT as offsets into `bytes` (name start/end, -1 when absent; op start/end); false
 * otherwise. Allocates nothing, not even a view: it runs per node. */
function readHead(bytes: Uint8Array, from: number, to: number): boolean {
  HEAD_AT[0] = HEAD_AT[1] = -1;
  for (let at = from; at < to;) {
    const key = varint(bytes, at);
    if (key < 0 || key % 8 !== WIRE.LEN) return false;
    const len = varint(bytes, (at += varintSize));
    if (len < 0) return false;
    const start = at + varintSize;
    if (start + len > to) return false;
    if (key >>> 3 === 1) ((HEAD_AT[0] = start), (HEAD_AT[1] = start + len));
    else if (key >>> 3 === 2) return ((HEAD_AT[2] = start), (HEAD_AT[3] = start + len), true);
    else return false;
    at = start + len;
  }
  return false;
}
const HEAD_AT = new Int32Array(4);

interface Want {
  ops: Set<string>;
  /** Their UTF-8 lengths, to skip other nodes without making a string. */
  opLengths: Set<number>;
  names?: Set<string>;
  maxLength: number;
}
const wantOps = (ops: string[], maxLength = Infinity, names?: Set<string>): Want => ({
  ops: new Set(ops),
  opLengths: new Set(ops.map((o) => encoder.encode(o).length)),
  ...(names ? { names } : {}),
  maxLength,
});
const encoder = new TextEncoder();

async function slowSelect(win: ByteWindow, span: Span, keep: (n: NodeHead) => boolean): Promise<NodeHead[]> {
  const kept: NodeHead[] = [];
  for await (const f of walkFields(win, span)) {
    if (f.number !== 1 || f.wireType !== WIRE.LEN) continue; // GraphDef.node
    const n: NodeHead = { ...(await nodeHeaderSlow(win, f.valueOffset, f.valueLength)), offset: f.valueOffset, length: f.valueLength };
    if (keep(n)) kept.push(n);
  }
  return kept;
}

/** The features are a refinement: a node that does not decode is passed over, not fatal. */
async function decodeNode(win: ByteWindow, offset: number, length: number, path: string): Promise<NodeObject | undefined> {
  const bytes = await win.bytes(offset, length);
  try {
    // The descriptor-driven decoder: nesting bounded, every fault typed, and no protobufjs to load.
    return decodeMessage(wireSchema(), 'tensorflow.NodeDef', bytes, `${path} node`) as NodeObject;
  } catch (e) {
    if (e instanceof Tf2OpenApiError && (e.kind === 'CORRUPT' || e.kind === 'LIMIT_EXCEEDED')) return undefined;
    throw e;
  }
}

const HEAD = 512;
const decoder = new TextDecoder();

/** Any field order, any name length: the walk. */
async function nodeHeaderSlow(win: ByteWindow, offset: number, length: number): Promise<{ name?: string; op?: string }> {
  let name: string | undefined;
  for await (const f of walkFields(win, { start: offset, end: offset + length, path: 'node' })) {
    if (f.wireType !== WIRE.LEN) continue;
    // A Const node over MAX_KEY_NODE is never decoded, so no longer name is ever looked up.
    if (f.number === 1) name = f.valueLength <= MAX_KEY_NODE ? decoder.decode(await win.bytes(f.valueOffset, f.valueLength)) : undefined;
    else if (f.number === 2)
      return { ...(name !== undefined ? { name } : {}), op: decoder.decode(await win.bytes(f.valueOffset, Math.min(f.valueLength, 256))) };
  }
  return name !== undefined ? { name } : {};
}

const types = (node: NodeObject, attr: string) => (node.attr?.[attr]?.list?.type ?? []).map((t) => dtypeName(t));
const shapes = (node: NodeObject) => (node.attr?.dense_shapes?.list?.shape ?? []).map((s) => (s.dim ?? []).map((d) => d.size ?? 0));
const constInput = (node: NodeObject, i: number, consts: Map<string, string[]>) => consts.get(tensorOf(node.input?.[i] ?? ''));
/** A dense default given as an empty tensor means the feature is required. */

function dense(names: string[], tdense: string[], dshapes: number[][], required: (i: number) => boolean): ExampleFeature[] {
  return names.map((name, i) => ({ name, dtype: tdense[i] ?? 'DT_INVALID', kind: 'dense' as const, shape: dshapes[i] ?? [], required: required(i) }));
}

/** A count read from the file, trusted only as far as the node's inputs can back it. */
const count = (n: unknown, max: number): number | undefined => (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max ? n : undefined);

function parseExampleV1(node: NodeObject, consts: Map<string, string[]>, required: (input: number) => boolean): ExampleFeature[] | undefined {
  // Inputs: serialized, names, Nsparse sparse keys, Ndense dense keys, Ndense defaults.
  const inputs = node.input?.length ?? 0;
  const nSparse = count(node.attr?.Nsparse?.i ?? 0, inputs);
  const nDense = count(node.attr?.Ndense?.i ?? 0, inputs);
  if (nSparse === undefined || nDense === undefined || 2 + nSparse + 2 * nDense > inputs) return undefined;
  const sparseKeys = Array.from({ length: nSparse }, (_, i) => constInput(node, 2 + i, consts)?.[0]);
  const denseKeys = Array.from({ length: nDense }, (_, i) => constInput(node, 2 + nSparse + i, consts)?.[0]);
  if ([...sparseKeys, ...denseKeys].some((k) => k === undefined)) return undefined;
  const sparseTypes = types(node, 'sparse_types');
  return [
    ...dense(denseKeys as string[], types(node, 'Tdense'), shapes(node), (i) => required(2 + nSparse + nDense + i)),
    ...(sparseKeys as string[]).map((name, i) => ({ name, dtype: sparseTypes[i] ?? 'DT_INVALID', kind: 'sparse' as const, required: false })),
  ];
}

function parseExampleV2(node: NodeObject, consts: Map<string, string[]>, required: (input: number) => boolean): ExampleFeature[] | undefined {
  const [sparseKeys, denseKeys, raggedKeys] = [2, 3, 4].map((i) => constInput(node, i, consts));
  if (!sparseKeys || !denseKeys || !raggedKeys) return undefined;
  const sparseTypes = types(node, 'sparse_types');
  const raggedTypes = types(node, 'ragged_value_types');
  return [
    ...dense(denseKeys, types(node, 'Tdense'), shapes(node), (i) => required(5 + i)),
    ...sparseKeys.map((name, i) => ({ name, dtype: sparseTypes[i] ?? 'DT_INVALID', kind: 'sparse' as const, required: false })),
    ...raggedKeys.map((name, i) => ({ name, dtype: raggedTypes[i] ?? 'DT_INVALID', kind: 'ragged' as const, required: false })),
  ];
}
