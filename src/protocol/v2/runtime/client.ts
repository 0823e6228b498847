// The runtime of every generated V2 (Open Inference Protocol) client: inputs flattened row-major
// with their shape, the request checked with tf2openapi's V2 check, outputs decoded with int64
// exact on request. Binary BYTES (and, on request, binary outputs) use the binary tensor data
// extension. Copied into each V2 package beside the model's own types.
import { concat, sendRequest, serverMessage } from '../../tfserving/runtime/http.js';
import { get, isObject, JsonSyntaxError, parseJson, toPlain, writeJson, type JNumber, type JValue } from '../../tfserving/runtime/json.js';
import { checkV2, type Problem } from './check.js';
import { V2_BINARY_WIDTH, type V2Api, type V2Tensor } from './contract.js';

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
  /** Ask for the outputs as binary data (the binary tensor data extension): exact, and compact for
   * large tensors; BYTES outputs then come back as Uint8Array. */
  binaryOutputs?: boolean;
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

/** A number read with its exact lexeme: int64 outputs as the caller asked. */
const int64Number =
  (int64: Int64Mode) =>
  (n: JNumber): unknown =>
    n.isDouble ? n.value : int64 === 'bigint' ? BigInt(n.text) : int64 === 'string' ? n.text : n.value;

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

  /** Each input as nested lists (its shape read from them) or as {shape, data}. A BYTES input holding
   * any Uint8Array is sent as binary data (the binary tensor data extension). */
  protected async run(inputs: Record<string, unknown>, opts: InferOptions = {}): Promise<Record<string, Tensor<unknown>>> {
    const chunks: Uint8Array[] = [];
    const request = {
      ...(opts.id !== undefined ? { id: opts.id } : {}),
      ...(opts.parameters ? { parameters: opts.parameters } : {}),
      inputs: this.contract.inputs.map((t) => {
        const value = Object.hasOwn(inputs, t.name) ? inputs[t.name] : undefined;
        const given = isTensorObject(value) ? value : flatten(value as Nested<unknown>);
        if (t.datatype === 'BYTES' && given.data.some((v) => v instanceof Uint8Array)) {
          const bytes = encodeBytes(given.data as (string | Uint8Array)[]);
          chunks.push(bytes);
          return { name: t.name, shape: given.shape, datatype: t.datatype, parameters: { binary_data_size: bytes.length } };
        }
        return { name: t.name, shape: given.shape, datatype: t.datatype, data: given.data };
      }),
      ...(opts.outputs || opts.binaryOutputs
        ? {
            outputs: (opts.outputs ?? this.contract.outputs.map((t) => t.name)).map((name) =>
              opts.binaryOutputs ? { name, parameters: { binary_data: true } } : { name },
            ),
          }
        : {}),
    };
    const text = writeJson(request);
    if (this.options.validate) {
      const strict = this.options.validate === 'strict';
      const refused = checkV2(text, this.contract).problems.filter((p) => strict || p.level === 'error');
      if (refused.length) throw new V2RequestError(refused);
    }
    const json = new TextEncoder().encode(text);
    const body = chunks.length ? concat([json, ...chunks]) : text;
    const extra: Record<string, string> = chunks.length
      ? { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(json.length) }
      : {};
    const answer = await this.send('/infer', 'POST', body, opts, extra);
    const outputs = answer.json !== undefined && isObject(answer.json) ? get(answer.json, 'outputs') : undefined;
    const out: Record<string, Tensor<unknown>> = {};
    let at = 0;
    for (const item of Array.isArray(outputs) ? outputs : []) {
      if (!isObject(item)) continue;
      const o = toPlain(item) as { name: string; shape?: number[]; datatype: string; data?: unknown[]; parameters?: { binary_data_size?: unknown } };
      const t: V2Tensor | undefined = this.contract.outputs.find((x) => x.name === o.name);
      const int64 = this.options.int64 ?? 'number';
      const size = o.parameters?.binary_data_size;
      let data: unknown[];
      if (size !== undefined && o.data === undefined) {
        const n = Number(size);
        if (!Number.isSafeInteger(n) || n < 0 || at + n > answer.binary.length)
          throw new V2Error(200, `output ${JSON.stringify(o.name)}: binary_data_size ${String(size)} does not fit the ${answer.binary.length - at} bytes left`);
        data = decodeBinary(answer.binary.subarray(at, at + n), o.datatype, int64, o.name);
        at += n;
      } else {
        // Only INT64/UINT64 data is read in the caller's int64 mode, from each number's own digits.
        const wide = t?.datatype === 'INT64' || t?.datatype === 'UINT64';
        const raw = get(item, 'data');
        data = raw === undefined ? [] : (toPlain(raw, wide ? int64Number(int64) : undefined) as unknown[]);
      }
      Object.defineProperty(out, o.name, { value: { shape: o.shape ?? [], datatype: o.datatype, data }, enumerable: true, writable: true, configurable: true });
    }
    for (const name of opts.outputs ?? this.contract.outputs.map((t) => t.name))
      if (!Object.hasOwn(out, name)) throw new V2Error(200, `the response has no output ${JSON.stringify(name)}`);
    return out;
  }

  async metadata(opts: InferOptions = {}): Promise<unknown> {
    const { json } = await this.send('', 'GET', undefined, opts);
    return json === undefined ? undefined : toPlain(json);
  }

  /** True when the model answers ready (200). */
  async ready(opts: InferOptions = {}): Promise<boolean> {
    try {
      await this.send('/ready', 'GET', undefined, opts);
      return true;
    } catch (e) {
      if (e instanceof V2Error) return false;
      throw e;
    }
  }

  /** The response's JSON as read (numbers with their digits) and the binary data after it (the extension's header). */
  private async send(
    path: string,
    method: string,
    body: string | Uint8Array | undefined,
    opts: InferOptions,
    extra: Record<string, string> = {},
  ): Promise<{ json: JValue | undefined; binary: Uint8Array }> {
    const headers = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra, ...this.options.headers };
    const res = await sendRequest(
      `${this.base}${path}`,
      method,
      headers,
      body,
      { signal: opts.signal, timeoutMs: opts.timeoutMs ?? this.options.timeoutMs },
      this.options.fetch,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    const headerLength = res.headers.get('inference-header-content-length');
    const split = headerLength !== null && /^\d+$/.test(headerLength) ? Math.min(Number(headerLength), bytes.length) : bytes.length;
    const text = new TextDecoder().decode(bytes.subarray(0, split));
    if (!res.ok) throw new V2Error(res.status, serverMessage(text));
    if (text === '') return { json: undefined, binary: bytes.subarray(split) };
    try {
      return { json: parseJson(text), binary: bytes.subarray(split) };
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new V2Error(res.status, `not JSON: ${e.message}`);
      throw e;
    }
  }
}

