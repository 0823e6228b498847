// The runtime of every generated V2 (Open Inference Protocol) client: inputs flattened row-major
// with their shape, the request checked with tf2openapi's V2 check, outputs decoded with int64
// exact on request. Copied into each V2 package beside the model's own types.
import { sendRequest } from '../../tfserving/runtime/http.js';
import { isNumber, isObject, JsonSyntaxError, parseJson, type JValue } from '../../tfserving/runtime/json.js';
import { checkV2, type Problem } from './check.js';
import type { V2Api, V2Tensor } from './contract.js';

export type Int64Mode = 'number' | 'bigint' | 'string';
export type Int64<M extends Int64Mode> = M extends 'bigint' ? bigint : M extends 'string' ? string : number;
/** A tensor of any rank as nested lists. */
export type Nested<T> = T | Nested<T>[];
/** A tensor's values flat in row-major order, with its shape. */
export interface Flat<T> {
  shape: number[];
  data: T[];
}
/** A tensor as V2 carries it. */
export interface Tensor<T> extends Flat<T> {
  datatype: string;
}

export interface V2ClientOptions<M extends Int64Mode = 'number'> {
  /** e.g. http://localhost:8000, or the cluster ingress address (with a `Host` header). */
  baseUrl: string;
  /** The model name in the URL (default: the one the package was generated for). */
  model?: string;
  version?: string | number;
  /** Sent with every request: auth, or `Host` for a KServe service behind the cluster ingress (on Node.js
   * such requests go through node:http, as fetch cannot send Host). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Check requests with tf2openapi's V2 check before sending: `true` refuses errors, `'strict'` warnings too. */
  validate?: boolean | 'strict';
  int64?: M;
}

export interface InferOptions {
  /** Only these outputs. */
  outputs?: string[];
  id?: string;
  parameters?: Record<string, unknown>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The server answered with an error status. */
export class V2Error extends Error {
  override name = 'V2Error';
  constructor(
    readonly status: number,
    readonly serverMessage: string,
  ) {
    super(`V2 server ${status}: ${serverMessage}`);
  }
}
/** The request would be refused (only with `validate`). */
export class V2RequestError extends Error {
  override name = 'V2RequestError';
  constructor(readonly problems: Problem[]) {
    super(`the V2 request does not fit the model: ${problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; ')}`);
  }
}

/** Nested lists to their shape (along the first elements) and row-major values. */
export function flatten<T>(value: Nested<T>): { shape: number[]; data: T[] } {
  const shape: number[] = [];
  for (let x: Nested<T> = value; Array.isArray(x); x = x[0] as Nested<T>) {
    shape.push(x.length);
    if (x.length === 0) break;
  }
  const data: T[] = [];
  const walk = (x: Nested<T>) => (Array.isArray(x) ? x.forEach(walk) : data.push(x));
  walk(value);
  return { shape, data };
}

/** Row-major values back to nested lists of this shape. */
export function reshape<T>(data: T[], shape: number[]): Nested<T> {
  let at = 0;
  const build = (level: number): Nested<T> => (level === shape.length ? data[at++]! : Array.from({ length: shape[level]! }, () => build(level + 1)));
  return build(0);
}

/** Marks a bigint written as an integer token. */
const TOKEN = '\u0001tf2openapi:';
function serialize(body: unknown): string {
  let marked = false;
  const text = JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? ((marked = true), `${TOKEN}${v}`) : v));
  return marked ? text.replace(/"\\u0001tf2openapi:(-?\d+)"/g, '$1') : text;
}

