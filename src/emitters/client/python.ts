// The Python spelling of a client package: identifiers, type expressions and literals for
// templates/client-python, every model string escaped for Python source, comments and Markdown.
import type { JsonValue, ModelApi, TensorJson } from '../../protocol/tfserving/describe.js';
import { instanceShape } from '../../protocol/tfserving/describe.js';
import type { Json } from '../../protocol/tfserving/examples.js';
import type { ExampleFeature } from '../../savedmodel/example-features.js';
import { clientModel, typeNames, type ExampleArg, type ExamplesModel } from './model.js';

/** Keywords, soft keywords and the constants: never an identifier of ours (compared lowercase). */
export const PYTHON_RESERVED = new Set([
  ...'false none true and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
  ...['match', 'case', 'type', '_'],
]);
/** The names each signature's types take (see the template). */
const SUFFIXES = ['Inputs', 'Outputs', 'Instance', 'OutputRow', 'Example'];

/** A Python string literal in ASCII: quotes, backslashes, controls and every non-ASCII character
 * escaped, so no model string can end the literal, a comment or the line. */
export function pyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x100) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** A JSON value as a Python literal expression. */
export function pyLiteral(v: Json): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number')
    return Number.isFinite(v)
      ? Number.isInteger(v) && Math.abs(v) >= 1e21
        ? `${BigInt(v)}`
        : String(v)
      : v > 0
        ? 'float("inf")'
        : v < 0
          ? 'float("-inf")'
          : 'float("nan")';
  if (typeof v === 'string') return pyString(v);
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyString(k)}: ${pyLiteral(x)}`)
    .join(', ')}}`;
}

function element(v: JsonValue, side: 'input' | 'output'): { el: string; nested: string } {
  switch (v.kind) {
    case 'number':
      return { el: 'float', nested: side === 'input' ? 'NestedFloat' : 'NestedFloatOut' };
    case 'integer':
      return { el: 'int', nested: side === 'input' ? 'NestedInt' : 'NestedIntOut' };
    case 'boolean':
      return { el: 'bool', nested: side === 'input' ? 'NestedBool' : 'NestedBoolOut' };
    case 'string':
      if (side === 'output') return v.bytesOnly ? { el: 'B64', nested: 'NestedB64Out' } : { el: 'str', nested: 'NestedStrOut' };
      // Binary by convention (_bytes): bytes or B64; text would reach the model as its UTF-8 bytes.
      return v.bytesOnly ? { el: 'Union[bytes, B64]', nested: 'NestedBytes' } : { el: 'Bytes', nested: 'NestedBytes' };
  }
}

/** Nested sequences by rank (inputs take any sequence; outputs are the lists json gives). */
export function pyType(v: JsonValue, shape: number[] | null, side: 'input' | 'output'): string {
  const { el, nested } = element(v, side);
  if (shape === null) return nested;
  const seq = side === 'input' ? 'Sequence' : 'List';
  return shape.reduce((t) => `${seq}[${t}]`, el);
}

function featureType(f: ExampleFeature): string {
  const v = f.dtype === 'DT_FLOAT' ? 'float' : f.dtype === 'DT_INT64' ? 'int' : 'Bytes';
  return `Union[${v}, Sequence[${v}]]`;
}

const shapeText = (shape: number[] | null) => (shape === null ? 'unknown rank' : `[${shape.join(', ')}]`);

export interface PythonTensorView {
  key: string;
  dtype: string;
  shapeText: string;
  inputType: string;
  instanceType: string;
  outputType: string;
  outputRowType: string;
}

function tensorView(t: TensorJson): PythonTensorView {
  return {
    key: pyString(t.alias),
    dtype: t.dtype,
    shapeText: shapeText(t.shape),
    inputType: pyType(t.value, t.shape, 'input'),
    instanceType: pyType(t.value, instanceShape(t.shape), 'input'),
    outputType: pyType(t.value, t.shape, 'output'),
    outputRowType: pyType(t.value, instanceShape(t.shape), 'output'),
  };
}

/** Markdown-safe text for a README (one line, punctuation escaped). */
const markdownText = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&').replace(/\s+/g, ' ');

