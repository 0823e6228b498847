// Checks a request body the way TF Serving's JSON codec parses it, and further: each problem
// with its JSON pointer, including what a JSON Schema cannot say (ragged lists, instances whose
// shapes differ, batch sizes that disagree, a fixed dimension of the wrong length).
import { pointer } from '../util/json-pointer.js';
import { get, isNumber, isObject, type JObject, type JValue } from './parse-json.js';
import { FLOAT32_MAX, instanceShape, INT_RANGES, type JsonValue, type Method, type ModelApi, type SignatureApi, type TensorJson } from './tfserving-rest.js';

export interface Problem {
  pointer: string;
  message: string;
}

export interface CheckResult {
  /** The signature the request resolved to ('' when it could not be told). */
  signature: string;
  problems: Problem[];
}

const show = (v: JValue): string => (isNumber(v) ? v.text : isObject(v) ? 'an object' : Array.isArray(v) ? 'a list' : JSON.stringify(v));
const isB64 = (v: JValue): boolean => isObject(v) && v.entries.length === 1 && v.entries[0]![0] === 'b64' && typeof v.entries[0]![1] === 'string';
const b64Text = (v: JValue) => (v as JObject).entries[0]![1] as string;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

class Checker {
  problems: Problem[] = [];
  add(ptr: string, message: string) {
    this.problems.push({ pointer: ptr, message });
  }

  /** One element of a tensor. */
  leaf(v: JValue, t: JsonValue, ptr: string) {
    const bad = (what: string) => this.add(ptr, `expected ${what} (${t.dtype}), got ${show(v)}`);
    switch (t.kind) {
      case 'number':
        if (!isNumber(v)) return bad('a number');
        if (t.dtype === 'DT_FLOAT' && Number.isFinite(v.value)) {
          if (Math.abs(v.value) > FLOAT32_MAX) return this.add(ptr, `${v.text} is out of range for DT_FLOAT`);
          if (!v.isDouble && Math.abs(v.value) > 2 ** 24 - 1) return this.add(ptr, `${v.text} cannot be a DT_FLOAT without loss of precision`);
        }
        return;
      case 'integer': {
        if (!isNumber(v) || v.isDouble) return bad('an integer');
        const [min, max] = INT_RANGES[t.dtype]!;
        const n = BigInt(v.text);
        if (n < min || n > max) this.add(ptr, `${v.text} is out of range for ${t.dtype} [${min}, ${max}]`);
        return;
      }
      case 'boolean':
        if (typeof v !== 'boolean') bad('true or false');
        return;
      case 'string':
        if (isObject(v)) {
          if (!isB64(v)) return this.add(ptr, 'expected {"b64": "<base64>"} with no other keys');
          if (!BASE64.test(b64Text(v))) this.add(`${ptr}/b64`, 'not valid base64');
          return;
        }
        if (t.bytesOnly) return bad('{"b64": "<base64>"} (the alias ends in _bytes: binary data)');
        if (typeof v !== 'string') bad('a string or {"b64": …}');
    }
  }

  /** A tensor value against dims (null: any rank). Returns its shape as written, or undefined. */
  tensor(v: JValue, t: TensorJson, dims: number[] | null, ptr: string): number[] | undefined {
    // The shape is read along the first elements, as TF Serving does; every list must then match it.
    const shape: number[] = [];
    for (let x: JValue = v; Array.isArray(x); x = x[0]!) {
      shape.push(x.length);
      if (x.length === 0) break;
    }
    const before = this.problems.length;
    const walk = (x: JValue, level: number, p: string) => {
      if (!Array.isArray(x)) {
        if (level !== shape.length) return this.add(p, `ragged: a value at depth ${level} where depth ${shape.length} was expected`);
        return this.leaf(x, t.value, p);
      }
      if (level >= shape.length) return this.add(p, `ragged: a list at depth ${level} where values were expected`);
      if (x.length !== shape[level]) return this.add(p, `ragged: ${x.length} items where the first list at this depth has ${shape[level]}`);
      x.forEach((item, i) => walk(item, level + 1, `${p}/${i}`));
    };
    walk(v, 0, ptr);
    if (this.problems.length > before) return undefined;
    if (dims !== null) {
      if (shape.length !== dims.length) {
        this.add(ptr, `expected rank ${dims.length} (shape [${dims.join(', ')}]), got rank ${shape.length}`);
        return undefined;
      }
      for (let d = 0; d < dims.length; d++) {
        if (dims[d]! >= 0 && shape[d] !== dims[d]) {
          this.add(ptr, `dimension ${d} must have ${dims[d]} items (shape [${dims.join(', ')}]), got ${shape[d]}`);
          return undefined;
        }
      }
    }
    return shape;
  }
}

