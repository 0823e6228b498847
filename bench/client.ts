// Benchmark: a 1,000,000-float predict request through the generated client against a plain
// JSON.stringify + fetch, side by side in one run (interleaved, medians), as a ratio.
// Run: npm run bench:client
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { client } from '../src/jobs/client.js';
import { startAnswerServer } from './answer-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const runs = 9;
const dir = join(here, '.data/client-shapes');
await client(join(here, '../fixtures/shapes'), dir, { name: 'shapes' });
const { createClient } = await import(pathToFileURL(join(dir, 'src/index.ts')).href);

const { base, server } = await startAnswerServer();

const v = Array.from({ length: 1000 }, (_, i) => Array.from({ length: 1000 }, (_, j) => (i * 1000 + j) / 3));
const c = createClient({ baseUrl: base });
const viaClient = async () => (await c.predictColumns('vectors', { v })).norm.length;
const plain = async () => {
  const res = await fetch(`${base}/v1/models/shapes:predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ signature_name: 'vectors', inputs: { v } }),
  });
  return ((await res.json()) as { outputs: number[] }).outputs.length;
};

const time = async (f: () => Promise<number>) => {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
await viaClient();
await plain();
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < runs; i++) {
  a.push(await time(viaClient));
  b.push(await time(plain));
}
const median = (x: number[]) => x.sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
console.log(`| request | generated client | JSON.stringify + fetch | ratio |`);
console.log(`| --- | --- | --- | --- |`);
console.log(`| 1,000,000 floats (median of ${runs}) | ${median(a).toFixed(0)} ms | ${median(b).toFixed(0)} ms | ${(median(a) / median(b)).toFixed(2)}× |`);
server.close();
