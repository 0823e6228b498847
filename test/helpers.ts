// Shared by the test files: where things are, the ../shared corpus (absent in a fresh clone),
// and running the CLI as a user would.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = join(ROOT, 'fixtures');
export const SHARED = resolve(ROOT, '..', 'shared');
export const HAVE_SHARED = existsSync(join(SHARED, 'fixtures'));
/** For describe(..., { skip }): the reason the ../shared suites did not run. */
export const SHARED_SKIP = HAVE_SHARED ? false : `skipped: ../shared is absent (a fresh clone); CI runs these against the real corpus`;

/** KServe's Go tf2openapi test SavedModels in ../shared (empty when it is absent). */
export const KFSERVING_PBS = HAVE_SHARED
  ? [
      'TestCensus',
      'TestColFmtMultipleTensors',
      'TestColFmtScalar',
      'TestColFmtSingleTensor',
      'TestFlowers',
      'TestPropagateOpenAPIGenerationError',
      'TestRowFmtMultipleTensors',
      'TestRowFmtSingleTensor',
    ].map((n) => join(SHARED, 'fixtures/kfserving-tf2openapi', `${n}.pb`))
  : [];

/** Every saved_model.pb below a directory, sorted. */
export function findSavedModels(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findSavedModels(p));
    else if (name === 'saved_model.pb') out.push(p);
  }
  return out;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { input?: string; cwd?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    env: { ...process.env, TF2OPENAPI_DEBUG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The CLI in this process (no Node start, no TypeScript compile per call): stdout and stderr
 * captured, the exit code returned. For commands that read no stdin and take paths as given.
 */
export async function runCliInProcess(args: string[], opts: { input?: string } = {}): Promise<CliRun> {
  const [{ run }, { redirect }] = await Promise.all([import('../src/cli/run.js'), import('../src/cli/output.js')]);
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = process.exitCode;
  const restore = redirect({ out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  process.exitCode = undefined;
  try {
    const status = await run(args);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    restore();
    process.exitCode = exitCode;
  }
}

/** A small seeded PRNG (mulberry32): property tests replay exactly from their seed. */
export { rng } from '../src/util/rng.js';

/** Type-checks the generated packages in the folders of `dir` with `typeTests` beside them, strict,
 * with the project's TypeScript and the 5.x line most users compile with (packages ask for 5.5+).
 * Returns each compiler's failure output; empty when both pass. */
export function compileStrict(dir: string, typeTests: string): string[] {
  writeFileSync(join(dir, 'type-tests.ts'), typeTests);
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*/src/*.ts', 'type-tests.ts'] }));
  return ['typescript', 'typescript5'].flatMap((tsc) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', tsc, 'bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    return r.status === 0 ? [] : [`${tsc}: ${r.stdout}${r.stderr}`];
  });
}
