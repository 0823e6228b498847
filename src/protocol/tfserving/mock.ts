// A TensorFlow Serving stand-in for one model, as a pure function from an HTTP request to the answer
// TF Serving would give: its URL rules (http_rest_api_util.cc kPredictionApiGegex and
// kModelStatusApiRegex, case-insensitive, full match; the verb compared case-sensitively after),
// its lookups (basic_manager.cc "Servable not found for request: Latest(name)" / "Specific(name, v)",
// server_core.cc "Unrecognized servable version label", get_model_status_impl.cc "Could not find
// version…"/"Could not find any versions of model…", http_rest_api_handler.cc "Missing model name in
// request." and "Malformed request: METHOD path"), the status-to-HTTP mapping of http_server.cc, error
// bodies as MakeJsonFromStatus writes them, and every request checked by the project's checker,
// refused with 400 where TF Serving refuses it. Answers are synthesised per signature and batch:
// deterministic for a seed, NaN/Infinity as bare tokens and int64 exact, as TF Serving writes them.
import { concreteShape, elementCount, metadataResponse, statusResponse } from './examples.js';
import { instanceShape, type Method, type ModelApi, type SignatureApi, type TensorJson } from './describe.js';
import { readRequest } from './runtime/check.js';
import { get, isObject, type JValue } from './runtime/json.js';
import { rng } from '../../util/rng.js';

export interface MockOptions {
  /** Seeds the synthesised values (default 1): the same request gets the same answer. */
  seed?: number;
  /** The version the mock serves (default: the model's, else 1). */
  version?: string;
  /** Version labels, label → version (TF Serving's model config `version_labels`). */
  labels?: Record<string, string>;
}

export interface MockAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Past this many values in one answer the mock refuses to synthesise (a hostile signature's
 * fixed dimensions must not make it build gigabytes). */
export const MAX_ANSWER_VALUES = 16_000_000;

const PREDICTION_API = /^\/v1\/models\/([^/:]+)(?:\/versions\/(\d+)|\/labels\/([^/:]+))?:(classify|regress|predict)$/i;
const MODEL_STATUS_API = /^\/v1\/models(?:\/([^/:]+))?(?:\/versions\/(\d+)|\/labels\/([^/:]+))?(?:\/(metadata))?$/i;
const JSON_HEADERS = { 'content-type': 'application/json' };
/** What libevent's evhttp_send_error writes for a path no handler takes (TF Serving handles /v1/ only). */
export const NOT_FOUND_HTML = '<HTML><HEAD>\n<TITLE>404 Not Found</TITLE>\n</HEAD><BODY>\n<H1>Not Found</H1>\n</BODY></HTML>\n';

/** MakeJsonFromStatus: rapidjson's PrettyWriter, four-space indent. */
const error = (status: number, message: string): MockAnswer => ({
  status,
  headers: JSON_HEADERS,
  body: `{\n    "error": ${JSON.stringify(message)}\n}`,
});

/** A version as a number in text, without padding: 00000123 and 123 are one version. */
const byValue = (v: string) => (/^\d+$/.test(v) ? String(BigInt(v)) : v);

/** curl_easy_unescape: %XX decoded as bytes, nothing else ('+' stays). */
function unescape(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && /^[0-9a-f]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

const hash = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

/** How many distinct values an answer draws from per tensor: formatting numbers is the costly part
 * of a 100,000-value answer, so each tensor's values are written once and picked by the generator. */
const TABLE = 4096;

/** Up to TABLE elements of a tensor as TF Serving writes them (as many as the answer holds, if fewer). */
function valueTable(t: TensorJson, r: () => number, needed: number): string[] {
  const v = t.value;
  return Array.from({ length: Math.max(1, Math.min(TABLE, needed)) }, (_, i) => {
    switch (v.kind) {
      case 'number': {
        const x = r();
        // Now and then the values TF Serving writes as bare tokens.
        if (x < 1 / 128) return x < 1 / 384 ? 'NaN' : x < 2 / 384 ? 'Infinity' : '-Infinity';
        return String(Math.round((r() * 2 - 1) * 1e6) / 1e6);
      }
      case 'integer': {
        if (!v.beyondSafe) return String(Math.floor(v.min + r() * (v.max - v.min + 1)));
        // The whole 64-bit range, written exactly (not as a double).
        const u = (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32));
        return String(v.dtype === 'DT_UINT64' ? u : BigInt.asIntN(64, u));
      }
      case 'boolean':
        return r() < 0.5 ? 'true' : 'false';
      case 'string':
        return v.bytesOnly ? JSON.stringify({ b64: Buffer.from(`output ${i}`).toString('base64') }) : JSON.stringify(`output ${i}`);
    }
  });
}

