// One request body against one model, at two levels:
// - an error is what TF Serving refuses: its JSON reader (json_tensor.cc), the signature lookup
//   (http_rest_api_handler.cc GetInfoMap, classifier.cc / regressor.cc), the checks before and after
//   the run (predict_util.cc, classifier.cc, regressor.cc) and the tf.Example feed (util.cc);
// - a warning is what TF Serving accepts but the signature contradicts (a shape, a batch size, a
//   key it ignores, a value it narrows): likely to fail inside the model, or to be dropped.
// Copied into each client package, so `validate: true` there is this check.
import { get, isNumber, isObject, JsonSyntaxError, num, parseDocument, parseQuick, type JObject, type JValue } from './json.js';
import { pointer } from './pointer.js';
import {
  BASE64_PATTERN,
  DEFAULT_SIGNATURE,
  FLOAT32_MAX,
  INT_RANGES,
  instanceShape,
  type FeatureSpec,
  type Method,
  type ModelContract,
  type SignatureContract,
  type TensorJson,
} from './contract.js';

export type Level = 'error' | 'warning';

/** Named rules: each problem carries one, so callers and tests need not match message text. */
export const RULE = {
  // errors
  PARSE: 'parse',
  NOT_OBJECT: 'not-object',
  SIGNATURE_NAME: 'signature-name',
  NO_SIGNATURE: 'no-signature',
  NOT_SERVABLE: 'not-servable',
  ENDPOINT: 'endpoint',
  FORMAT: 'format',
  INSTANCES: 'instances',
  INPUT_KEYS: 'input-keys',
  INSTANCE_SHAPE: 'instance-shape',
  RAGGED: 'ragged',
  VALUE: 'value',
  BASE64: 'base64',
  ROW_RESPONSE: 'row-response',
  EXAMPLES: 'examples',
  FEATURE: 'feature',
  /** A request schema of a document tf2openapi did not write refuses the body. */
  SCHEMA: 'schema',
  // warnings
  TRAILING_TEXT: 'trailing-text',
  IGNORED_KEY: 'ignored-key',
  SHAPE: 'shape',
  BATCH: 'batch',
  NARROWED: 'narrowed',
  BYTES_AS_TEXT: 'bytes-as-text',
  METHOD_NAME: 'method-name',
  PARSED_FEATURE: 'parsed-feature',
  TRUNCATED: 'truncated',
} as const;
export type Rule = (typeof RULE)[keyof typeof RULE];

export interface Problem {
  level: Level;
  rule: Rule;
  pointer: string;
  message: string;
}

export interface CheckResult {
  /** The signature the request resolved to ('' when it could not be told). */
  signature: string;
  problems: Problem[];
}

/** Past this many problems the rest are counted, not listed: a broken 1e6-value body says so once. */
const MAX_PROBLEMS = 100;
const BASE64 = new RegExp(BASE64_PATTERN);
const show = (v: JValue): string => (isNumber(v) ? num(v).text : isObject(v) ? 'an object' : Array.isArray(v) ? 'a list' : JSON.stringify(v));
const isB64 = (v: JValue): boolean => isObject(v) && v.entries.length === 1 && v.entries[0]![0] === 'b64' && typeof v.entries[0]![1] === 'string';
const b64Text = (v: JValue) => (v as JObject).entries[0]![1] as string;
const q = JSON.stringify;
const METHOD_NAMES: Record<Method, string> = {
  predict: 'tensorflow/serving/predict',
  classify: 'tensorflow/serving/classify',
  regress: 'tensorflow/serving/regress',
};