/** A JSON value read with exact integer lexemes: int64 outputs as the caller asked. */
function plain(v: JValue, int64: Int64Mode | undefined): unknown {
  if (Array.isArray(v)) return v.map((x) => plain(x, int64));
  if (isNumber(v)) {
    if (int64 && !v.isDouble && !Number.isSafeInteger(v.value)) return int64 === 'bigint' ? BigInt(v.text) : int64 === 'string' ? v.text : v.value;
    if (int64 === 'bigint' && !v.isDouble) return BigInt(v.text);
    if (int64 === 'string' && !v.isDouble) return v.text;
    return v.value;
  }
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v.entries) Object.defineProperty(out, k, { value: plain(x, int64), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** The untyped V2 client over a model contract; each package wraps it with the model's types. */
export class V2Client<M extends Int64Mode = 'number'> {
  private readonly base: string;
  constructor(
    readonly contract: V2Api,
    private readonly options: V2ClientOptions<M>,
  ) {
    const model = encodeURIComponent(options.model ?? contract.name);
    const version = options.version !== undefined ? `/versions/${encodeURIComponent(String(options.version))}` : '';
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/v2/models/${model}${version}`;
  }

  /** Each input as nested lists (its shape read from them) or as {shape, data}. */
  protected async run(inputs: Record<string, unknown>, opts: InferOptions = {}): Promise<Record<string, Tensor<unknown>>> {
    const request = {
      ...(opts.id !== undefined ? { id: opts.id } : {}),
      ...(opts.parameters ? { parameters: opts.parameters } : {}),
      inputs: this.contract.inputs.map((t) => {
        const value = Object.hasOwn(inputs, t.name) ? inputs[t.name] : undefined;
        const given = isTensorObject(value) ? value : flatten(value as Nested<unknown>);
        return { name: t.name, shape: given.shape, datatype: t.datatype, data: given.data };
      }),
      ...(opts.outputs ? { outputs: opts.outputs.map((name) => ({ name })) } : {}),
    };
    const text = serialize(request);
    if (this.options.validate) {
      const strict = this.options.validate === 'strict';
      const refused = checkV2(text, this.contract).problems.filter((p) => strict || p.level === 'error');
      if (refused.length) throw new V2RequestError(refused);
    }
    const body = (await this.send('/infer', 'POST', text, opts, true)) as { outputs?: { name: string; shape: number[]; datatype: string; data: unknown[] }[] };
    const out: Record<string, Tensor<unknown>> = {};
    for (const o of body.outputs ?? []) {
      const t: V2Tensor | undefined = this.contract.outputs.find((x) => x.name === o.name);
      const wide = t?.datatype === 'INT64' || t?.datatype === 'UINT64';
      const data = (o.data ?? []).map((v) => (wide ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && t?.datatype !== 'BYTES' ? Number(v) : v));
      Object.defineProperty(out, o.name, { value: { shape: o.shape, datatype: o.datatype, data }, enumerable: true, writable: true, configurable: true });
    }
    for (const name of opts.outputs ?? this.contract.outputs.map((t) => t.name))
      if (!Object.hasOwn(out, name)) throw new V2Error(200, `the response has no output ${JSON.stringify(name)}`);
    return out;
  }

  async metadata(opts: InferOptions = {}): Promise<unknown> {
    return this.send('', 'GET', undefined, opts, false);
  }

  /** True when the model answers ready (200). */
  async ready(opts: InferOptions = {}): Promise<boolean> {
    try {
      await this.send('/ready', 'GET', undefined, opts, false);
      return true;
    } catch (e) {
      if (e instanceof V2Error) return false;
      throw e;
    }
  }

  private async send(path: string, method: string, body: string | undefined, opts: InferOptions, keepInts: boolean): Promise<unknown> {
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs;
    const signals = [opts.signal, timeoutMs !== undefined ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => s !== undefined);
    const headers = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...this.options.headers };
    const res = await sendRequest(`${this.base}${path}`, method, headers, body, signals, this.options.fetch);
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // not JSON: the text as it came
      }
      throw new V2Error(res.status, message);
    }
    if (text === '') return undefined;
    try {
      return plain(parseJson(text), keepInts ? (this.options.int64 ?? 'number') : undefined);
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new V2Error(res.status, `not JSON: ${e.message}`);
      throw e;
    }
  }
}

const isTensorObject = (v: unknown): v is Flat<unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as { shape?: unknown }).shape) && Array.isArray((v as { data?: unknown }).data);
