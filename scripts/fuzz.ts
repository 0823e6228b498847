// `npm run fuzz -- --cases 100000 [--seed 1] [--workers 2] [--limit-ms 10000]`: the mutation fuzzer
// of test/fuzz-harness.ts over the project's fixtures and the ../shared corpus, in worker processes
// watched by this one: a case over the time limit is a hang (its worker is ended and replaced), an
// untyped exception is a failure; both are listed with the file and case to replay them. Prints the
// figures the README quotes. Exit 1 when any case hung or threw untyped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import { mutate, pipeline } from '../test/fuzz-harness.js';
import { findSavedModels, FIXTURES, HAVE_SHARED, rng, SHARED } from '../test/helpers.js';
import { arg } from '../bench/args.js';

interface Job {
  files: string[];
  seed: number;
  from: number;
  to: number;
  step: number;
}
type Report = { i: number; result: 'ok' | 'typed' | 'untyped'; kind?: string; message?: string; ms: number; rssMb: number } | { started: number };

/** Case i: file i mod n, mutated by a generator seeded from (seed, i): replayable alone. */
async function runCases(job: Job, post: (r: Report) => void) {
  const originals = job.files.map((f) => new Uint8Array(readFileSync(f)));
  for (let i = job.from; i < job.to; i += job.step) {
    post({ started: i });
    const t = performance.now();
    const bytes = mutate(originals[i % originals.length]!, rng(job.seed * 1_000_003 + i));
    let outcome: Pick<Extract<Report, { i: number }>, 'result' | 'kind' | 'message'>;
    try {
      const o = await pipeline(bytes, `case ${i}`);
      outcome = o.result === 'typed' ? { result: 'typed', kind: o.kind } : { result: 'ok' };
    } catch (e) {
      outcome = {
        result: 'untyped',
        message: String((e as Error)?.stack ?? e)
          .split('\n')
          .slice(0, 4)
          .join(' | '),
      };
    }
    post({ i, ...outcome, ms: performance.now() - t, rssMb: process.resourceUsage().maxRSS / 1024 });
  }
}

const child = process.env.TF2OPENAPI_FUZZ_JOB;
if (child) {
  await runCases(JSON.parse(child) as Job, (r) => process.send!(r));
  process.disconnect?.();
} else {
  const cases = Number(arg('cases', '10000'));
  const seed = Number(arg('seed', '1'));
  const workers = Number(arg('workers', '2'));
  const limitMs = Number(arg('limit-ms', '10000'));
  const files = [...findSavedModels(FIXTURES), ...(HAVE_SHARED ? findSavedModels(join(SHARED, 'fixtures/savedmodels')) : [])];
  const counts = { ok: 0, typed: 0, untyped: 0, hung: 0 };
  const kinds = new Map<string, number>();
  const problems: string[] = [];
  let slowest = { ms: 0, i: -1 };
  let peakWorker = 0;
  const started = performance.now();
  const self = fileURLToPath(import.meta.url);

  /** One worker over cases from, from+step, …; restarted past a hung case. */
  const lane = (from: number) =>
    new Promise<void>((resolve) => {
      let current = -1;
      let since = performance.now();
      const job: Job = { files, seed, from, to: cases, step: workers };
      const w = fork(self, [], {
        execArgv: process.execArgv,
        env: { ...process.env, TF2OPENAPI_FUZZ_JOB: JSON.stringify(job) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const watchdog = setInterval(() => {
        if (current >= 0 && performance.now() - since > limitMs) {
          clearInterval(watchdog);
          counts.hung++;
          problems.push(`hang: case ${current} (${files[current % files.length]}), over ${limitMs} ms`);
          w.kill('SIGKILL');
          void lane(current + workers).then(resolve);
        }
      }, 250);
      w.on('message', (r: Report) => {
        if ('started' in r) {
          current = r.started;
          since = performance.now();
          return;
        }
        current = -1;
        counts[r.result]++;
        if (r.kind) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
        if (r.ms > slowest.ms) slowest = { ms: r.ms, i: r.i };
        if (r.rssMb > peakWorker) peakWorker = r.rssMb;
        if (r.result === 'untyped') problems.push(`untyped: case ${r.i} (${files[r.i % files.length]}): ${r.message}`);
        const done = counts.ok + counts.typed + counts.untyped + counts.hung;
        if (done % 10_000 === 0) process.stderr.write(`${done} cases…\n`);
      });
      w.on('exit', (code, signal) => {
        clearInterval(watchdog);
        if (signal !== 'SIGKILL') {
          if (code !== 0) problems.push(`worker exited ${code ?? signal} at case ${current}`);
          resolve();
        }
      });
      w.on('error', (e) => problems.push(`worker error: ${e.message}`));
    });
  await Promise.all(Array.from({ length: Math.min(workers, cases) }, (_, k) => lane(k)));
  const seconds = (performance.now() - started) / 1000;
  console.log(`${cases} cases over ${files.length} SavedModels (seed ${seed}, ${workers} workers, ${seconds.toFixed(0)} s):`);
  console.log(
    `  outputs written: ${counts.ok}; typed errors: ${counts.typed} (${[...kinds]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')})`,
  );
  console.log(`  untyped exceptions: ${counts.untyped}; hangs (over ${limitMs} ms): ${counts.hung}`);
  console.log(`  slowest case: ${slowest.ms.toFixed(0)} ms (case ${slowest.i}); peak RSS of a worker process: ${peakWorker.toFixed(0)} MB`);
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  process.exitCode = counts.untyped || counts.hung ? 1 : 0;
}