/** A tensor of these dimensions as JSON text (appended: V8's string ropes make that cheap). */
function tensorText(table: string[], dims: number[], r: () => number, level = 0): string {
  if (level === dims.length) return table[(r() * table.length) | 0]!;
  const n = dims[level]!;
  let out = '[';
  if (level === dims.length - 1) for (let k = 0; k < n; k++) out += (k ? ', ' : '') + table[(r() * table.length) | 0]!;
  else for (let k = 0; k < n; k++) out += (k ? ', ' : '') + tensorText(table, dims, r, level + 1);
  return `${out}]`;
}

/** The batch a columnar request carries: dimension 0 of the first batched input. */
function columnarBatch(sig: SignatureApi, inputs: JValue | undefined): number {
  for (const t of sig.inputs) {
    if (t.shape === null || t.shape.length === 0 || t.shape[0] !== -1) continue;
    const v =
      sig.inputs.length === 1 && !(inputs && isObject(inputs) && get(inputs, t.alias) !== undefined)
        ? inputs
        : inputs && isObject(inputs)
          ? get(inputs, t.alias)
          : undefined;
    if (Array.isArray(v)) return v.length;
  }
  return sig.batch ?? 1;
}

function predictAnswer(sig: SignatureApi, body: JValue, r: () => number): MockAnswer {
  const o = body as Extract<JValue, { kind: 'object' }>;
  const instances = get(o, 'instances');
  const rows = Array.isArray(instances);
  const batch = rows ? instances.length : columnarBatch(sig, get(o, 'inputs'));
  const dims = (t: TensorJson) => (rows ? concreteShape(instanceShape(t.shape)) : concreteShape(t.shape, batch));
  const values = sig.outputs.reduce((n, t) => n + elementCount(dims(t)) * (rows ? batch : 1), 0);
  if (values > MAX_ANSWER_VALUES)
    return error(500, `tf2openapi's mock does not synthesise answers of more than ${MAX_ANSWER_VALUES} values (this one: ${values})`);
  const tables = sig.outputs.map((t) => valueTable(t, r, elementCount(dims(t)) * (rows ? batch : 1)));
  const one = () =>
    sig.outputs.length === 1
      ? tensorText(tables[0]!, dims(sig.outputs[0]!), r)
      : `{${sig.outputs.map((t, k) => `${JSON.stringify(t.alias)}: ${tensorText(tables[k]!, dims(t), r)}`).join(', ')}}`;
  let answer = rows ? '{"predictions": [' : '{"outputs": ';
  if (rows) for (let k = 0; k < batch; k++) answer += (k ? ', ' : '') + one();
  else answer += one();
  answer += rows ? ']}' : '}';
  return { status: 200, headers: JSON_HEADERS, body: answer };
}

function examplesAnswer(method: 'classify' | 'regress', sig: SignatureApi, body: JValue, r: () => number): MockAnswer {
  const examples = get(body as Extract<JValue, { kind: 'object' }>, 'examples') as JValue[];
  if (method === 'regress')
    return { status: 200, headers: JSON_HEADERS, body: `{"results": [${examples.map(() => String(Math.round(r() * 1e6) / 1e6)).join(', ')}]}` };
  const classes = sig.outputs.find((t) => t.alias === 'classes');
  const scores = sig.outputs.find((t) => t.alias === 'scores');
  const width = [classes, scores].map((t) => t?.shape?.[1]).find((d) => d !== undefined && d >= 0) ?? 2;
  const one = () =>
    `[${Array.from({ length: width }, (_, k) => `[${JSON.stringify(classes ? `class ${k}` : '')}, ${scores ? String(Math.round(r() * 1e6) / 1e6) : '0'}]`).join(', ')}]`;
  return { status: 200, headers: JSON_HEADERS, body: `{"results": [${examples.map(one).join(', ')}]}` };
}

