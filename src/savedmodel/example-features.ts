// The tf.Example features a classify/regress signature parses: found by streaming the graph's
// nodes for the ParseExample / ParseExampleV2 op fed by the signature's serialized input, and the
// Const nodes holding its feature keys. Node headers are walked; only Const and ParseExample nodes
// are decoded, so a large graph costs a read, not a decode.
import type { RandomAccess } from '../source/random-access.js';
import { ByteWindow } from '../wire/byte-window.js';
import { WIRE, walkFields } from '../wire/walk-fields.js';
import { dtypeName } from './dtype.js';
import type { MetaGraph } from './meta-graph.js';
import { Tf2OpenApiError } from '../errors.js';
import { checkNesting } from '../wire/check-nesting.js';
import { messageType, TO_OBJECT } from './schema.js';

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
  const nodeType = messageType('NodeDef');
  const consts = new Map<string, string[]>();
  const sizes = new Map<string, number>(); // Const node → element count, for dense defaults
  const parses: NodeObject[] = [];
  const span = { start: mg.graphDef.offset, end: mg.graphDef.offset + mg.graphDef.length, path: 'graph_def' };
  for await (const f of walkFields(win, span)) {
    if (f.number !== 1 || f.wireType !== WIRE.LEN) continue; // GraphDef.node
    const op = await nodeOp(win, f.valueOffset, f.valueLength);
    if (op !== 'Const' && !PARSE_OPS.has(op ?? '')) continue;
    if (op === 'Const' && f.valueLength > MAX_KEY_NODE) continue;
    // The features are a refinement: a node that does not decode is passed over, not fatal.
    let node: NodeObject;
    try {
      const bytes = await win.bytes(f.valueOffset, f.valueLength);
      checkNesting(bytes, nodeType, `${span.path} node`);
      node = nodeType.toObject(nodeType.decode(bytes), TO_OBJECT) as NodeObject;
    } catch (e) {
      if (e instanceof Tf2OpenApiError && e.kind === 'LIMIT_EXCEEDED') continue;
      if (e instanceof Tf2OpenApiError) throw e;
      continue;
    }
    if (op === 'Const') {
      const t = node.attr?.value?.tensor;
      sizes.set(
        node.name ?? '',
        (t?.tensor_shape?.dim ?? []).reduce((n, d) => n * (d.size ?? 0), 1),
      );
      if (t?.dtype === 'DT_STRING' && t.string_val)
        consts.set(
          node.name ?? '',
          t.string_val.map((b) => Buffer.from(b).toString('utf8')),
        );
    } else if (inputs.has(tensorOf(node.input?.[0] ?? ''))) parses.push(node);
  }
  for (const node of parses) {
    // A dense default given as an empty Const means the feature must be present.
    const required = (i: number) => sizes.get(tensorOf(node.input?.[i] ?? '')) === 0;
    const features = node.op === 'ParseExample' ? parseExampleV1(node, consts, required) : parseExampleV2(node, consts, required);
    if (features) for (const key of inputs.get(tensorOf(node.input![0]!))!) out.set(key, features);
  }
  return out;
}

/** A node's op, from its field headers (name = 1, op = 2) without decoding the rest. */
async function nodeOp(win: ByteWindow, offset: number, length: number): Promise<string | undefined> {
  for await (const f of walkFields(win, { start: offset, end: offset + length, path: 'node' })) {
    if (f.number === 2 && f.wireType === WIRE.LEN) return new TextDecoder().decode(await win.bytes(f.valueOffset, Math.min(f.valueLength, 256)));
  }
  return undefined;
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
