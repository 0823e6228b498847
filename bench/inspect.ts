// Benchmark: `tf2openapi inspect` against the naive full decode, on SavedModels padded to
// ~10 MB, ~100 MB and ~1 GB, side by side in one run, as ratios to `node -e 0`.
// Run: npm run bench [-- --sizes 10,100,1000 --runs 3]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from '../fixtures/models.js';
import { writePaddedModel } from './make-padded.js';
import { arg } from './args.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const sizesMb = arg('sizes', '10,100,1000').split(',').map(Number);
const runs = Number(arg('runs', '3'));
const dataDir = join(here, '.data');
mkdirSync(dataDir, { recursive: true });

interface Measure {
  ms: number;
  rssMb: number;
}

function measure(args: string[]): Measure | string {
  const samples: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', join(here, 'rss-at-exit.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) return /heap out of memory/.test(r.stderr) ? 'out of memory' : `failed (exit ${r.status})`;
    const kb = Number(/BENCH_MAXRSS_KB (\d+)/.exec(r.stderr)?.[1]);
    samples.push({ ms, rssMb: kb / 1024 });
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)]!;
}

const model = FIXTURES['half_plus_two/00000123']!.metaGraphs[0]!;
const cli = join(root, 'bin/tf2openapi.cjs');
if (!existsSync(join(root, 'dist/bin/main.mjs'))) throw new Error('build first: npm run build');
const baseline = measure(['-e', '0']) as Measure;
console.log(`node -e 0: ${baseline.ms.toFixed(0)} ms, ${baseline.rssMb.toFixed(0)} MB peak RSS (median of ${runs})\n`);
console.log('| model | inspect | naive full decode | inspect / node -e 0 | naive / inspect | inspect peak RSS | naive peak RSS |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const mb of sizesMb) {
  const file = join(dataDir, `padded-${mb}mb.pb`);
  if (!existsSync(file)) await writePaddedModel(file, model, mb * 1e6);
  const size = statSync(file).size;
  const ours = measure([cli, 'inspect', file, '--json']);
  if (typeof ours === 'string') throw new Error(`inspect ${file}: ${ours}`);
  // The naive decode of 1 GB needs more than Node's default heap; give it room so it can finish.
  const naive = measure(['--max-old-space-size=16384', join(here, 'naive-inspect.mjs'), file]);
  const n =
    typeof naive === 'string'
      ? { ms: naive, ratio: '—', rss: '—' }
      : { ms: `${naive.ms.toFixed(0)} ms`, ratio: `${(naive.ms / ours.ms).toFixed(1)}×`, rss: `${naive.rssMb.toFixed(0)} MB` };
  console.log(
    `| ${(size / 1e6).toFixed(0)} MB | ${ours.ms.toFixed(0)} ms | ${n.ms} | ${(ours.ms / baseline.ms).toFixed(2)}× | ${n.ratio} | ${ours.rssMb.toFixed(0)} MB | ${n.rss} |`,
  );
}
