// How both generated clients put a request on the wire: the global fetch, except where a Host header
// is set on Node.js. fetch may not send Host (a forbidden header), yet a KServe service behind the
// cluster ingress is reached by it, as `curl -H Host:` does; those requests go through node:http.
// No Node.js types: packages run in browsers too.

// The little of node:http used below, typed here so the package needs no @types/node.
interface NodeHttp {
  request(
    url: URL,
    options: object,
    onResponse: (res: NodeResponse) => void,
  ): { on(event: 'error', f: (e: Error) => void): void; end(body?: string | Uint8Array): void };
}
interface NodeResponse {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
  on(event: 'data', f: (chunk: Uint8Array) => void): void;
  on(event: 'end' | 'error', f: (e?: Error) => void): void;
}
/** What the clients read of a response (fetch's Response has it all). */
export interface Answer {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

async function requestWithHost(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  signal: AbortSignal | undefined,
): Promise<Answer> {
  const u = new URL(url);
  const specifier = u.protocol === 'https:' ? 'node:https' : 'node:http';
  const http = (await import(specifier)) as NodeHttp;
  return new Promise((resolve, reject) => {
    const req = http.request(u, { method, headers, ...(signal ? { signal } : {}) }, (res) => {
      const chunks: Uint8Array[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const all = concat(chunks);
        const header = (name: string) => {
          const v = res.headers[name.toLowerCase()];
          return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
        };
        resolve({
          ok: status >= 200 && status < 300,
          status,
          headers: { get: header },
          text: async () => new TextDecoder().decode(all),
          arrayBuffer: async () => all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer,
        });
      });
    });
    req.on('error', (e) => reject(signal?.aborted ? (signal.reason ?? e) : e));
    req.end(body);
  });
}

/** One request, ended by the caller's signal or after `timeoutMs` (a TimeoutError); `fetchImpl` (the
 * caller's own fetch) is always used when given. */
export async function sendRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  end: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined },
  fetchImpl?: typeof fetch,
): Promise<Answer> {
  const signals = [end.signal, end.timeoutMs !== undefined ? AbortSignal.timeout(end.timeoutMs) : undefined].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length <= 1 ? signals[0] : AbortSignal.any(signals);
  const host = Object.keys(headers).some((k) => k.toLowerCase() === 'host');
  const onNode = !!(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  if (host && !fetchImpl && onNode) return requestWithHost(url, method, headers, body, signal);
  return (fetchImpl ?? globalThis.fetch)(url, {
    method,
    headers,
    // A Uint8Array is a valid body; the cast spans DOM libs that type its buffer differently.
    ...(body !== undefined ? { body: body as NonNullable<RequestInit['body']> } : {}),
    ...(signal ? { signal } : {}),
  });
}

/** The server's message in an error answer: `{"error": …}` (TF Serving and V2 servers alike), else the text. */
export function serverMessage(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: unknown } | null)?.error;
    return error === undefined || error === null ? text : String(error);
  } catch {
    return text; // not JSON: the text as it came
  }
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return all;
}
