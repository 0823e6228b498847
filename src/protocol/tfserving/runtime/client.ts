// The runtime of every generated TF Serving client: requests, response decoding, errors, and the
// request check (the one `tf2openapi validate` runs). Copied verbatim into each package beside the
// model's own types; compiled and tested here once. No Node.js types: packages run in browsers too.
import { checkRequest, type Problem } from './check.js';
import { sendRequest, serverMessage, type Answer } from './http.js';
import { NUMBER_TOKEN, writeJson } from './json.js';
import type { Method, ModelContract, SignatureContract, TensorJson } from './contract.js';

/** How int64/uint64 outputs are returned: JavaScript numbers lose precision beyond 2^53. */
export type Int64Mode = 'number' | 'bigint' | 'string';
export type Int64<M extends Int64Mode> = M extends 'bigint' ? bigint : M extends 'string' ? string : number;
/** Binary data as TF Serving carries it in JSON. */
export interface B64 {
  b64: string;
}
/** A tensor of unknown rank: any nesting of lists. */
export type Nested<T> = T | Nested<T>[];
/** A tf.Example as JSON: feature name → value or list of values. */
export type Example = Record<string, FeatureValue | FeatureValue[]>;
export type FeatureValue = number | string | boolean | B64;

/** A version or a label pins what serves the requests; TF Serving's URLs take one or the other. */
export type VersionPin = { version?: number | string; label?: never } | { label?: string; version?: never };

export interface ClientSettings<M extends Int64Mode = 'number'> {
  /** e.g. http://localhost:8501, or the cluster ingress address. */
  baseUrl: string;
  /** Model name in the URL (default: the name the package was generated for). */
  model?: string;
  /** Sent with every request: auth, or `Host` for a KServe service behind the cluster ingress. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Per request; no timeout when left out. */
  timeoutMs?: number;
  /** Check requests before sending them, with tf2openapi's check of what TF Serving accepts:
   * `true` refuses what TF Serving would refuse, `'strict'` also what the signature contradicts. */
  validate?: boolean | 'strict';
  int64?: M;
}
export type ClientOptions<M extends Int64Mode = 'number'> = VersionPin & ClientSettings<M>;

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** TF Serving answered with an error status. */
export class TfServingError extends Error {
  override name = 'TfServingError';
  constructor(
    readonly status: number,
    readonly serverMessage: string,
    readonly model: string,
    readonly signature: string | undefined,
  ) {
    super(`TF Serving ${status} for model ${JSON.stringify(model)}${signature ? `, signature ${JSON.stringify(signature)}` : ''}: ${serverMessage}`);
  }
}
/** No answer within the timeout. */
export class TfServingTimeoutError extends Error {
  override name = 'TfServingTimeoutError';
}
/** The request never got an HTTP answer (DNS, refused connection, reset). */
export class TfServingNetworkError extends Error {
  override name = 'TfServingNetworkError';
}
/** The request would be refused (only with `validate`). */
export class TfServingRequestError extends Error {
  override name = 'TfServingRequestError';
  constructor(readonly problems: Problem[]) {
    super(`TF Serving would refuse this request: ${problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; ')}`);
  }
}

export interface ModelVersionStatus {
  version: string;
  state: 'UNKNOWN' | 'START' | 'LOADING' | 'AVAILABLE' | 'UNLOADING' | 'END';
  status?: { error_code?: string; error_message?: string };
}
export interface ModelMetadata {
  model_spec: { name: string; signature_name?: string; version?: string };
  metadata: { signature_def: { signature_def: Record<string, unknown> } };
}

