// A V2 inference request against the one signature a V2 server serves. Errors: what the protocol's
// request objects do not allow (required fields, types), names and datatypes the model does not
// have, `shape` and `data` that disagree (data holds product(shape) elements, row-major, flat or
// nested by shape), shapes the signature fixes otherwise, batch sizes that disagree. Warnings: keys
// the protocol does not define, which a server ignores. An input may instead carry its values in the
// binary tensor data extension (KServe and Triton document it): `parameters.binary_data_size` and no
// `data`, the bytes after the JSON; their size is checked where the datatype fixes it.
import { get, isNumber, isObject, JsonSyntaxError, num, parseJson, parseQuick, type JNumber, type JObject, type JValue } from '../../tfserving/runtime/json.js';
import { pointer } from '../../tfserving/runtime/pointer.js';
import { elements, V2_BINARY_WIDTH, V2_INT_RANGES, type V2Api, type V2Tensor } from './contract.js';

/** One problem in a request: error (refused) or warning (ignored by the server). */
export interface Problem {
  level: 'error' | 'warning';
  rule: string;
  pointer: string;
  message: string;
}

export const V2_RULE = {
  PARSE: 'parse',
  NOT_OBJECT: 'not-object',
  FIELD: 'field',
  NAME: 'name',
  DATATYPE: 'datatype',
  SHAPE: 'shape',
  DATA: 'data',
  VALUE: 'value',
  BATCH: 'batch',
  IGNORED_KEY: 'ignored-key',
  BINARY: 'binary-size',
} as const;

const q = JSON.stringify;
const show = (v: JValue): string => (isNumber(v) ? num(v).text : isObject(v) ? 'an object' : Array.isArray(v) ? 'a list' : q(v));

/** Checks an inference request: JSON text, or a value already read with `parseJson`. */
export function checkV2(body: string | JValue, api: V2Api): { signature: string; problems: Problem[] } {
  return typeof body === 'string' ? readV2(body, api).result : checkDocument(body, api);
}

/**
 * Reads and checks request text as TF Serving's check does (readRequest): the quick reading first,
 * the exact one when there is anything to say. `exactWarnings: false`: a body with warnings and no
 * error is answered from the quick reading (for callers that use errors only: the mock).
 */
export function readV2(
  text: string,
  api: V2Api,
  { exactWarnings = true }: { exactWarnings?: boolean } = {},
): { value?: JValue; result: { signature: string; problems: Problem[] } } {
  const quick = parseQuick(text);
  if (quick !== undefined) {
    const result = checkDocument(quick, api);
    if (result.problems.length === 0 || (!exactWarnings && result.problems.every((p) => p.level === 'warning'))) return { value: quick, result };
  }
  let value: JValue;
  try {
    value = parseJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { result: { signature: api.signature, problems: [{ level: 'error', rule: V2_RULE.PARSE, pointer: '', message: `not JSON: ${e.message}` }] } };
  }
  return { value, result: checkDocument(value, api) };
}

