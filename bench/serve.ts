// Benchmark: the mock TF Serving of `tf2openapi serve` against a bare Node.js HTTP server that only
// parses the JSON body, on predict bodies of 1, 1,000 and 100,000 floats: requests per second and
// latency, both servers up at once and measured in alternating rounds (one run, as ratios). Then the
// server's peak memory (VmHWM) around a 100 MB body, declared and chunked.
// Run: npm run bench:serve [-- --seconds 2 --rounds 3]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg } from './args.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const seconds = Number(arg('seconds', '2'));
const rounds = Number(arg('rounds', '3'));
const CONCURRENCY = 4;

/** A child server; resolves with its URL once it prints one. */
function start(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
  });
}

const BARE = `
const http = require('node:http');
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try { JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { res.writeHead(400).end('{}'); return; }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"outputs": []}');
  });
}).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); });
`;

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function post(url: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const req = request(
      `${url}/v1/models/half_plus_two:predict`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - t) / 1e6) : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Requests for `seconds` with CONCURRENCY in flight: rate and latency percentiles. */
async function load(url: string, body: Buffer): Promise<{ rate: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) latencies.push(await post(url, body));
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p50: latencies[Math.floor(latencies.length / 2)]!, p99: latencies[Math.floor(latencies.length * 0.99)]! };
}

const body = (n: number) => Buffer.from(JSON.stringify({ inputs: { x: Array.from({ length: n }, (_, i) => [Math.round((i / 7) * 1e4) / 1e4 + 0.5]) } }));
const hwm = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const mock = await start([join(root, 'bin/tf2openapi.cjs'), 'serve', 'fixtures/half_plus_two', '-n', 'half_plus_two', '--port', '0']);
const bare = await start(['-e', BARE]);
console.log(`| body | mock: req/s | p50 / p99 ms | bare JSON.parse server: req/s | p50 / p99 ms | rate ratio (bare / mock) |`);
console.log(`| --- | --- | --- | --- | --- | --- |`);
for (const n of [1, 1000, 100_000]) {
  const b = body(n);
  await post(mock.url, b);
  await post(bare.url, b);
  const m: { rate: number; p50: number; p99: number }[] = [];
  const r: { rate: number; p50: number; p99: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    m.push(await load(mock.url, b));
    r.push(await load(bare.url, b));
  }
  const med = (xs: { rate: number; p50: number; p99: number }[]) => xs.sort((p, q) => p.rate - q.rate)[Math.floor(xs.length / 2)]!;
  const [a, c] = [med(m), med(r)];
  console.log(
    `| ${n.toLocaleString('en-US')} floats (${(b.length / 1024).toFixed(b.length < 10240 ? 2 : 0)} KiB) | ${a.rate.toFixed(0)} | ${a.p50.toFixed(1)} / ${a.p99.toFixed(1)} | ${c.rate.toFixed(0)} | ${c.p50.toFixed(1)} / ${c.p99.toFixed(1)} | ${(c.rate / a.rate).toFixed(2)}× |`,
  );
}

// A 100 MB body: refused by Content-Length before a byte is read, and, sent chunked, after
// --max-body (64 MiB) bytes: the server's peak memory stays bounded either way.
const before = hwm(mock.child.pid!);
const big = Buffer.alloc(100 * 1024 * 1024, 0x20);
for (const chunked of [false, true]) {
  const status = await new Promise<number>((resolve) => {
    let got = -1;
    const req = request(
      `${mock.url}/v1/models/half_plus_two:predict`,
      { method: 'POST', headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': big.length } },
      (res) => {
        got = res.statusCode!;
        res.resume();
        res.on('end', () => resolve(got));
      },
    );
    // The server answers 413 and closes while the body is still going out: the status comes first.
    req.on('error', () => resolve(got));
    // Headers first: a server that refuses by Content-Length answers before the body is sent.
    req.flushHeaders();
    setTimeout(() => {
      if (got !== -1) return req.destroy();
      for (let i = 0; i < big.length; i += 1 << 20) req.write(big.subarray(i, i + (1 << 20)));
      req.end();
    }, 300);
  });
  console.log(
    `100 MB body (${chunked ? 'chunked' : 'Content-Length'}): status ${status === -1 ? 'connection closed' : status}, server peak RSS ${hwm(mock.child.pid!).toFixed(0)} MB (${before.toFixed(0)} MB before)`,
  );
}
mock.child.kill('SIGTERM');
bare.child.kill('SIGTERM');
agent.destroy();