/** The answering function for `api`. */
export function mockTfServing(
  api: ModelApi,
  opts: MockOptions = {},
): (method: string, path: string, body: string, headers?: Record<string, string | undefined>) => MockAnswer {
  // Compared by value: TF Serving's version directories may be zero-padded (00000123).
  const served = byValue(opts.version ?? api.version ?? '1');
  const labels = opts.labels ?? {};
  const seed = opts.seed ?? 1;
  /** ServerCore's lookup of the servable a request names: an error answer, or undefined when found. */
  const lookup = (name: string, version: string | undefined, label: string | undefined): MockAnswer | undefined => {
    if (label !== undefined) {
      const v = name === api.name && Object.hasOwn(labels, label) ? labels[label] : undefined;
      if (v === undefined) return error(400, `Unrecognized servable version label: ${label}`);
      version = byValue(v);
    }
    if (name !== api.name || (version !== undefined && version !== served))
      return error(404, `Servable not found for request: ${version !== undefined ? `Specific(${name}, ${version})` : `Latest(${name})`}`);
    return undefined;
  };
  const label = (s: string | undefined) => (s === undefined ? undefined : unescape(s));
  const versionOf = (s: string | undefined): string | undefined | MockAnswer => {
    if (s === undefined) return undefined;
    return BigInt(s) > 9223372036854775807n ? error(400, `Failed to convert version: ${s} to numeric.`) : byValue(s);
  };
  return (method, path, body, headers = {}) => {
    const url = path.split('?')[0]!;
    if (!/^\/v1\//i.test(url)) return { status: 404, headers: { 'content-type': 'text/html' }, body: NOT_FOUND_HTML };
    const malformed = () => error(400, `Malformed request: ${method} ${url}`);
    if (method === 'OPTIONS') return /https?:\/\//.test(headers.origin ?? '') ? { status: 200, headers: {}, body: '' } : { status: 400, headers: {}, body: '' };
    if (method === 'POST') {
      const m = PREDICTION_API.exec(url);
      if (!m) return malformed();
      const version = versionOf(m[2]);
      if (typeof version === 'object') return version;
      const verb = m[4]!;
      if (verb !== 'predict' && verb !== 'classify' && verb !== 'regress') return malformed();
      // The body is read before the servable is looked up (FillClassificationRequestFromJson, and
      // FillPredictRequestFromJson's parse before GetInfoMap).
      const { value: parsed, result: first } = readRequest(body, api, verb as Method, undefined, { exactWarnings: false });
      if (parsed === undefined) return error(400, first.problems[0]!.message);
      const early = first.problems.find((p) => p.level === 'error' && p.rule === 'not-object');
      if (early) return error(400, early.message);
      const missing = lookup(unescape(m[1]!), version, label(m[3]));
      if (missing) return missing;
      const errors = first.problems.filter((p) => p.level === 'error');
      if (errors.length) return error(400, errors.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; '));
      const sig = api.signatures.find((s) => s.key === first.signature)!;
      const r = rng(seed ^ hash(`${verb}\u0000${sig.key}\u0000${body.length}`));
      return verb === 'predict' ? predictAnswer(sig, parsed, r) : examplesAnswer(verb, sig, parsed, r);
    }
    if (method === 'GET') {
      const m = MODEL_STATUS_API.exec(url);
      if (!m) return malformed();
      const version = versionOf(m[2]);
      if (typeof version === 'object') return version;
      const name = m[1] !== undefined ? unescape(m[1]) : '';
      if (!name) return error(400, 'Missing model name in request.');
      if (m[4] === 'metadata') {
        const missing = lookup(name, version, label(m[3]));
        return missing ?? { status: 200, headers: JSON_HEADERS, body: JSON.stringify(metadataResponse(api, served), null, 2) };
      }
      // GetModelStatus looks at the version only: a label is not resolved there.
      if (name !== api.name) return error(404, `Could not find any versions of model ${name}`);
      if (version !== undefined && version !== served) return error(404, `Could not find version ${version} of model ${name}`);
      return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(statusResponse(served), null, 2) };
    }
    return malformed();
  };
}