function resolveSignature(body: JObject, api: ModelApi, method: Method, override: string | undefined, c: Checker): SignatureApi | undefined {
  const named = get(body, 'signature_name');
  if (named !== undefined && typeof named !== 'string') {
    c.add('/signature_name', 'must be a string');
    return undefined;
  }
  const key = named ?? override;
  const candidates = api.signatures.filter((s) => s.method === method);
  const list = candidates.map((s) => JSON.stringify(s.key)).join(', ') || 'none';
  if (key === undefined) {
    const dflt = candidates.find((s) => s.isDefault);
    if (!dflt) c.add('/signature_name', `required: the model has no serving_default ${method} signature; ${method} signatures: ${list}`);
    return dflt;
  }
  const sig = api.signatures.find((s) => s.key === key);
  if (!sig) c.add(named !== undefined ? '/signature_name' : '', `no servable signature ${JSON.stringify(key)}; ${method} signatures: ${list}`);
  else if (sig.method !== method)
    c.add(named !== undefined ? '/signature_name' : '', `signature ${JSON.stringify(key)} is a ${sig.method} signature, not ${method}`);
  else return sig;
  return undefined;
}

function checkKeys(body: JObject, allowed: string[], c: Checker) {
  for (const [k] of body.entries) if (!allowed.includes(k)) c.add(pointer(k), `unknown key (expected ${allowed.map((a) => JSON.stringify(a)).join(', ')})`);
}

