// Benchmark: what each command costs against the least it could cost, as ratios of whole processes.
// Each pair (ours, baseline) runs in turn, the order alternating, after one warm-up of each; a ratio
// per pair, reported as median (min–max), with peak RSS (from one more run of each). Run: npm run bench:cost [-- --pairs 9
// --only validate,signatures]. The machine is shared: read the ratios, not the milliseconds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from '../fixtures/models.js';
import { encodeSavedModel, type ModelToEncode } from '../src/savedmodel/encode.js';
import { rng } from '../src/util/rng.js';
import { SMALL_NODE, writePaddedModel } from './make-padded.js';
import { arg } from './args.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const pairs = Number(arg('pairs', '9'));
const only = arg('only', '').split(',').filter(Boolean);
const data = join(here, '.data');
mkdirSync(data, { recursive: true });
const cli = join(root, 'bin/tf2openapi.cjs');
if (!existsSync(join(root, 'dist/bin/main.mjs'))) throw new Error('build first: npm run build');
const fixture = (name: string) => join(root, 'fixtures', name);

interface Run {
  ms: number;
  rssMb: number;
}
/** One whole process: wall time as run plain, or (with `rss`) peak RSS from a preloaded hook,
 * which loads the ES module machinery and so is kept out of the timed runs. */