function checkDocument(doc: JValue, api: V2Api): { signature: string; problems: Problem[] } {
  const problems: Problem[] = [];
  const error = (rule: string, ptr: string, message: string) => problems.push({ level: 'error', rule, pointer: ptr, message });
  const warn = (rule: string, ptr: string, message: string) => problems.push({ level: 'warning', rule, pointer: ptr, message });
  if (!isObject(doc)) {
    error(V2_RULE.NOT_OBJECT, '', `the request must be a JSON object, got ${show(doc)}`);
    return { signature: api.signature, problems };
  }
  for (const [k] of doc.entries)
    if (!['id', 'parameters', 'inputs', 'outputs'].includes(k))
      warn(V2_RULE.IGNORED_KEY, pointer(k), 'not a field of the inference request (id, parameters, inputs, outputs)');
  const id = get(doc, 'id');
  if (id !== undefined && typeof id !== 'string') error(V2_RULE.FIELD, '/id', "'id' must be a string");
  const params = get(doc, 'parameters');
  if (params !== undefined && !isObject(params)) error(V2_RULE.FIELD, '/parameters', "'parameters' must be an object");
  const inputs = get(doc, 'inputs');
  if (!Array.isArray(inputs)) {
    error(V2_RULE.FIELD, inputs === undefined ? '' : '/inputs', inputs === undefined ? "missing 'inputs'" : "'inputs' must be a list");
  } else {
    const seen = new Map<string, number>();
    let batch: { size: number; name: string } | undefined;
    inputs.forEach((item, i) => {
      const at = `/inputs/${i}`;
      if (!isObject(item)) return void error(V2_RULE.FIELD, at, 'each input must be an object with name, shape, datatype and data');
      for (const [k] of item.entries)
        if (!['name', 'shape', 'datatype', 'parameters', 'data'].includes(k))
          warn(V2_RULE.IGNORED_KEY, pointer('inputs', i, k), 'not a field of a request input');
      const name = get(item, 'name');
      if (typeof name !== 'string') return void error(V2_RULE.FIELD, `${at}/name`, "'name' must be a string");
      const t = api.inputs.find((x) => x.name === name);
      if (!t)
        return void error(
          V2_RULE.NAME,
          `${at}/name`,
          `signature ${q(api.signature)} has no input ${q(name)}; inputs: ${api.inputs.map((x) => q(x.name)).join(', ')}`,
        );
      if (seen.has(name)) error(V2_RULE.NAME, `${at}/name`, `input ${q(name)} is given twice (also at /inputs/${seen.get(name)})`);
      seen.set(name, i);
      const datatype = get(item, 'datatype');
      if (typeof datatype !== 'string') error(V2_RULE.FIELD, `${at}/datatype`, "'datatype' must be a string");
      else if (datatype !== t.datatype) error(V2_RULE.DATATYPE, `${at}/datatype`, `input ${q(name)} is ${t.datatype} (${t.dtype}), not ${datatype}`);
      const shape = checkShape(get(item, 'shape'), t, `${at}/shape`, error);
      if (shape && t.shape !== null && t.shape[0] === -1 && shape.length > 0) {
        if (!batch) batch = { size: shape[0]!, name };
        else if (batch.size !== shape[0]) error(V2_RULE.BATCH, `${at}/shape/0`, `batch of ${shape[0]}; input ${q(batch.name)} has ${batch.size}`);
      }
      const p = get(item, 'parameters');
      if (p !== undefined && !isObject(p)) error(V2_RULE.FIELD, `${at}/parameters`, "'parameters' must be an object");
      const data = get(item, 'data');
      const size = p !== undefined && isObject(p) ? get(p, 'binary_data_size') : undefined;
      const bytes = size !== undefined && isNumber(size) ? num(size) : undefined;
      if (size !== undefined) {
        if (!bytes || bytes.isDouble || bytes.value < 0)
          return void error(V2_RULE.FIELD, `${at}/parameters/binary_data_size`, "'binary_data_size' must be a non-negative integer (bytes)");
        if (data !== undefined) return void error(V2_RULE.FIELD, `${at}/data`, "an input sent as binary data (binary_data_size) has no 'data'");
        const width = V2_BINARY_WIDTH[t.datatype];
        if (shape && width !== undefined && bytes.value !== elements(shape) * width)
          error(
            V2_RULE.BINARY,
            `${at}/parameters/binary_data_size`,
            `shape [${shape.join(', ')}] of ${t.datatype} is ${elements(shape) * width} bytes, not ${bytes.text}`,
          );
        return;
      }
      if (data === undefined) return void error(V2_RULE.FIELD, at, "missing 'data'");
      if (shape) checkData(data, shape, t, `${at}/data`, error);
    });
    for (const t of api.inputs) if (!seen.has(t.name)) error(V2_RULE.NAME, '/inputs', `missing input ${q(t.name)} (${t.datatype})`);
  }
  const outputs = get(doc, 'outputs');
  if (outputs !== undefined) {
    if (!Array.isArray(outputs)) error(V2_RULE.FIELD, '/outputs', "'outputs' must be a list");
    else
      outputs.forEach((o, i) => {
        const name = isObject(o) ? get(o, 'name') : undefined;
        if (typeof name !== 'string') return void error(V2_RULE.FIELD, `/outputs/${i}`, "each requested output must be an object with a string 'name'");
        if (!api.outputs.some((x) => x.name === name))
          error(
            V2_RULE.NAME,
            `/outputs/${i}/name`,
            `signature ${q(api.signature)} has no output ${q(name)}; outputs: ${api.outputs.map((x) => q(x.name)).join(', ')}`,
          );
      });
  }
  return { signature: api.signature, problems };
}

