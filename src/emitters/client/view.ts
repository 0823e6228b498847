// What the client templates see: every model-supplied string already made safe for where it
// lands (identifiers, string literals, comments, Markdown), so the templates only place values.
import {
  instanceShape,
  servedOn,
  type JsonValue,
  type Method,
  type ModelApi,
  type ModelContract,
  type SignatureApi,
  type TensorJson,
} from '../../protocol/tfserving/describe.js';
import { predictExample, type Json } from '../../protocol/tfserving/examples.js';
import type { ExampleFeature } from '../../savedmodel/example-features.js';
import { commentText, jsLiteral } from './escape.js';

export interface TensorView {
  prop: string;
  dtype: string;
  shapeText: string;
  inputType: string;
  instanceType: string;
  outputType: string;
}

export interface SignatureView {
  key: string;
  typeName: string;
  rowFormat: boolean;
  inputs: TensorView[];
  outputs: TensorView[];
  exampleRows: string;
  exampleColumns: string;
  fence: string;
}

/** A classify/regress signature; `features` where the graph told which ones the model parses. */
export interface ExamplesView {
  key: string;
  typeName: string;
  features?: { prop: string; type: string; doc: string }[];
}

export interface ClientView {
  packageName: string;
  packageVersion: string;
  description: string;
  modelName: string;
  tensorflowVersion: string;
  typescriptVersion: string;
  predict: SignatureView[];
  classify: ExamplesView[];
  regress: ExamplesView[];
  classifyUnion: string;
  regressUnion: string;
  defaultSignature: string;
  /** The model contract as JSON text, parsed by the generated code at load. */
  contract: string;
}

const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
]);

