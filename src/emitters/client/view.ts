// What the client templates see: every model-supplied string already made safe for where it
// lands (identifiers, string literals, comments, Markdown), so the templates only place values.
import { instanceShape, type JsonValue, type ModelApi, type TensorJson } from '../../protocol/tfserving/describe.js';
import type { ExampleFeature } from '../../savedmodel/example-features.js';
import { codeFence, commentText, jsLiteral } from './escape.js';
import { clientModel, featureDoc, shapeText, typeNames as modelTypeNames, type ExampleArg, type ExamplesModel } from './model.js';

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
  /** The README's argument: the signature's example tf.Examples, and a code fence longer than any backtick run in it. */
  exampleArg: string;
  fence: string;
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

/** TypeScript type names for signature keys; see model.ts `typeNames`. */
export const typeNames = (keys: string[]): Map<string, string> => modelTypeNames(keys, RESERVED, TS_SUFFIXES);
/** The type names the templates derive from a signature's name. */
const TS_SUFFIXES = ['', 'Inputs', 'Instance', 'OutputRow', 'Outputs', 'Example'];

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
    shapeText: shapeText(t.shape),
    inputType: tsType(t.value, t.shape, 'input'),
    instanceType: tsType(t.value, instanceShape(t.shape), side),
    outputType: tsType(t.value, t.shape, 'output'),
  };
}

/** The argument a README example passes: a literal, or a named placeholder with a comment giving the shapes. */
function exampleCode(arg: ExampleArg, form: 'row request' | 'columnar request'): string {
  if ('value' in arg) return jsLiteral(arg.value);
  return `${form === 'row request' ? 'instances' : 'inputs'} /* ${commentText(arg.tooLarge)}: too large to spell out here */`;
}

export function clientView(api: ModelApi, opts: { packageName: string; packageVersion: string; typescriptVersion: string }): ClientView {
  const model = clientModel(api);
  const names = typeNames(api.signatures.map((s) => s.key));
  const byMethod = (list: ExamplesModel[]): ExamplesView[] =>
    list.map((s) => ({
      key: s.key,
      typeName: names.get(s.key)!,
      exampleArg: s.exampleArg !== undefined ? jsLiteral(s.exampleArg) : '[{ feature: 1.5 }]',
      fence: codeFence((s.exampleArg !== undefined ? jsLiteral(s.exampleArg) : '') + s.key),
      ...(s.features
        ? {
            features: s.features.map((f) => ({
              prop: JSON.stringify(f.name),
              type: featureType(f),
              doc: featureDoc(f),
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
    tensorflowVersion: model.tensorflowVersion,
    typescriptVersion: opts.typescriptVersion,
    predict: model.predict.map((sig) => {
      const exampleRows = exampleCode(sig.exampleRows, 'row request');
      const exampleColumns = exampleCode(sig.exampleColumns, 'columnar request');
      return {
        key: sig.key,
        typeName: names.get(sig.key)!,
        rowFormat: sig.rowFormat,
        inputs: sig.inputs.map((t) => tensorView(t, 'input')),
        outputs: sig.outputs.map((t) => tensorView(t, 'output')),
        exampleRows,
        exampleColumns,
        fence: codeFence(exampleRows + exampleColumns + sig.key),
      };
    }),
    classify: byMethod(model.classify),
    regress: byMethod(model.regress),
    classifyUnion: union(model.classify),
    regressUnion: union(model.regress),
    defaultSignature: model.hasDefault ? JSON.stringify('serving_default') : 'undefined',
    contract: JSON.stringify(model.contract),
  };
}