function checkPredict(body: JObject, sig: SignatureApi, c: Checker) {
  const instances = get(body, 'instances');
  const inputs = get(body, 'inputs');
  checkKeys(body, ['signature_name', 'instances', 'inputs'], c);
  if (instances !== undefined && inputs !== undefined) return c.add('', 'has both "instances" and "inputs": use one of them');
  if (instances === undefined && inputs === undefined) return c.add('', 'needs "instances" (row format) or "inputs" (columnar format)');
  const single = sig.inputs.length === 1;
  const aliases = sig.inputs.map((t) => t.alias);

  if (instances !== undefined) {
    if (!sig.rowFormat) {
      const scalar = sig.inputs.find((t) => t.shape !== null && t.shape.length === 0);
      return c.add(
        '/instances',
        `signature ${JSON.stringify(sig.key)} takes only the columnar format ("inputs"): ${scalar ? `input ${JSON.stringify(scalar.alias)} is a scalar with no batch dimension` : 'its inputs fix different batch sizes'}`,
      );
    }
    if (!Array.isArray(instances)) return c.add('/instances', 'must be a list');
    if (instances.length === 0) return c.add('/instances', 'must hold at least one instance');
    if (sig.batch !== undefined && instances.length !== sig.batch) {
      const t = sig.inputs.find((i) => i.shape?.[0] === sig.batch)!;
      c.add(
        '/instances',
        `must hold exactly ${sig.batch} instance(s): input ${JSON.stringify(t.alias)} has shape [${t.shape!.join(', ')}], a batch of ${sig.batch}`,
      );
    }
    const asObjects = isObject(instances[0]!) && !isB64(instances[0]!);
    if (!asObjects && !single)
      return c.add(
        '/instances/0',
        `expected an object keyed by input (${aliases.map((a) => JSON.stringify(a)).join(', ')}): the signature has ${aliases.length} inputs`,
      );
    const shapes = new Map<string, string>();
    instances.forEach((inst, i) => {
      const p = `/instances/${i}`;
      const values: [TensorJson, JValue, string][] = [];
      if (asObjects) {
        if (!isObject(inst) || isB64(inst)) return c.add(p, 'expected an object like the first instance');
        for (const [k] of inst.entries) if (!aliases.includes(k)) c.add(pointer('instances', i, k), `not an input of signature ${JSON.stringify(sig.key)}`);
        for (const t of sig.inputs) {
          const v = get(inst, t.alias);
          if (v === undefined) c.add(p, `missing input ${JSON.stringify(t.alias)}`);
          else values.push([t, v, pointer('instances', i, t.alias)]);
        }
      } else {
        if (isObject(inst) && !isB64(inst)) return c.add(p, 'expected a value or list like the first instance, got an object');
        values.push([sig.inputs[0]!, inst, p]);
      }
      for (const [t, v, vp] of values) {
        const shape = c.tensor(v, t, instanceShape(t.shape), vp);
        if (!shape) continue;
        const seen = shapes.get(t.alias);
        if (seen === undefined) shapes.set(t.alias, shape.join(','));
        else if (seen !== shape.join(','))
          c.add(
            vp,
            `instance shape [${shape.join(', ')}] differs from the first instance's [${seen.split(',').join(', ')}] for input ${JSON.stringify(t.alias)}`,
          );
      }
    });
    return;
  }

  const tensors: [TensorJson, JValue, string][] = [];
  if (!isObject(inputs!) || isB64(inputs!)) {
    if (!single)
      return c.add(
        '/inputs',
        `expected an object keyed by input (${aliases.map((a) => JSON.stringify(a)).join(', ')}): the signature has ${aliases.length} inputs`,
      );
    tensors.push([sig.inputs[0]!, inputs!, '/inputs']);
  } else {
    for (const [k] of inputs.entries) if (!aliases.includes(k)) c.add(pointer('inputs', k), `not an input of signature ${JSON.stringify(sig.key)}`);
    for (const t of sig.inputs) {
      const v = get(inputs, t.alias);
      if (v === undefined) c.add('/inputs', `missing input ${JSON.stringify(t.alias)}`);
      else tensors.push([t, v, pointer('inputs', t.alias)]);
    }
  }
  let batch: { size: number; alias: string } | undefined;
  for (const [t, v, p] of tensors) {
    const shape = c.tensor(v, t, t.shape, p);
    // Inputs batched along dimension 0 must agree on the batch size.
    if (!shape || t.shape === null || t.shape.length === 0 || t.shape[0] !== -1 || tensors.length < 2) continue;
    if (!batch) batch = { size: shape[0]!, alias: t.alias };
    else if (shape[0] !== batch.size) c.add(p, `batch size ${shape[0]} differs from input ${JSON.stringify(batch.alias)}'s ${batch.size}`);
  }
}

function checkFeatures(v: JValue, p: string, c: Checker) {
  if (!isObject(v) || isB64(v)) return c.add(p, 'expected an object of features (name → value or list of values)');
  for (const [name, content] of v.entries) {
    const fp = `${p}${pointer(name)}`;
    const items = Array.isArray(content) ? content : [content];
    let kind: string | undefined;
    items.forEach((item, i) => {
      const ip = Array.isArray(content) ? `${fp}/${i}` : fp;
      let k: string;
      if (typeof item === 'boolean') k = 'int64';
      else if (typeof item === 'string') k = 'bytes';
      else if (isB64(item)) {
        k = 'bytes';
        if (!BASE64.test(b64Text(item))) c.add(`${ip}/b64`, 'not valid base64');
      } else if (isNumber(item)) {
        if (item.isDouble) {
          k = 'float';
          if (Number.isFinite(item.value) && Math.abs(item.value) > FLOAT32_MAX) c.add(ip, `${item.text} is out of range for a float feature`);
        } else {
          k = 'int64';
          const n = BigInt(item.text);
          if (n > 9223372036854775807n || n < -9223372036854775808n) c.add(ip, `${item.text} is out of range for an int64 feature`);
        }
      } else return c.add(ip, `a feature value must be a number, string, boolean or {"b64": …}, got ${show(item)}`);
      if (kind && k !== kind) c.add(ip, `feature ${JSON.stringify(name)} mixes ${kind} and ${k} values`);
      kind ??= k;
    });
  }
}