const exampleCode = (arg: ExampleArg, what: string) =>
  'value' in arg ? pyLiteral(arg.value) : `${what}  # ${pyString(arg.tooLarge)}: too large to spell out here`;

/** A Markdown code fence longer than any backtick run inside. */
const fenceFor = (text: string) => '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((r) => r.length + 1)));

export interface PythonClientView {
  distributionName: string;
  description: string;
  moduleName: string;
  packageVersion: string;
  modelLiteral: string;
  modelMarkdown: string;
  tensorflowVersion: string;
  pythonVersion: string;
  predict: {
    key: string;
    comment: string;
    typeName: string;
    rowFormat: boolean;
    inputs: PythonTensorView[];
    outputs: PythonTensorView[];
    exampleRows: string;
    exampleColumns: string;
    fence: string;
    markdown: string;
  }[];
  rows: { key: string; typeName: string }[];
  classify: { key: string; typeName: string; markdown: string; exampleArg: string; fence: string; features?: { key: string; type: string; doc: string }[] }[];
  regress: { key: string; typeName: string; markdown: string; exampleArg: string; fence: string; features?: { key: string; type: string; doc: string }[] }[];
  /** The tf.Example types of classify and regress signatures, once each. */
  exampleTypes: { key: string; typeName: string; features?: { key: string; type: string; doc: string }[] }[];
  /** Each method's signatures, overloaded when there are two or more. */
  overloads: { rows: boolean; columns: boolean; classify: boolean; regress: boolean };
  contract: string;
}

export function pythonClientView(api: ModelApi, opts: { distributionName: string; moduleName: string; packageVersion: string }): PythonClientView {
  const model = clientModel(api);
  const names = typeNames(
    api.signatures.map((s) => s.key),
    PYTHON_RESERVED,
    SUFFIXES,
  );
  const examples = (list: ExamplesModel[]) =>
    list.map((s) => ({
      key: pyString(s.key),
      typeName: names.get(s.key)!,
      markdown: markdownText(s.key),
      exampleArg: s.exampleArg !== undefined ? pyLiteral(s.exampleArg) : '[{"feature": 1.5}]',
      fence: fenceFor(s.exampleArg !== undefined ? pyLiteral(s.exampleArg) : ''),
      ...(s.features
        ? {
            features: s.features.map((f) => ({
              key: pyString(f.name),
              type: featureType(f),
              doc: `${f.kind} ${f.dtype}${f.shape ? ` [${f.shape.join(', ')}]` : ''}${f.required ? ', required here or in the context' : ''}`,
            })),
          }
        : {}),
    }));
  const predict = model.predict.map((sig) => {
    const exampleRows = exampleCode(sig.exampleRows, 'instances');
    const exampleColumns = exampleCode(sig.exampleColumns, 'inputs');
    return {
      key: pyString(sig.key),
      comment: pyString(sig.key),
      typeName: names.get(sig.key)!,
      rowFormat: sig.rowFormat,
      inputs: sig.inputs.map(tensorView),
      outputs: sig.outputs.map(tensorView),
      exampleRows,
      exampleColumns,
      fence: fenceFor(exampleRows + exampleColumns),
      markdown: markdownText(sig.key),
    };
  });
  const classify = examples(model.classify);
  const regress = examples(model.regress);
  const rows = predict.filter((s) => s.rowFormat).map((s) => ({ key: s.key, typeName: s.typeName }));
  return {
    distributionName: opts.distributionName,
    description: `Typed TensorFlow Serving client for model ${api.name} (generated by tf2openapi)`,
    moduleName: opts.moduleName,
    packageVersion: opts.packageVersion,
    modelLiteral: pyString(api.name),
    modelMarkdown: markdownText(api.name),
    tensorflowVersion: markdownText(model.tensorflowVersion),
    pythonVersion: '>=3.9',
    predict,
    rows,
    classify,
    regress,
    exampleTypes: [...classify, ...regress].filter((s, i, all) => all.findIndex((o) => o.typeName === s.typeName) === i),
    overloads: { rows: rows.length > 1, columns: predict.length > 1, classify: model.classify.length > 1, regress: model.regress.length > 1 },
    contract: pyString(JSON.stringify(model.contract)),
  };
}