class Checker {
  problems: Problem[] = [];
  dropped = 0;
  errors = 0;
  add(level: Level, rule: Rule, ptr: string, message: string) {
    if (level === 'error') this.errors++;
    if (this.problems.length >= MAX_PROBLEMS) this.dropped++;
    else this.problems.push({ level, rule, pointer: ptr, message });
  }
  error = (rule: Rule, ptr: string, message: string) => this.add('error', rule, ptr, message);
  warn = (rule: Rule, ptr: string, message: string) => this.add('warning', rule, ptr, message);
  /** Errors not listed (past MAX_PROBLEMS) still make the request one TF Serving refuses. */
  get droppedErrors() {
    return this.errors - this.problems.filter((p) => p.level === 'error').length;
  }

  /** One tensor element: json_tensor.cc AddValueToTensor, and base64 objects for DT_STRING. */
  leaf(v: JValue, t: TensorJson, ptr: string) {
    const dtype = t.value.dtype;
    const bad = (what: string) => this.error(RULE.VALUE, ptr, `${show(v)} is not ${what}, which TF Serving requires for ${t.alias} (${dtype})`);
    if (isObject(v)) {
      if (t.value.kind !== 'string') return bad('a number, boolean or string as the dtype needs');
      if (!isB64(v)) return this.error(RULE.BASE64, ptr, 'an object in a DT_STRING tensor must be {"b64": "<base64>"} with no other key');
      if (!BASE64.test(b64Text(v))) this.error(RULE.BASE64, `${ptr}/b64`, 'is not base64 (standard alphabet, padding optional): TF Serving cannot decode it');
      return;
    }
    switch (t.value.kind) {
      case 'number':
        if (!isNumber(v)) return bad('a number');
        const n = num(v);
        if (dtype === 'DT_FLOAT' && Number.isFinite(n.value)) {
          if (Math.abs(n.value) > FLOAT32_MAX)
            this.warn(RULE.NARROWED, ptr, `${n.text} is beyond float32: TF Serving feeds it as ${n.value > 0 ? '' : '-'}Infinity`);
          else if (!n.isDouble && Math.fround(n.value) !== n.value)
            this.warn(RULE.NARROWED, ptr, `${n.text} has no exact float32: TF Serving feeds ${Math.fround(n.value)}`);
        }
        return;
      case 'integer': {
        // rapidjson's IsInt/IsUint/IsInt64/IsUint64: written without fraction or exponent, in range.
        const wide = dtype === 'DT_INT64' || dtype === 'DT_UINT32' || dtype === 'DT_UINT64' ? dtype : 'DT_INT32';
        const [lo, hi] = INT_RANGES[wide]!;
        const whole = isNumber(v) ? num(v) : undefined;
        if (!whole || whole.isDouble) return bad(`an integer written without fraction or exponent`);
        const text = whole.text;
        const n = BigInt(text);
        if (n < lo || n > hi) return bad(`${wide === 'DT_INT32' ? 'a 32-bit integer' : `within ${wide}'s range`}`);
        const [min, max] = INT_RANGES[dtype]!;
        if (n < min || n > max)
          this.warn(RULE.NARROWED, ptr, `${text} is out of ${dtype}'s range [${min}, ${max}]: TF Serving reads it as int32 and narrows it silently`);
        return;
      }
      case 'boolean':
        if (typeof v !== 'boolean') bad('true or false');
        return;
      case 'string':
        if (typeof v !== 'string') return bad('a string or {"b64": …}');
        if (t.value.bytesOnly)
          this.warn(RULE.BYTES_AS_TEXT, ptr, `${t.alias} ends in _bytes (binary by convention) and gets text: TF Serving feeds the text's UTF-8 bytes`);
    }
  }

  /**
   * A tensor value as json_tensor.cc reads it: the shape along the first elements, every list then
   * of that length, all values at the same depth. Returns the shape, or undefined after an error.
   */
  tensor(v: JValue, t: TensorJson, ptr: string): number[] | undefined {
    const shape: number[] = [];
    for (let x: JValue = v; Array.isArray(x); x = x[0]!) {
      shape.push(x.length);
      if (x.length === 0) break;
    }
    const before = this.errors;
    // Pointers are built only for a problem: a 1e6-value body must not make 1e6 strings.
    const path: number[] = [];
    const at = () => (path.length ? `${ptr}/${path.join('/')}` : ptr);
    const walk = (x: JValue, level: number) => {
      if (!Array.isArray(x)) {
        if (level !== shape.length) return this.error(RULE.RAGGED, at(), `a value at depth ${level} where the first values are at depth ${shape.length}`);
        if (!fine(x, t.value)) this.leaf(x, t, at());
        return;
      }
      if (level >= shape.length) return this.error(RULE.RAGGED, at(), `a list at depth ${level} where the first values are at depth ${shape.length}`);
      if (x.length !== shape[level]) return this.error(RULE.RAGGED, at(), `${x.length} items where the first list at depth ${level} has ${shape[level]}`);
      if (level + 1 === shape.length) {
        // The innermost lists: sound values checked in place (a call per value would box every double).
        for (let i = 0; i < x.length; i++) {
          const y = x[i]!;
          if (Array.isArray(y) || !fine(y, t.value)) {
            path.push(i);
            walk(y, level + 1);
            path.pop();
          }
        }
        return;
      }
      for (let i = 0; i < x.length; i++) {
        path.push(i);
        walk(x[i]!, level + 1);
        path.pop();
      }
    };
    walk(v, 0);
    return this.errors > before ? undefined : shape;
  }

  /** The signature's shape as a contract: TF Serving never compares, the model may refuse. */
  contractShape(shape: number[], dims: number[] | null, t: TensorJson, ptr: string, what: string) {
    if (dims === null) return;
    const declared = `the signature declares ${t.alias} as [${(t.shape ?? []).join(', ')}]${dims.length !== t.shape?.length ? `, each instance [${dims.join(', ')}]` : ''}`;
    if (shape.length !== dims.length) return this.warn(RULE.SHAPE, ptr, `${what} has rank ${shape.length}; ${declared}`);
    const d = dims.findIndex((want, i) => want >= 0 && shape[i] !== want);
    if (d >= 0) this.warn(RULE.SHAPE, ptr, `${what} has ${shape[d]} items in dimension ${d}; ${declared}`);
  }
}

/** The common case, decided without building anything: a value `leaf` would find no fault in. */
function fine(v: JValue, value: TensorJson['value']): boolean {
  switch (value.kind) {
    case 'number':
      // A plain number is finite, a double when not an integer (see json.ts).
      if (typeof v === 'number') return value.dtype !== 'DT_FLOAT' || (Math.abs(v) <= FLOAT32_MAX && (!Number.isInteger(v) || Math.fround(v) === v));
      // float32 overflow and integer precision are leaf's to report.
      return (
        isNumber(v) &&
        (value.dtype !== 'DT_FLOAT' || !Number.isFinite(v.value) || (Math.abs(v.value) <= FLOAT32_MAX && (v.isDouble || Math.fround(v.value) === v.value)))
      );
    case 'integer':
      if (typeof v === 'number') return Number.isSafeInteger(v) && v >= value.min && v <= value.max;
      return isNumber(v) && !v.isDouble && Number.isSafeInteger(v.value) && v.value >= value.min && v.value <= value.max;
    case 'boolean':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string' && !value.bytesOnly;
  }
}

function resolveSignature(body: JObject, model: ModelContract, method: Method, override: string | undefined, c: Checker): SignatureContract | undefined {
  const named = get(body, 'signature_name');
  if (named !== undefined && typeof named !== 'string') {
    c.error(RULE.SIGNATURE_NAME, '/signature_name', "'signature_name' must be a string");
    return undefined;
  }
  // An empty name is the default, as TF Serving reads it (GetInfoMap, GetClassificationSignatureDef).
  const key = (named ?? override ?? '') || DEFAULT_SIGNATURE;
  const at = named !== undefined ? '/signature_name' : '';
  const list = (m: Method) =>
    model.signatures
      .filter((s) => s.endpoints.includes(m))
      .map((s) => q(s.key))
      .join(', ') || 'none';
  const sig = model.signatures.find((s) => s.key === key);
  if (!sig) {
    const skipped = model.skipped.find((s) => s.key === key);
    if (skipped) c.error(RULE.NOT_SERVABLE, at, `signature ${q(key)} cannot be served over REST: ${skipped.reason}`);
    else
      c.error(
        RULE.NO_SIGNATURE,
        at,
        `${named || override ? `no signature ${q(key)}` : 'the model has no serving_default signature: name one'}; signatures for :${method}: ${list(method)}`,
      );
    return undefined;
  }
  if (!sig.endpoints.includes(method)) {
    c.error(
      RULE.ENDPOINT,
      at,
      `TF Serving cannot run signature ${q(key)} on :${method}: ${sig.ineligible?.[method as 'classify' | 'regress'] ?? 'not eligible'}`,
    );
    return undefined;
  }
  const allowed = method === 'predict' ? Object.values(METHOD_NAMES) : [METHOD_NAMES[method]];
  if (!allowed.includes(sig.methodName))
    c.warn(
      RULE.METHOD_NAME,
      at,
      `signature ${q(key)} declares method ${q(sig.methodName)}: servers started with --enable_signature_method_name_check refuse it on :${method}`,
    );
  return sig;
}

function ignoredKeys(body: JObject, known: string[], c: Checker) {
  for (const [k] of body.entries)
    if (!known.includes(k)) c.warn(RULE.IGNORED_KEY, pointer(k), `TF Serving ignores this key (it reads ${known.map((a) => q(a)).join(', ')})`);
}

function checkRows(instances: JValue, sig: SignatureContract, c: Checker) {
  if (!Array.isArray(instances)) return c.error(RULE.INSTANCES, '/instances', "'instances' must be a list");
  if (instances.length === 0) return c.error(RULE.INSTANCES, '/instances', "'instances' must hold at least one instance");
  const aliases = sig.inputs.map((t) => t.alias);
  const first = instances[0]!;
  if (!isObject(first) && sig.inputs.length > 1)
    return c.error(
      RULE.INSTANCES,
      '/instances/0',
      `a plain list of instances feeds one input; signature ${q(sig.key)} has ${aliases.length}: give objects keyed by ${aliases.map((a) => q(a)).join(', ')}`,
    );
  const asObjects = isObject(first) && !isB64(first);
  if (!asObjects && sig.inputs.length > 1)
    return c.error(RULE.INSTANCES, '/instances/0', `instances must be objects keyed by ${aliases.map((a) => q(a)).join(', ')}`);
  // Per input: the first instance's shape, which every other instance must repeat.
  const firstShape = new Map<string, number[]>();
  instances.forEach((inst, i) => {
    const p = `/instances/${i}`;
    const values: [TensorJson, JValue, string][] = [];
    if (asObjects) {
      if (!isObject(inst) || isB64(inst)) return c.error(RULE.INSTANCES, p, 'expected an object like the first instance');
      for (const [k, v] of inst.entries) {
        const t = sig.inputs.find((x) => x.alias === k);
        if (!t) c.error(RULE.INPUT_KEYS, pointer('instances', i, k), `signature ${q(sig.key)} has no input ${q(k)}`);
        else values.push([t, v, pointer('instances', i, k)]);
      }
      for (const t of sig.inputs)
        if (get(inst, t.alias) === undefined) c.error(RULE.INPUT_KEYS, p, `missing input ${q(t.alias)}: every instance needs every input`);
    } else {
      if (isObject(inst) && !isB64(inst)) return c.error(RULE.INSTANCES, p, 'expected a value or list like the first instance, got an object');
      values.push([sig.inputs[0]!, inst, p]);
    }
    for (const [t, v, vp] of values) {
      const shape = c.tensor(v, t, vp);
      if (!shape) continue;
      const seen = firstShape.get(t.alias);
      if (!seen) {
        firstShape.set(t.alias, shape);
        c.contractShape(shape, instanceShape(t.shape), t, vp, 'each instance');
      } else if (seen.join() !== shape.join())
        c.error(RULE.INSTANCE_SHAPE, vp, `shape [${shape.join(', ')}] differs from the first instance's [${seen.join(', ')}] for input ${q(t.alias)}`);
    }
  });
  if (!sig.rowFormat) {
    const scalar = sig.inputs.find((t) => t.shape !== null && t.shape.length === 0);
    c.warn(
      RULE.SHAPE,
      '/instances',
      scalar
        ? `input ${q(scalar.alias)} is a scalar: TF Serving stacks instances into a batch of ${instances.length}, which the model may refuse; send "inputs"`
        : `the inputs fix different batch sizes, so no one count of instances fits them all; send "inputs"`,
    );
  } else if (sig.batch !== undefined && instances.length !== sig.batch)
    c.warn(RULE.BATCH, '/instances', `${instances.length} instances; the signature fixes the batch at ${sig.batch}`);
  if (!sig.rowResponse) {
    const bad = sig.outputs.find((t) => t.shape !== null && t.shape.length === 0);
    c.error(
      RULE.ROW_RESPONSE,
      '/instances',
      `TF Serving answers "instances" with "predictions" per instance and fails after the run: ${bad ? `output ${q(bad.alias)} is a scalar` : 'the outputs fix different batch sizes'}; send "inputs"`,
    );
  }
}

function checkColumns(inputs: JValue, sig: SignatureContract, c: Checker) {
  const tensors: [TensorJson, JValue, string][] = [];
  const aliases = sig.inputs.map((t) => t.alias);
  if (!isObject(inputs) || isB64(inputs)) {
    if (sig.inputs.length > 1)
      return c.error(
        RULE.FORMAT,
        '/inputs',
        `a plain value feeds one input; signature ${q(sig.key)} has ${aliases.length}: give an object keyed by ${aliases.map((a) => q(a)).join(', ')}`,
      );
    tensors.push([sig.inputs[0]!, inputs, '/inputs']);
  } else {
    for (const [k] of inputs.entries)
      if (!aliases.includes(k)) c.warn(RULE.IGNORED_KEY, pointer('inputs', k), `signature ${q(sig.key)} has no input ${q(k)}: TF Serving ignores it`);
    for (const t of sig.inputs) {
      const v = get(inputs, t.alias);
      if (v === undefined) c.error(RULE.INPUT_KEYS, '/inputs', `missing input ${q(t.alias)}`);
      else tensors.push([t, v, pointer('inputs', t.alias)]);
    }
  }
  let batch: { size: number; alias: string } | undefined;
  for (const [t, v, p] of tensors) {
    const shape = c.tensor(v, t, p);
    if (!shape) continue;
    c.contractShape(shape, t.shape, t, p, 'the tensor');
    // Inputs batched along dimension 0 are expected to agree; TF Serving does not check it.
    if (t.shape === null || t.shape.length === 0 || t.shape[0] !== -1 || shape.length === 0) continue;
    if (!batch) batch = { size: shape[0]!, alias: t.alias };
    else if (shape[0] !== batch.size) c.warn(RULE.BATCH, p, `batch of ${shape[0]}; input ${q(batch.alias)} has ${batch.size}`);
  }
}

function checkPredict(body: JObject, sig: SignatureContract, c: Checker) {
  ignoredKeys(body, ['signature_name', 'instances', 'inputs'], c);
  const instances = get(body, 'instances');
  const inputs = get(body, 'inputs');
  if (instances !== undefined && inputs !== undefined)
    return c.error(RULE.FORMAT, '', "give one of 'instances' (row format) and 'inputs' (columnar), not both");
  if (instances !== undefined) return checkRows(instances, sig, c);
  if (inputs !== undefined) return checkColumns(inputs, sig, c);
  c.error(RULE.FORMAT, '', "missing 'instances' (row format) or 'inputs' (columnar format)");
}

type Kind = 'int64' | 'float' | 'bytes';

/** A feature map (json_tensor.cc MakeExampleFromJsonObject): returns each feature's kind. */
function checkFeatureMap(v: JValue, p: string, c: Checker): Map<string, { kind?: Kind; count: number }> | undefined {
  if (!isObject(v)) return void c.error(RULE.EXAMPLES, p, `must be an object of features (name → value or list of values), got ${show(v)}`);
  const out = new Map<string, { kind?: Kind; count: number }>();
  for (const [name, content] of v.entries) {
    const fp = `${p}${pointer(name)}`;
    const items = Array.isArray(content) ? content : [content];
    let kind: Kind | undefined;
    items.forEach((item, i) => {
      const ip = Array.isArray(content) ? `${fp}/${i}` : fp;
      let k: Kind;
      if (typeof item === 'boolean') k = 'int64';
      else if (typeof item === 'string') k = 'bytes';
      else if (isB64(item)) {
        k = 'bytes';
        if (!BASE64.test(b64Text(item))) c.error(RULE.BASE64, `${ip}/b64`, 'is not base64 (standard alphabet, padding optional): TF Serving cannot decode it');
      } else if (isNumber(item)) {
        const n = num(item);
        if (n.isDouble) {
          k = 'float';
          if (Number.isFinite(n.value) && Math.abs(n.value) > FLOAT32_MAX) c.warn(RULE.NARROWED, ip, `${n.text} is beyond float32: the feature holds Infinity`);
        } else {
          k = 'int64';
          if (BigInt(n.text) > 9223372036854775807n) return c.error(RULE.FEATURE, ip, `${n.text} is a uint64: features hold int64 only`);
        }
      } else return c.error(RULE.FEATURE, ip, `a feature value must be a number, string, boolean or {"b64": …}, got ${show(item)}`);
      if (kind && k !== kind) return c.error(RULE.FEATURE, ip, `feature ${q(name)} mixes ${kind} and ${k} values: one list holds one kind`);
      kind ??= k;
    });
    out.set(name, { ...(kind ? { kind } : {}), count: items.length });
  }
  return out;
}

const FEATURE_KIND: Record<string, Kind> = { DT_FLOAT: 'float', DT_INT64: 'int64', DT_STRING: 'bytes' };

/** What the graph's ParseExample expects of each example (context features fill in). */
function checkParsed(
  features: FeatureSpec[],
  got: Map<string, { kind?: Kind; count: number }>,
  context: Map<string, { kind?: Kind; count: number }> | undefined,
  p: string,
  c: Checker,
) {
  for (const f of features) {
    const have = got.get(f.name) ?? context?.get(f.name);
    if (!have) {
      if (f.required) c.warn(RULE.PARSED_FEATURE, p, `missing feature ${q(f.name)} (${f.dtype}), which the model parses with no default: the model fails`);
      continue;
    }
    const want = FEATURE_KIND[f.dtype];
    const fp = `${p}${pointer(f.name)}`;
    if (have.kind && want && have.kind !== want)
      c.warn(
        RULE.PARSED_FEATURE,
        fp,
        `feature ${q(f.name)} is ${f.dtype} in the model; these values make ${have.kind === 'int64' ? 'an' : 'a'} ${have.kind} list${want === 'float' && have.kind === 'int64' ? ' (write 1.0, not 1)' : ''}`,
      );
    const count = f.kind === 'dense' ? (f.shape ?? []).reduce((n, d) => n * d, 1) : undefined;
    if (count !== undefined && have.count !== count)
      c.warn(RULE.PARSED_FEATURE, fp, `feature ${q(f.name)} needs exactly ${count} value(s) (shape [${(f.shape ?? []).join(', ')}]), got ${have.count}`);
  }
}

function checkExamples(body: JObject, sig: SignatureContract, method: Method, c: Checker) {
  ignoredKeys(body, ['signature_name', 'context', 'examples'], c);
  const contextValue = get(body, 'context');
  const context = contextValue !== undefined ? checkFeatureMap(contextValue, '/context', c) : undefined;
  const examples = get(body, 'examples');
  if (examples === undefined) return c.error(RULE.EXAMPLES, '', `missing 'examples': :${method} takes a list of feature objects`);
  if (!Array.isArray(examples)) return c.error(RULE.EXAMPLES, '/examples', "'examples' must be a list");
  if (examples.length === 0) return c.error(RULE.EXAMPLES, '/examples', "'examples' must hold at least one example");
  examples.forEach((e, i) => {
    const before = c.errors;
    const map = checkFeatureMap(e, `/examples/${i}`, c);
    // What the model makes of an example is worth saying only of one TF Serving accepts.
    if (map && sig.features && c.errors === before) checkParsed(sig.features, map, context, `/examples/${i}`, c);
  });
}

/**
 * Checks a request body (JSON text, or a value already read with `parseDocument`) sent to
 * `:<method>` of the model, `signature` standing for the signature_name the body leaves out.
 */
export function checkRequest(body: string | JValue, model: ModelContract, method: Method, signature?: string): CheckResult {
  return typeof body === 'string' ? readRequest(body, model, method, signature).result : checkValue(body, model, method, signature);
}

/**
 * Reads and checks request text: the value as read (undefined when it is not JSON) and the check.
 * `exactWarnings: false` is for callers that use errors only (the mock): a body with warnings and no
 * error is then answered from the quick reading, whose warnings may quote a number as JavaScript
 * writes it rather than as the body does.
 */
export function readRequest(
  text: string,
  model: ModelContract,
  method: Method,
  signature?: string,
  { exactWarnings = true }: { exactWarnings?: boolean } = {},
): { value?: JValue; result: CheckResult } {
  // Most bodies are read quickly and found sound; a problem is reported from the exact reading,
  // whose number texts are as written.
  const quick = parseQuick(text);
  if (quick !== undefined) {
    const result = checkValue(quick, model, method, signature);
    if (result.problems.length === 0 || (!exactWarnings && result.problems.every((p) => p.level === 'warning'))) return { value: quick, result };
  }
  let doc: { value: JValue; end: number };
  try {
    doc = parseDocument(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return {
      result: { signature: '', problems: [{ level: 'error', rule: RULE.PARSE, pointer: '', message: `not JSON as TF Serving reads it: ${e.message}` }] },
    };
  }
  const c = new Checker();
  if (text.slice(doc.end).trim() !== '')
    c.warn(RULE.TRAILING_TEXT, '', `text after the JSON value (offset ${doc.end}): TF Serving stops reading at the end of the value and ignores it`);
  return { value: doc.value, result: checkValue(doc.value, model, method, signature, c) };
}

function checkValue(value: JValue, model: ModelContract, method: Method, signature: string | undefined, c = new Checker()): CheckResult {
  if (!isObject(value)) {
    c.error(RULE.NOT_OBJECT, '', `the request must be a JSON object, got ${show(value)}`);
    return { signature: '', problems: c.problems };
  }
  const sig = resolveSignature(value, model, method, signature, c);
  if (sig) {
    if (method === 'predict') checkPredict(value, sig, c);
    else checkExamples(value, sig, method, c);
  }
  if (c.dropped)
    c.problems.push({
      level: c.droppedErrors > 0 ? 'error' : 'warning',
      rule: RULE.TRUNCATED,
      pointer: '',
      message: `${c.dropped} more problem(s) not listed`,
    });
  return { signature: sig?.key ?? '', problems: c.problems };
}

/** True when TF Serving would accept the request (warnings allowed unless `strict`). */
export const accepted = (r: CheckResult, strict = false) => !r.problems.some((p) => p.level === 'error' || strict);