/** Distinct PascalCase identifiers for distinct keys, deterministic, never a keyword or digit-led. */
export function typeNames(keys: string[]): Map<string, string> {
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
    if (/^\d/.test(base) || RESERVED.has(base.toLowerCase())) base = `S${base}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    out.set(key, name);
  }
  return out;
}

function element(v: JsonValue, side: 'input' | 'output'): string {
  switch (v.kind) {
    case 'number':
      return 'number';
    case 'integer':
      return v.beyondSafe ? (side === 'input' ? 'number | bigint' : 'Int64<M>') : 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return v.bytesOnly ? 'B64' : side === 'input' ? 'string | B64' : 'string';
  }
}

/** Above this many elements a fixed-size tensor is typed as nested arrays rather than tuples. */
export const TUPLE_ELEMENTS = 16;

/** Nested arrays by shape; small fixed dimensions as tuples so their length is checked too. */
export function tsType(v: JsonValue, shape: number[] | null, side: 'input' | 'output'): string {
  return nestedType(element(v, side), shape);
}

/** Nested arrays of `el` by shape (null: any rank). */
export function nestedType(el: string, shape: number[] | null): string {
  if (shape === null) return `Nested<${el}>`;
  let t = el;
  // Tuples only while the type stays small: [4, 4, …, 4] must not grow as 4^rank.
  let elements = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    const inner = t.includes('|') && !t.startsWith('[') ? `(${t})` : t;
    if (d >= 0 && d <= 4 && elements * d <= TUPLE_ELEMENTS) {
      t = `[${Array(d).fill(t).join(', ')}]`;
      elements *= d;
    } else {
      t = `${inner}[]`;
      elements = Infinity;
    }
  }
  return t;
}

/** A parsed feature's value: one value or a list (of exactly its size, for small dense shapes). */
function featureType(f: ExampleFeature): string {
  const v = f.dtype === 'DT_FLOAT' || f.dtype === 'DT_INT64' ? 'number' : 'string | B64';
  const list = `(${v})[]`;
  const count = f.kind === 'dense' ? (f.shape ?? []).reduce((n, d) => n * d, 1) : undefined;
  if (count === 1) return `${v} | [${v}]`;
  if (count !== undefined && count <= 4) return `[${Array(count).fill(v).join(', ')}]`;
  return `${v} | ${list}`;
}

function tensorView(t: TensorJson, side: 'input' | 'output'): TensorView {
  return {
    prop: JSON.stringify(t.alias),
    dtype: t.dtype,
    shapeText: t.shape === null ? 'unknown rank' : `[${t.shape.join(', ')}]`,
    inputType: tsType(t.value, t.shape, 'input'),
    instanceType: tsType(t.value, instanceShape(t.shape), side),
    outputType: tsType(t.value, t.shape, 'output'),
  };
}

/** The argument a README example passes: the example body's tensors keyed by input, or, for a
 * body too large to spell out, a named placeholder with a comment giving the shape. */
function exampleCode(sig: SignatureApi, form: 'row request' | 'columnar request', pick: (body: Json) => Json): string {
  const body = predictExample(sig, form, 'compact');
  if (body?.value !== undefined) {
    let arg = pick(body.value);
    // The client always takes inputs keyed by name, even for a single input.
    if (sig.inputs.length === 1) arg = form === 'row request' ? (arg as Json[]).map((v) => ({ [sig.inputs[0]!.alias]: v })) : { [sig.inputs[0]!.alias]: arg };
    return jsLiteral(arg);
  }
  const shapes = sig.inputs.map((t) => `${t.alias} [${(form === 'row request' ? instanceShape(t.shape) : t.shape)?.join(', ') ?? '?'}]`).join(', ');
  return `${form === 'row request' ? 'instances' : 'inputs'} /* ${commentText(shapes)}: too large to spell out here */`;
}

/** A Markdown code fence longer than any backtick run inside. */
const fenceFor = (text: string) => '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((r) => r.length + 1)));

export function clientView(api: ModelApi, opts: { packageName: string; packageVersion: string; typescriptVersion: string }): ClientView {
  const names = typeNames(api.signatures.map((s) => s.key));
  const predict = servedOn(api, 'predict');
  const byMethod = (m: Method): ExamplesView[] =>
    servedOn(api, m).map((s) => ({
      key: s.key,
      typeName: names.get(s.key)!,
      ...(s.features
        ? {
            features: s.features.map((f) => ({
              prop: JSON.stringify(f.name),
              type: featureType(f),
              doc: `${f.kind} ${f.dtype}${f.shape ? ` [${f.shape.join(', ')}]` : ''}${f.required ? ', required here or in the context' : ''}`,
            })),
          }
        : {}),
    }));
  const union = (list: { key: string }[]) => (list.length ? list.map((s) => JSON.stringify(s.key)).join(' | ') : 'never');
  return {
    packageName: opts.packageName,
    packageVersion: opts.packageVersion,
    description: `Typed TensorFlow Serving client for model ${api.name} (generated by tf2openapi)`,
    modelName: api.name,
    tensorflowVersion: api.tensorflowVersion || 'unknown',
    typescriptVersion: opts.typescriptVersion,
    predict: predict.map((sig) => {
      const rowFormat = sig.rowFormat && sig.rowResponse;
      const exampleRows = exampleCode(sig, 'row request', (v) => (v as { instances: Json[] }).instances);
      const exampleColumns = exampleCode(sig, 'columnar request', (v) => (v as { inputs: Json }).inputs);
      return {
        key: sig.key,
        typeName: names.get(sig.key)!,
        rowFormat,
        inputs: sig.inputs.map((t) => tensorView(t, 'input')),
        outputs: sig.outputs.map((t) => tensorView(t, 'output')),
        exampleRows,
        exampleColumns,
        fence: fenceFor(exampleRows + exampleColumns + sig.key),
      };
    }),
    classify: byMethod('classify'),
    regress: byMethod('regress'),
    classifyUnion: union(byMethod('classify')),
    regressUnion: union(byMethod('regress')),
    defaultSignature: api.signatures.some((s) => s.isDefault) ? JSON.stringify('serving_default') : 'undefined',
    contract: JSON.stringify({ name: api.name, signatures: api.signatures, skipped: api.skipped, hasDefault: api.hasDefault } satisfies ModelContract),
  };
}
