// `tf2openapi serve`: the docs page at /, the spec at /openapi.json, and under /v1/ (/v2/ with
// protocol v2) either a proxy
// to a real TF Serving or KServe service (adding the Host header its ingress routes by: TF Serving
// sends CORS headers only when started with --rest_api_enable_cors_support, and an ingress adds
// none, so a browser page cannot call them directly) or the mock TF Serving (protocol/tfserving/mock).
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Tf2OpenApiError } from '../errors.js';
import { mockTfServing, NOT_FOUND_HTML, type MockOptions } from '../protocol/tfserving/mock.js';
import { mockV2 } from '../protocol/v2/mock.js';
import { describeForDocs, docsPage, type DocsOptions } from './docs.js';

export interface ServeOptions extends DocsOptions, MockOptions {
  /** Default 8501, TF Serving's REST port; 0 picks a free one. */
  port?: number;
  /** Default 127.0.0.1: the mock and the proxy are for this machine unless asked otherwise. */
  host?: string;
  /** Proxy /v1/ here (http(s)://host[:port]) instead of answering with the mock. */
  target?: string;
  /** The Host header sent to the target (a KServe service behind the cluster ingress). */
  hostHeader?: string;
  /** Largest request body accepted, in bytes (default 64 MiB; TF Serving itself sets no limit). */
  maxBody?: number;
}

export const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

export interface Serving {
  url: string;
  /** The model name the URLs use (from the model's options or the spec). */
  name: string;
  /** v1 (TF Serving REST) or v2 (KServe V2): the model's options or the spec's own. */
  protocol: 'v1' | 'v2';
  warnings: string[];
  close(): Promise<void>;
}

/** Headers that describe one hop, not the request (RFC 9110 §7.6.1): not forwarded. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: string) => {
  if (res.headersSent) return res.destroy();
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
};
const jsonError = (res: ServerResponse, status: number, message: string) =>
  send(res, status, { 'content-type': 'application/json' }, JSON.stringify({ error: message }));

/** Answers 413 and closes the connection once the answer is out (the rest of the body is not read). */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, message: string) {
  res.setHeader('connection', 'close');
  res.on('finish', () => req.destroy());
  jsonError(res, 413, message);
}

/** The declared body length when it is over the limit (refused before a byte is read). */
const declaredOver = (req: IncomingMessage, max: number): string | undefined => {
  const declared = Number(req.headers['content-length'] ?? 0);
  return declared > max ? `request body of ${declared} bytes is over --max-body ${max}` : undefined;
};

/** The body, or undefined after answering 413. */
async function readBody(req: IncomingMessage, res: ServerResponse, max: number): Promise<string | undefined> {
  const over = declaredOver(req, max);
  if (over) return void refuseTooLarge(req, res, over);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return void refuseTooLarge(req, res, `request body over --max-body ${max} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function proxy(target: URL, hostHeader: string | undefined, max: number, req: IncomingMessage, res: ServerResponse) {
  const over = declaredOver(req, max);
  if (over) return refuseTooLarge(req, res, over);
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP.has(k)) headers[k] = v;
  headers.host = hostHeader ?? target.host;
  if (req.headers['content-length'] !== undefined) headers['content-length'] = req.headers['content-length'];
  const path = `${target.pathname.replace(/\/+$/, '')}${req.url}`;
  const upstream = (target.protocol === 'https:' ? httpsRequest : httpRequest)(
    { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path, headers },
    (answer) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    },
  );
  upstream.on('error', (e) => jsonError(res, 502, `${target.origin}: ${e.message}`));
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > max) {
      upstream.destroy();
      refuseTooLarge(req, res, `request body over --max-body ${max} bytes`);
    }
  });
  req.pipe(upstream);
}

export async function serve(location: string, opts: ServeOptions = {}): Promise<Serving> {
  const described = await describeForDocs(location, opts);
  let target: URL | undefined;
  if (opts.target !== undefined) {
    try {
      target = new URL(opts.target);
    } catch {
      throw new Tf2OpenApiError('USAGE', `--target ${JSON.stringify(opts.target)} is not a URL (http://host:port)`);
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw new Tf2OpenApiError('USAGE', `--target must be http:// or https://, got ${target.protocol}`);
  }
  const max = opts.maxBody ?? DEFAULT_MAX_BODY;
  const v2 = described.protocol === 'v2';
  const mock = v2 ? mockV2(described.api, opts) : mockTfServing(described.api, opts);
  /** The protocol's own paths: what the proxy forwards and the mock answers. */
  const apiPath = v2 ? /^\/v2(\/|$)/ : /^\/v1\//i;
  const page = docsPage(described);
  const spec = JSON.stringify(described.document, null, 2);
  const server: Server = createServer(async (req, res) => {
    try {
      const url = (req.url ?? '/').split('?')[0]!;
      if ((req.method === 'GET' || req.method === 'HEAD') && (url === '/' || url === '/index.html'))
        return send(res, 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, page);
      if ((req.method === 'GET' || req.method === 'HEAD') && url === '/openapi.json') return send(res, 200, { 'content-type': 'application/json' }, spec);
      if (target) {
        if (apiPath.test(url)) return proxy(target, opts.hostHeader, max, req, res);
        return send(res, 404, { 'content-type': 'text/html' }, NOT_FOUND_HTML);
      }
      if (v2 && !apiPath.test(url)) return send(res, 404, { 'content-type': 'application/json' }, '{"detail": "Not Found"}');
      const body = await readBody(req, res, max);
      if (body === undefined) return;
      const answer = mock(req.method ?? 'GET', req.url ?? '/', body, { origin: req.headers.origin });
      send(res, answer.status, answer.headers, answer.body);
    } catch (e) {
      // A bad request must never bring the server down: answer 500 and go on.
      if (!res.headersSent) jsonError(res, 500, `tf2openapi serve: ${(e as Error).message}`);
      else res.destroy();
    }
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  const { port = 8501, host: listenOn = '127.0.0.1' } = opts;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new Tf2OpenApiError('IO', `${listenOn}:${port} is in use: pick another --port`)
          : new Tf2OpenApiError('IO', `cannot listen on ${listenOn}:${port}: ${e.message}`),
      ),
    );
    server.listen(port, listenOn, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    name: described.api.name,
    protocol: described.protocol,
    warnings: described.warnings,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight requests get a moment to finish, then their connections go.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}
