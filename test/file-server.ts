// A loopback HTTP server for the remote-source tests: serves files (with or without Range
// support), stands in for the Cloud Storage JSON API, injects 500s and delays, and counts what it
// sent. Bounded: it only ever answers requests from the test process.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface FileServerOptions {
  root: string;
  ranges?: boolean;
  /** Answer this many requests with 500 before serving normally. */
  failFirst?: number;
  /** Delay every answer by this much. */
  delayMs?: number;
  /** Answer ranged requests with 206 but a Content-Range starting at 0 (a lying server). */
  lieRange?: boolean;
  /** Declare the whole length, send this many bytes of a body, then drop the connection. */
  cutAfter?: number;
}

export interface FileServer {
  url: string;
  requests: number;
  bytesSent: number;
  options: FileServerOptions;
  close(): Promise<void>;
}

export async function startFileServer(options: FileServerOptions): Promise<FileServer> {
  const state: FileServer = { url: '', requests: 0, bytesSent: 0, options, close: async () => {} };
  const sendFile = (req: IncomingMessage, res: ServerResponse, file: string) => {
    const size = statSync(file).size;
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (range && state.options.ranges !== false) {
      const start = Number(range[1]);
      const end = Math.min(Number(range[2]), size - 1);
      const claimed = state.options.lieRange ? `bytes 0-${end - start}/${size}` : `bytes ${start}-${end}/${size}`;
      res.writeHead(206, { 'content-length': end - start + 1, 'content-range': claimed });
      if (req.method === 'HEAD') return res.end();
      if (state.options.cutAfter !== undefined) return cut(createReadStream(file, { start, end }), res, state.options.cutAfter);
      return pipe(createReadStream(file, { start, end }), res);
    }
    res.writeHead(200, { 'content-length': size });
    if (req.method === 'HEAD') return res.end();
    pipe(createReadStream(file), res);
  };
  /** Sends `n` bytes of the stream, then destroys the socket mid-body. */
  const cut = (stream: NodeJS.ReadableStream, res: ServerResponse, n: number) => {
    let sent = 0;
    stream.on('data', (c: Buffer) => {
      if (sent >= n) return;
      const part = c.subarray(0, n - sent);
      sent += part.length;
      res.write(part);
      if (sent >= n) {
        (stream as unknown as { destroy(): void }).destroy();
        setTimeout(() => res.socket?.destroy(), 20);
      }
    });
  };
  const pipe = (stream: NodeJS.ReadableStream, res: ServerResponse) => {
    stream.on('data', (c: Buffer) => {
      state.bytesSent += c.length;
      if (!res.write(c)) ((stream as unknown as { pause(): void }).pause(), res.once('drain', () => (stream as unknown as { resume(): void }).resume()));
    });
    stream.on('end', () => res.end());
    res.on('close', () => (stream as unknown as { destroy(): void }).destroy());
  };
  const server = createServer((req, res) => {
    state.requests++;
    const handle = () => {
      if ((state.options.failFirst ?? 0) > 0) {
        state.options.failFirst!--;
        res.writeHead(500).end('injected failure');
        return;
      }
      const url = new URL(req.url!, 'http://x');
      const gcs = /^\/storage\/v1\/b\/([^/]+)\/o(?:\/(.+))?$/.exec(url.pathname);
      if (gcs) {
        const bucketDir = join(state.options.root, decodeURIComponent(gcs[1]!));
        if (gcs[2] === undefined) {
          const prefix = url.searchParams.get('prefix') ?? '';
          const dir = join(bucketDir, prefix);
          let names: string[] = [];
          try {
            names = readdirSync(dir);
          } catch {
            /* empty listing */
          }
          const items = names.filter((n) => statSync(join(dir, n)).isFile()).map((n) => ({ name: prefix + n, size: String(statSync(join(dir, n)).size) }));
          const prefixes = names.filter((n) => statSync(join(dir, n)).isDirectory()).map((n) => `${prefix}${n}/`);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items, prefixes }));
          return;
        }
        const file = join(bucketDir, decodeURIComponent(gcs[2]));
        let st;
        try {
          st = statSync(file);
        } catch {
          st = undefined;
        }
        if (!st?.isFile()) return res.writeHead(404).end('{"error":{"code":404}}');
        if (url.searchParams.get('alt') === 'media') return sendFile(req, res, file);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: decodeURIComponent(gcs[2]), size: String(st.size) }));
        return;
      }
      const file = join(state.options.root, decodeURIComponent(url.pathname));
      try {
        if (!statSync(file).isFile()) throw new Error();
      } catch {
        return res.writeHead(404).end();
      }
      sendFile(req, res, file);
    };
    if (state.options.delayMs) setTimeout(handle, state.options.delayMs);
    else handle();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