function checkShape(v: JValue | undefined, t: V2Tensor, at: string, error: (r: string, p: string, m: string) => void): number[] | undefined {
  const dims = Array.isArray(v) && v.every(isNumber) ? v.map((d) => num(d as number | JNumber)) : undefined;
  if (!dims || !dims.every((d) => !d.isDouble && d.value >= 0)) {
    error(V2_RULE.FIELD, at, "'shape' must be a list of non-negative integers");
    return undefined;
  }
  const shape = dims.map((d) => d.value);
  if (t.shape === null) return shape;
  const declared = `[${t.shape.join(', ')}]`;
  if (shape.length !== t.shape.length) {
    error(V2_RULE.SHAPE, at, `rank ${shape.length}; input ${q(t.name)} is ${declared}`);
    return shape;
  }
  const d = t.shape.findIndex((want, i) => want >= 0 && shape[i] !== want);
  if (d >= 0) error(V2_RULE.SHAPE, `${at}/${d}`, `${shape[d]} in dimension ${d}; input ${q(t.name)} is ${declared}`);
  return shape;
}

/** `data`: product(shape) elements, flat (row-major) or nested exactly by shape, each of the datatype.
 * Nothing is built per element (a body may hold millions): pointers are made for problems only. */
function checkData(data: JValue, shape: number[], t: V2Tensor, at: string, error: (r: string, p: string, m: string) => void): void {
  if (!Array.isArray(data)) return void error(V2_RULE.FIELD, at, "'data' must be a list");
  const count = shape.reduce((n, d) => n * d, 1);
  const path: number[] = [];
  const ptr = () => (path.length ? `${at}/${path.join('/')}` : at);
  if (!data.some((x) => Array.isArray(x))) {
    if (data.length !== count) return void error(V2_RULE.DATA, at, `${data.length} values; shape [${shape.join(', ')}] holds ${count}`);
    for (let i = 0; i < data.length; i++) if (!sound(data[i]!, t)) checkValue(data[i]!, t, `${at}/${i}`, error);
    return;
  }
  // Nested: the structure first (the first fault reported), then the values.
  const shaped = (x: JValue, level: number): boolean => {
    if (level === shape.length) {
      if (Array.isArray(x)) return (error(V2_RULE.DATA, ptr(), `a list where ${q(t.name)}'s shape [${shape.join(', ')}] puts a value`), false);
      return true;
    }
    if (!Array.isArray(x) || x.length !== shape[level])
      return (error(V2_RULE.DATA, ptr(), `nested data must follow the shape [${shape.join(', ')}]: expected ${shape[level]} items at depth ${level}`), false);
    for (let i = 0; i < x.length; i++) {
      path.push(i);
      const ok = shaped(x[i]!, level + 1);
      path.pop();
      if (!ok) return false;
    }
    return true;
  };
  if (!shaped(data, 0)) return;
  const values = (x: JValue, level: number): void => {
    if (level === shape.length) return void (sound(x, t) || checkValue(x, t, ptr(), error));
    const list = x as JValue[];
    for (let i = 0; i < list.length; i++) {
      path.push(i);
      values(list[i]!, level + 1);
      path.pop();
    }
  };
  values(data, 0);
}

/** The common case, decided without building anything: a value checkValue would find no fault in. */
function sound(x: JValue, t: V2Tensor): boolean {
  switch (t.datatype) {
    case 'BOOL':
      return typeof x === 'boolean';
    case 'BYTES':
      return typeof x === 'string';
    case 'FP16':
    case 'BF16':
    case 'FP32':
    case 'FP64':
      return typeof x === 'number';
    default: {
      const range = V2_INT_RANGES[t.datatype];
      return !range || (typeof x === 'number' && Number.isSafeInteger(x) && x >= range[0] && x <= range[1]);
    }
  }
}

function checkValue(x: JValue, t: V2Tensor, at: string, error: (r: string, p: string, m: string) => void): void {
  const bad = (what: string) => error(V2_RULE.VALUE, at, `${show(x)} is not ${what} (${t.datatype})`);
  switch (t.datatype) {
    case 'BOOL':
      if (typeof x !== 'boolean') bad('true or false');
      return;
    case 'BYTES':
      if (typeof x !== 'string') bad('a string');
      return;
    case 'FP16':
    case 'BF16':
    case 'FP32':
    case 'FP64':
      if (typeof x !== 'number' && (!isNumber(x) || !Number.isFinite(x.value))) bad('a number');
      return;
    default: {
      const range = V2_INT_RANGES[t.datatype];
      if (!range) return;
      if (typeof x === 'number' && Number.isSafeInteger(x)) {
        if (x < range[0] || x > range[1]) bad(`within [${range[0]}, ${range[1]}]`);
        return;
      }
      const whole = isNumber(x) ? num(x) : undefined;
      if (!whole || whole.isDouble || !/^-?\d+$/.test(whole.text)) return bad('an integer');
      const n = BigInt(whole.text);
      if (n < range[0] || n > range[1]) bad(`within [${range[0]}, ${range[1]}]`);
    }
  }
}

export type { JObject };