function run(args: string[], rss = false): Run {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...(rss ? ['--import', join(here, 'rss-at-exit.mjs')] : []), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { ms, rssMb: rss ? Number(/BENCH_MAXRSS_KB (\d+)/.exec(r.stderr)?.[1]) / 1024 : NaN };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[], digits = 2) => `${median(xs).toFixed(digits)}× (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

/** Runs the pair in turn and prints one table row. */
function pair(what: string, goal: string, ours: string[], base: string[], baseName: string) {
  // The warm-up measures memory.
  const rss = [run(ours, true).rssMb, run(base, true).rssMb];
  const a: Run[] = [];
  const b: Run[] = [];
  for (let k = 0; k < pairs; k++) {
    if (k % 2) {
      b.push(run(base));
      a.push(run(ours));
    } else {
      a.push(run(ours));
      b.push(run(base));
    }
  }
  const ratios = a.map((x, k) => x.ms / b[k]!.ms);
  const ms = (rs: Run[]) => `${median(rs.map((r) => r.ms)).toFixed(0)} ms`;
  console.log(`| ${what} | ${baseName} | ${spread(ratios)} | ${goal} | ${ms(a)} / ${ms(b)} | ${rss[0]!.toFixed(0)} MB / ${rss[1]!.toFixed(0)} MB |`);
}

/** `count` predict signatures, each two float inputs and one output, as a large multi-head export has. */
function manySignatures(file: string, count: number) {
  const t = (alias: string, shape: number[]) => ({ alias, name: `${alias}:0`, dtype: 'DT_FLOAT', shape, encoding: 'name' as const });
  const model: ModelToEncode = {
    metaGraphs: [
      {
        tags: ['serve'],
        tensorflowVersion: '2.14.0',
        tensorflowGitVersion: '',
        signatures: Array.from({ length: count }, (_, k) => ({
          key: k === 0 ? 'serving_default' : `head_${k}`,
          methodName: 'tensorflow/serving/predict',
          inputs: [t(`features_${k}`, [-1, 16]), t(`mask_${k}`, [-1, 16])],
          outputs: [t(`scores_${k}`, [-1, 4])],
          defaults: [],
        })),
      },
    ],
  };
  mkdirSync(join(file, '1'), { recursive: true });
  writeFileSync(join(file, '1/saved_model.pb'), encodeSavedModel(model));
}

/** A predict body for `shapes`' `vectors` signature: `rows` × 1,000 floats as JavaScript writes them. */
function vectorsBody(file: string, rows: number) {
  const r = rng(1);
  const row = () => `[${Array.from({ length: 1000 }, () => r() * 2 - 1).join(',')}]`;
  writeFileSync(file, `{"signature_name":"vectors","instances":[${Array.from({ length: rows }, row).join(',')}]}`);
}

const cases: Record<string, () => Promise<void> | void> = {
  async start() {
    const padded = join(data, 'padded-1000mb.pb');
    if (!existsSync(padded)) await writePaddedModel(padded, FIXTURES['half_plus_two/00000123']!.metaGraphs[0]!, 1e9);
    pair('`inspect` 12 KB', '≤ 1.2×', [cli, 'inspect', fixture('half_plus_two')], ['-e', '0'], '`node -e 0`');
    pair('`inspect --json` 1 GB (padded)', '≤ 1.2×', [cli, 'inspect', padded, '--json'], ['-e', '0'], '`node -e 0`');
  },
  async generate() {
    const small = fixture('half_plus_two');
    pair('`generate` 12 KB', '≤ 1.5×', [cli, 'generate', small, '-o', '/dev/null'], [cli, 'inspect', small], '`inspect` 12 KB');
    pair('`generate` 12 KB', '≤ 1.5×', [cli, 'generate', small, '-o', '/dev/null'], ['-e', '0'], '`node -e 0`');
    // shapes' signatures are predict-only: no feature scan, so the gigabyte is skipped as inspect skips it.
    const padded = join(data, 'padded-predict-1000mb.pb');
    if (!existsSync(padded)) await writePaddedModel(padded, FIXTURES['shapes/1']!.metaGraphs[0]!, 1e9);
    pair('`generate` 1 GB (padded), predict signatures', '≤ 1.5×', [cli, 'generate', padded, '-o', '/dev/null'], ['-e', '0'], '`node -e 0`');
  },
  async features() {
    // half_plus_two's classify/regress signatures: the graph is scanned for their tf.Example features.
    const hpt = FIXTURES['half_plus_two/00000123']!.metaGraphs[0]!;
    const small = fixture('half_plus_two');
    for (const [what, file, filler] of [
      ['~11M nodes', 'small-nodes-1000mb.pb', SMALL_NODE],
      ['4 KiB weights', 'padded-1000mb.pb', undefined],
    ] as const) {
      const big = join(data, file);
      if (!existsSync(big)) await writePaddedModel(big, hpt, 1e9, filler);
      pair(
        `\`generate\` 1 GB of ${what} in one \`graph_def\``,
        'flat, < 100 MB',
        [cli, 'generate', big, '-o', '/dev/null'],
        [cli, 'generate', small, '-o', '/dev/null'],
        '`generate` 12 KB',
      );
    }
  },
  validate() {
    const shapes = fixture('shapes');
    const script = "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))";
    for (const rows of [1000, 5000]) {
      const body = join(data, `vectors-${rows}k.json`);
      if (!existsSync(body)) vectorsBody(body, rows);
      pair(`\`validate\` ${rows / 1000}e6 floats`, '≤ 1.3×', [cli, 'validate', shapes, body], ['-e', script, body], '`JSON.parse` process');
    }
  },
  signatures() {
    const small = fixture('half_plus_two');
    for (const count of [1000, 2000]) {
      const many = join(data, `signatures-${count}`);
      if (!existsSync(join(many, '1/saved_model.pb'))) manySignatures(many, count);
      pair(
        `\`generate\` ${count.toLocaleString('en')} signatures`,
        'linear in signatures',
        [cli, 'generate', many, '-o', '/dev/null'],
        [cli, 'generate', small, '-o', '/dev/null'],
        '`generate` 12 KB',
      );
    }
  },
};

console.log(`${pairs} pairs each, in turn after a warm-up; ratio = ours / baseline per pair: median (min–max)\n`);
console.log('| command | baseline | ratio | goal | wall (ours / baseline) | peak RSS (ours / baseline) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, c] of Object.entries(cases)) if (only.length === 0 || only.includes(name)) await c();