const FEATURE_KIND: Record<string, string> = { DT_FLOAT: 'float', DT_INT64: 'int64', DT_STRING: 'bytes' };

/** Where the graph says which features the model parses: their kinds, value counts and presence. */
function checkParsedFeatures(v: JValue, p: string, sig: SignatureApi, context: JValue | undefined, c: Checker) {
  if (!isObject(v) || !sig.features) return;
  for (const f of sig.features) {
    const value = get(v, f.name) ?? (isObject(context ?? null) ? get(context as JObject, f.name) : undefined);
    const fp = `${p}${pointer(f.name)}`;
    if (value === undefined) {
      if (f.required) c.add(p, `missing feature ${JSON.stringify(f.name)} (${f.dtype}), which the model parses with no default`);
      continue;
    }
    const items = Array.isArray(value) ? value : [value];
    const want = FEATURE_KIND[f.dtype];
    items.forEach((item, i) => {
      const got =
        typeof item === 'boolean'
          ? 'int64'
          : typeof item === 'string' || isB64(item)
            ? 'bytes'
            : isNumber(item)
              ? item.isDouble
                ? 'float'
                : 'int64'
              : undefined;
      if (got && want && got !== want) {
        const hint = want === 'float' && got === 'int64' && isNumber(item) ? ` (write ${item.text}.0)` : '';
        c.add(
          Array.isArray(value) ? `${fp}/${i}` : fp,
          `feature ${JSON.stringify(f.name)} is ${f.dtype}: this value makes ${got === 'int64' ? 'an' : 'a'} ${got} list${hint}`,
        );
      }
    });
    const count = f.kind === 'dense' ? (f.shape ?? []).reduce((n, d) => n * d, 1) : undefined;
    if (count !== undefined && items.length !== count)
      c.add(fp, `feature ${JSON.stringify(f.name)} needs exactly ${count} value(s) (shape [${(f.shape ?? []).join(', ')}]), got ${items.length}`);
  }
}

function checkExamples(body: JObject, sig: SignatureApi, c: Checker) {
  checkKeys(body, ['signature_name', 'context', 'examples'], c);
  const context = get(body, 'context');
  if (context !== undefined) checkFeatures(context, '/context', c);
  const examples = get(body, 'examples');
  if (examples === undefined) return c.add('', 'needs "examples": a list of feature objects');
  if (!Array.isArray(examples)) return c.add('/examples', 'must be a list');
  if (examples.length === 0) return c.add('/examples', 'must hold at least one example');
  examples.forEach((e, i) => {
    const before = c.problems.length;
    checkFeatures(e, `/examples/${i}`, c);
    if (c.problems.length === before) checkParsedFeatures(e, `/examples/${i}`, sig, context, c);
  });
}

export function checkRequest(body: JValue, api: ModelApi, method: Method, signature?: string): CheckResult {
  const c = new Checker();
  if (!isObject(body)) {
    c.add('', `the request must be a JSON object, got ${show(body)}`);
    return { signature: '', problems: c.problems };
  }
  const sig = resolveSignature(body, api, method, signature, c);
  if (sig) {
    if (method === 'predict') checkPredict(body, sig, c);
    else checkExamples(body, sig, c);
  }
  return { signature: sig?.key ?? '', problems: c.problems };
}
