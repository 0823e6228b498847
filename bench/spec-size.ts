// Benchmark: `generate` and `client` on an image classifier ([-1, 224, 224, 3] input, 1000-class
// output) side by side with half_plus_two (12 KB of signatures and graph), interleaved in one
// run, as ratios: the cost of describing a model follows its signatures, not its element counts.
// Run: npm run bench:spec [-- --runs 7]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const at = process.argv.indexOf('--runs');
const runs = at > 0 ? Number(process.argv[at + 1]) : 7;
const cli = join(root, 'bin/tf2openapi.cjs');
if (!existsSync(join(root, 'dist/bin/main.mjs'))) throw new Error('build first: npm run build');
const out = mkdtempSync(join(tmpdir(), 'tf2openapi-bench-spec-'));

interface Sample {
  ms: number;
  rssMb: number;
  bytes: number;
}
function once(args: string[], output: string): Sample {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', join(here, 'rss-at-exit.mjs'), cli, ...args], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const size = (p: string): number => (statSync(p).isDirectory() ? readdirSync(p).reduce((n, f) => n + size(join(p, f)), 0) : statSync(p).size);
  return { ms, rssMb: Number(/BENCH_MAXRSS_KB (\d+)/.exec(r.stderr)?.[1]) / 1024, bytes: size(output) };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const jobs = [
  { what: 'generate', args: (m: string, o: string) => ['generate', m, '-o', o], out: (o: string) => o + '.json' },
  { what: 'client', args: (m: string, o: string) => ['client', m, '-o', o], out: (o: string) => o },
];
const models = { small: join(root, 'fixtures/half_plus_two'), image: join(root, 'fixtures/image_classifier') };
console.log(`median of ${runs}, the two models interleaved; ratio = image classifier / half_plus_two\n`);
console.log('| job | half_plus_two | image classifier | time ratio | output size (small / image) | peak RSS (small / image) |');
console.log('| --- | --- | --- | --- | --- | --- |');
try {
  for (const job of jobs) {
    const s: Sample[] = [];
    const i: Sample[] = [];
    for (let k = 0; k < runs; k++) {
      const os = job.out(join(out, `small-${job.what}-${k}`));
      const oi = job.out(join(out, `image-${job.what}-${k}`));
      s.push(once(job.args(models.small, os), os));
      i.push(once(job.args(models.image, oi), oi));
    }
    const ratios = s.map((x, k) => i[k]!.ms / x.ms);
    const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
    console.log(
      `| ${job.what} | ${median(s.map((x) => x.ms)).toFixed(0)} ms | ${median(i.map((x) => x.ms)).toFixed(0)} ms | ${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | ${kb(s[0]!.bytes)} / ${kb(i[0]!.bytes)} | ${median(s.map((x) => x.rssMb)).toFixed(0)} / ${median(i.map((x) => x.rssMb)).toFixed(0)} MB |`,
    );
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
