// The Python spelling of a client package: identifiers, type expressions and literals for
// templates/client-python, every model string escaped for Python source, comments and Markdown.
import type { JsonValue, ModelApi, TensorJson } from '../../protocol/tfserving/describe.js';
import { instanceShape } from '../../protocol/tfserving/describe.js';
import type { Json } from '../../protocol/tfserving/examples.js';
import type { ExampleFeature } from '../../savedmodel/example-features.js';
import { asciiQuoted, codeFence, markdownText } from './escape.js';
import { clientModel, featureDoc, shapeText, typeNames, type ExampleArg, type ExamplesModel } from './model.js';

/** Python's keywords and soft keywords, as written. */
const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type'.split(
    ' ',
  ),
);
/** Never an identifier of ours (type names are compared lowercase): the keywords and `_`. */
export const PYTHON_RESERVED = new Set([...[...PYTHON_KEYWORDS].map((k) => k.toLowerCase()), '_']);

/** The import name of a distribution: PEP 503-normalised, [-.] as _, never digit-led or a keyword. */
export function pythonModuleName(distribution: string): string {
  let m = distribution.toLowerCase().replace(/[-_.]+/g, '_');
  if (/^\d/.test(m)) m = `m_${m}`;
  return PYTHON_KEYWORDS.has(m) ? `${m}_` : m;
}

/** The default distribution name of a model's Python client. */
export function defaultPythonName(model: string): string {
  const base = model
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'model'}-tfserving-client`.slice(0, 200).replace(/-+$/, '');
}
/** The names each signature's types take (see the template). */
const SUFFIXES = ['Inputs', 'Outputs', 'Instance', 'OutputRow', 'Example'];

/** A Python string literal in ASCII: quotes, backslashes, controls and every non-ASCII character
 * escaped, so no model string can end the literal, a comment or the line. */
export const pyString = (s: string): string => asciiQuoted(s, (hex) => `\\x${hex}`);

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

const exampleCode = (arg: ExampleArg, what: string) =>
  'value' in arg ? pyLiteral(arg.value) : `${what}  # ${pyString(arg.tooLarge)}: too large to spell out here`;

/** A classify/regress signature in the Python templates. */
interface ExamplesEntry {
  key: string;
  typeName: string;
  markdown: string;
  exampleArg: string;
  fence: string;
  features?: { key: string; type: string; doc: string }[];
}

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
  classify: ExamplesEntry[];
  regress: ExamplesEntry[];
  /** The tf.Example types of classify and regress signatures, once each. */
  exampleTypes: ExamplesEntry[];
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
  const examples = (list: ExamplesModel[]): ExamplesEntry[] =>
    list.map((s) => {
      const literal = s.exampleArg !== undefined ? pyLiteral(s.exampleArg) : undefined;
      return {
        key: pyString(s.key),
        typeName: names.get(s.key)!,
        markdown: markdownText(s.key),
        exampleArg: literal ?? '[{"feature": 1.5}]',
        fence: codeFence(literal ?? ''),
        ...(s.features ? { features: s.features.map((f) => ({ key: pyString(f.name), type: featureType(f), doc: featureDoc(f) })) } : {}),
      };
    });
  const predict = model.predict.map((sig) => {
    const exampleRows = exampleCode(sig.exampleRows, 'instances');
    const exampleColumns = exampleCode(sig.exampleColumns, 'inputs');
    return {
      key: pyString(sig.key),
      typeName: names.get(sig.key)!,
      rowFormat: sig.rowFormat,
      inputs: sig.inputs.map(tensorView),
      outputs: sig.outputs.map(tensorView),
      exampleRows,
      exampleColumns,
      fence: codeFence(exampleRows + exampleColumns),
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
