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
  signals: AbortSignal[],
): Promise<Answer> {
  const u = new URL(url);
  const specifier = u.protocol === 'https:' ? 'node:https' : 'node:http';
  const http = (await import(specifier)) as NodeHttp;
  return new Promise((resolve, reject) => {
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    const req = http.request(u, { method, headers, ...(signal ? { signal } : {}) }, (res) => {
      const chunks: Uint8Array[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
        chunks.reduce((at, c) => (all.set(c, at), at + c.length), 0);
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

/** One request; `fetchImpl` (the caller's own fetch) is always used when given. */
export async function sendRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  signals: AbortSignal[],
  fetchImpl?: typeof fetch,
): Promise<Answer> {
  const host = Object.keys(headers).some((k) => k.toLowerCase() === 'host');
  const onNode = !!(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  if (host && !fetchImpl && onNode) return requestWithHost(url, method, headers, body, signals);
  return (fetchImpl ?? globalThis.fetch)(url, {
    method,
    headers,
    // A Uint8Array is a valid body; the cast spans DOM libs that type its buffer differently.
    ...(body !== undefined ? { body: body as NonNullable<RequestInit['body']> } : {}),
    ...(signals.length ? { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) } : {}),
  });
}