/** BYTES elements as the extension lays them out: a 4-byte little-endian length, then the bytes. */
export function encodeBytes(values: (string | Uint8Array)[]): Uint8Array {
  const parts = values.flatMap((v) => {
    const bytes = typeof v === 'string' ? new TextEncoder().encode(v) : v;
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length, true);
    return [length, bytes];
  });
  return concat(parts);
}

/** IEEE 754 half precision to a number. */
function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** One output's binary data by datatype (little-endian, row-major). */
export function decodeBinary(bytes: Uint8Array, datatype: string, int64: Int64Mode, name = ''): unknown[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (why: string) => new V2Error(200, `output ${JSON.stringify(name)}: ${why}`);
  if (datatype === 'BYTES') {
    const out: Uint8Array[] = [];
    for (let at = 0; at < bytes.length;) {
      if (at + 4 > bytes.length) throw bad('BYTES data ends inside a length');
      const n = view.getUint32(at, true);
      if (at + 4 + n > bytes.length) throw bad('BYTES data ends inside an element');
      out.push(bytes.slice(at + 4, at + 4 + n));
      at += 4 + n;
    }
    return out;
  }
  const width = V2_BINARY_WIDTH[datatype];
  if (width === undefined) throw bad(`no binary layout for datatype ${JSON.stringify(datatype)}`);
  if (bytes.length % width) throw bad(`${bytes.length} bytes is not a whole number of ${datatype} elements`);
  const wide = (v: bigint) => (int64 === 'bigint' ? v : int64 === 'string' ? String(v) : Number(v));
  const read: (at: number) => unknown = {
    BOOL: (at: number) => view.getUint8(at) !== 0,
    UINT8: (at: number) => view.getUint8(at),
    INT8: (at: number) => view.getInt8(at),
    UINT16: (at: number) => view.getUint16(at, true),
    INT16: (at: number) => view.getInt16(at, true),
    FP16: (at: number) => half(view.getUint16(at, true)),
    BF16: (at: number) => new Float32Array(new Uint32Array([view.getUint16(at, true) << 16]).buffer)[0],
    UINT32: (at: number) => view.getUint32(at, true),
    INT32: (at: number) => view.getInt32(at, true),
    FP32: (at: number) => view.getFloat32(at, true),
    UINT64: (at: number) => wide(view.getBigUint64(at, true)),
    INT64: (at: number) => wide(view.getBigInt64(at, true)),
    FP64: (at: number) => view.getFloat64(at, true),
  }[datatype]!;
  return Array.from({ length: bytes.length / width }, (_, i) => read(i * width));
}

const isTensorObject = (v: unknown): v is Flat<unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as { shape?: unknown }).shape) && Array.isArray((v as { data?: unknown }).data);