/** Decodes a {"b64": …} value TF Serving returns for an output whose alias ends in _bytes. */
export function decodeB64(value: B64): Uint8Array {
  const bin = atob(value.b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Marks a number token kept as text, so that int64 values and NaN/Infinity survive parsing. */
const RAW = '\u0001';

/**
 * TF Serving writes NaN, Infinity and -Infinity as bare tokens, which JSON.parse refuses, and
 * int64 values beyond 2^53. The fast path is JSON.parse; otherwise number tokens are kept as
 * marked text and converted per output dtype.
 */
export function parseTfServingJson(text: string, keepNumbers = false): unknown {
  if (!keepNumbers) {
    try {
      return JSON.parse(text);
    } catch {
      // fall through: non-finite tokens
    }
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || c === 'N' || c === 'I' || (c >= '0' && c <= '9')) {
      const m = /^(-?Infinity|NaN|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
      if (!m) throw new SyntaxError(`unexpected token at offset ${i}`);
      // The marker is written as the escape \u0001: a raw control character is not valid JSON.
      out += keepNumbers || m[0].endsWith('Infinity') || m[0] === 'NaN' ? `"\\u0001${m[0]}"` : m[0];
      i += m[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out, (_k, v) => (typeof v === 'string' && v.startsWith(RAW) && !keepNumbers ? Number(v.slice(1)) : v));
}

/** Converts marked number tokens in a tensor by its dtype. */
function leaves(value: unknown, t: TensorJson | undefined, int64: Int64Mode): unknown {
  if (Array.isArray(value)) return value.map((v) => leaves(v, t, int64));
  if (typeof value !== 'string' || !value.startsWith(RAW)) return value;
  const token = value.slice(1);
  if (t?.value.kind !== 'integer' || !t.value.beyondSafe) return Number(token);
  return int64 === 'bigint' ? BigInt(token) : int64 === 'string' ? token : Number(token);
}

/** Float features' integers written with a fraction: TF Serving makes 1 an int64_list, 1.0 a float_list. */
function floatFeatures(example: unknown, floats: ReadonlySet<string>): unknown {
  if (floats.size === 0 || typeof example !== 'object' || example === null || Array.isArray(example)) return example;
  const one = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? `${NUMBER_TOKEN}${v}.0` : v);
  return Object.fromEntries(Object.entries(example).map(([k, v]) => [k, floats.has(k) ? (Array.isArray(v) ? v.map(one) : one(v)) : v]));
}

/** The untyped client over a model contract; each package wraps it with the model's types. */
export class TfServingClient<M extends Int64Mode = 'number'> {
  private readonly base: string;
  constructor(
    readonly contract: ModelContract,
    private readonly options: ClientOptions<M>,
  ) {
    if (options.version !== undefined && options.label !== undefined) throw new TypeError('give version or label, not both');
    const model = encodeURIComponent(options.model ?? contract.name);
    const pin =
      options.version !== undefined
        ? `/versions/${encodeURIComponent(String(options.version))}`
        : options.label !== undefined
          ? `/labels/${encodeURIComponent(options.label)}`
          : '';
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/v1/models/${model}${pin}`;
  }

  /** Row format: one object per instance in, one object per instance out. */
  protected async rows(signature: string, instances: unknown[], call: CallOptions): Promise<Record<string, unknown>[]> {
    const sig = this.signature(signature, 'predict');
    const body = await this.post('predict', sig, this.withSignature(sig, { instances }), call);
    return ((body as { predictions: unknown[] }).predictions ?? []).map((row) => this.byOutput(sig, row));
  }

  /** Columnar format: each input as a whole tensor in, each output as a whole tensor out. */
  protected async columns(signature: string, inputs: Record<string, unknown>, call: CallOptions): Promise<Record<string, unknown>> {
    const sig = this.signature(signature, 'predict');
    const body = await this.post('predict', sig, this.withSignature(sig, { inputs }), call);
    return this.byOutput(sig, (body as { outputs: unknown }).outputs);
  }

  /** classify: per example, [label, score] pairs; regress: per example, the value. */
  protected async examples(method: 'classify' | 'regress', signature: string, examples: unknown[], context: unknown, call: CallOptions): Promise<unknown> {
    const sig = this.signature(signature, method);
    const floats = new Set((sig.features ?? []).filter((f) => f.dtype === 'DT_FLOAT').map((f) => f.name));
    const request = { ...(context !== undefined ? { context: floatFeatures(context, floats) } : {}), examples: examples.map((e) => floatFeatures(e, floats)) };
    const body = await this.post(method, sig, this.withSignature(sig, request), call);
    return leaves((body as { results: unknown }).results, undefined, 'number');
  }

  async metadata(call: CallOptions = {}): Promise<ModelMetadata> {
    return (await this.send('/metadata', 'GET', undefined, undefined, call, false)) as ModelMetadata;
  }

  async status(call: CallOptions = {}): Promise<{ model_version_status: ModelVersionStatus[] }> {
    return (await this.send('', 'GET', undefined, undefined, call, false)) as { model_version_status: ModelVersionStatus[] };
  }

  private get int64(): Int64Mode {
    return this.options.int64 ?? 'number';
  }

  private signature(key: string, method: Method): SignatureContract {
    const sig = this.contract.signatures.find((s) => s.key === key);
    if (!sig || !sig.endpoints.includes(method))
      throw new TypeError(`${JSON.stringify(key)} is not a ${method} signature of ${JSON.stringify(this.contract.name)}`);
    return sig;
  }

  private withSignature(sig: SignatureContract, body: Record<string, unknown>): Record<string, unknown> {
    return sig.isDefault ? body : { signature_name: sig.key, ...body };
  }

  /** One output is written bare by TF Serving, several keyed by alias: always keyed here. */
  private byOutput(sig: SignatureContract, value: unknown): Record<string, unknown> {
    const named = (sig.outputs.length === 1 ? { [sig.outputs[0]!.alias]: value } : value) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const t of sig.outputs)
      Object.defineProperty(out, t.alias, {
        value: leaves(Object.hasOwn(named, t.alias) ? named[t.alias] : undefined, t, this.int64),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }

  private post(method: Method, sig: SignatureContract, body: unknown, call: CallOptions): Promise<unknown> {
    const text = writeJson(body);
    if (this.options.validate) {
      const strict = this.options.validate === 'strict';
      const refused = checkRequest(text, this.contract, method).problems.filter((p) => strict || p.level === 'error');
      if (refused.length) throw new TfServingRequestError(refused);
    }
    const keepNumbers = this.int64 !== 'number' && sig.outputs.some((t) => t.value.kind === 'integer' && t.value.beyondSafe);
    return this.send(`:${method}`, 'POST', text, sig.key, call, keepNumbers);
  }

  private async send(
    path: string,
    method: string,
    body: string | undefined,
    signature: string | undefined,
    call: CallOptions,
    keepNumbers: boolean,
  ): Promise<unknown> {
    const timeoutMs = call.timeoutMs ?? this.options.timeoutMs;
    const model = this.options.model ?? this.contract.name;
    const headers = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...this.options.headers };
    let res: Answer;
    try {
      res = await sendRequest(`${this.base}${path}`, method, headers, body, { signal: call.signal, timeoutMs }, this.options.fetch);
    } catch (e) {
      if ((e as Error)?.name === 'TimeoutError') throw new TfServingTimeoutError(`no answer from ${this.base}${path} within ${timeoutMs} ms`);
      if ((e as Error)?.name === 'AbortError') throw e;
      throw new TfServingNetworkError(`${method} ${this.base}${path}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
    const text = await res.text();
    if (!res.ok) throw new TfServingError(res.status, serverMessage(text), model, signature);
    return parseTfServingJson(text, keepNumbers);
  }
}
