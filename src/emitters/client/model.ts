// What a client package says of a model, in no language: the signatures each endpoint serves, their
// tensors, example arguments and parsed features. Each language's spelling module (view.ts for
// TypeScript, python.ts) turns this into the strings its templates place.
import { instanceShape, servedOn, type ModelApi, type ModelContract, type SignatureApi, type TensorJson } from '../../protocol/tfserving/describe.js';
import { examplesExample, predictExample, type Json } from '../../protocol/tfserving/examples.js';
import type { ExampleFeature } from '../../savedmodel/example-features.js';

/** An example argument: the tensors keyed by input, or, for a body too large to spell out, the shapes. */
export type ExampleArg = { value: Json } | { tooLarge: string };

export interface PredictModel {
  key: string;
  /** Row format in and out: every input and output batched, no two fixed batch sizes. */
  rowFormat: boolean;
  inputs: TensorJson[];
  outputs: TensorJson[];
  exampleRows: ExampleArg;
  exampleColumns: ExampleArg;
}

export interface ExamplesModel {
  key: string;
  /** The tf.Example features the graph parses, where it tells. */
  features?: ExampleFeature[];
  /** Example tf.Examples for a README (typed by those features), when small enough to spell out. */
  exampleArg?: Json;
}

export interface ClientModel {
  name: string;
  tensorflowVersion: string;
  predict: PredictModel[];
  classify: ExamplesModel[];
  regress: ExamplesModel[];
  hasDefault: boolean;
  contract: ModelContract;
}

/** The default npm name of a model's client package (docs pages name it in their snippets too). */
export function defaultPackageName(model: string, protocol: 'v1' | 'v2' = 'v1'): string {
  const base =
    model
      .toLowerCase()
      .replace(/[^a-z0-9-._~]+/g, '-')
      .replace(/^[-._]+|[-.]+$/g, '') || 'model';
  return `${base}-${protocol === 'v2' ? 'v2' : 'tfserving'}-client`.slice(0, 214);
}

/** A parsed feature as a doc line says it, in every language. */
export const featureDoc = (f: ExampleFeature): string =>
  `${f.kind} ${f.dtype}${f.shape ? ` [${f.shape.join(', ')}]` : ''}${f.required ? ', required here or in the context' : ''}`;

/** A shape as a doc line says it. */
export const shapeText = (shape: number[] | null): string => (shape === null ? 'unknown rank' : `[${shape.join(', ')}]`);

export function exampleArg(sig: SignatureApi, form: 'row request' | 'columnar request'): ExampleArg {
  const body = predictExample(sig, form, 'compact');
  if (body?.value !== undefined) {
    let arg = form === 'row request' ? (body.value as { instances: Json[] }).instances : (body.value as { inputs: Json }).inputs;
    // The clients always take inputs keyed by name, even for a single input.
    if (sig.inputs.length === 1) arg = form === 'row request' ? (arg as Json[]).map((v) => ({ [sig.inputs[0]!.alias]: v })) : { [sig.inputs[0]!.alias]: arg };
    return { value: arg };
  }
  const shapes = sig.inputs.map((t) => `${t.alias} [${(form === 'row request' ? instanceShape(t.shape) : t.shape)?.join(', ') ?? '?'}]`).join(', ');
  return { tooLarge: shapes };
}

export function clientModel(api: ModelApi): ClientModel {
  const examples = (m: 'classify' | 'regress') =>
    servedOn(api, m).map((s) => {
      const body = examplesExample(s, 'compact');
      return {
        key: s.key,
        ...(s.features ? { features: s.features } : {}),
        ...(body?.value !== undefined ? { exampleArg: (body.value as { examples: Json }).examples } : {}),
      };
    });
  return {
    name: api.name,
    tensorflowVersion: api.tensorflowVersion || 'unknown',
    predict: servedOn(api, 'predict').map((sig) => ({
      key: sig.key,
      rowFormat: sig.rowFormat && sig.rowResponse,
      inputs: sig.inputs,
      outputs: sig.outputs,
      exampleRows: exampleArg(sig, 'row request'),
      exampleColumns: exampleArg(sig, 'columnar request'),
    })),
    classify: examples('classify'),
    regress: examples('regress'),
    hasDefault: api.signatures.some((s) => s.isDefault),
    contract: { name: api.name, signatures: api.signatures, skipped: api.skipped, hasDefault: api.hasDefault },
  };
}

/** Distinct PascalCase identifiers for distinct keys, deterministic, never one of `reserved`
 * (lowercase) or digit-led; no name plus one of `suffixes` equals another's. */
export function typeNames(keys: string[], reserved: ReadonlySet<string>, suffixes: string[] = ['']): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const key of keys) {
    const words = key
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]+/g, ' ')
      .trim()
      .split(' ')
      .filter(Boolean);
    let base = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || 'Signature';
    if (/^\d/.test(base) || reserved.has(base.toLowerCase())) base = `S${base}`;
    let name = base;
    const free = (n: string) => suffixes.every((s) => !used.has(n + s));
    for (let i = 2; !free(name); i++) name = `${base}${i}`;
    for (const s of suffixes) used.add(name + s);
    out.set(key, name);
  }
  return out;
}
