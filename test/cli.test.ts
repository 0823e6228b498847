// The CLI as a user drives it: generate (and the Go tool's bare flags), validate, outputs.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { EXIT_CODES } from '../src/errors.js';
import { encodeSavedModel } from '../src/savedmodel/encode.js';
import { METHOD } from '../src/savedmodel/signature.js';
import { FIXTURES, ROOT, runCli, runCliInProcess } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'tf2openapi-cli-'));
/** A request schema from another tool's document (written to tmp; returns its path). */
const foreignSpec = () => {
  const spec = join(tmp, 'foreign.json');
  writeFileSync(
    spec,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: { PredictRequest: { type: 'object', required: ['instances'], properties: { instances: { type: 'array', items: { type: 'number' } } } } },
      },
    }),
  );
  return spec;
};
after(() => rmSync(tmp, { recursive: true, force: true }));
const hpt = join(FIXTURES, 'half_plus_two');

describe('generate', () => {
  it('writes JSON to stdout', () => {
    const r = runCli(['generate', hpt, '-n', 'hpt']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.openapi, '3.0.3');
    assert.ok('/v1/models/hpt:predict' in doc.paths);
    assert.equal(doc.info.version, '124', 'the version read from the model base');
  });
  it("takes the Go tool's flags on the bare command and writes YAML by extension, atomically", async () => {
    const out = join(tmp, 'spec.yaml');
    const r = await runCliInProcess(['-m', join(hpt, '00000123/saved_model.pb'), '-n', 'customName', '-v', '1000', '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const doc = parse(readFileSync(out, 'utf8'));
    assert.ok('/v1/models/customName/versions/1000:predict' in doc.paths);
    assert.deepStrictEqual(
      readdirSync(tmp).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary file left',
    );
  });
  it('--openapi 3.1 and --server-url', async () => {
    const r = await runCliInProcess(['generate', hpt, '--openapi', '3.1', '--server-url', 'http://localhost:8501']);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.openapi, '3.1.0');
    assert.deepStrictEqual(doc.servers, [{ url: 'http://localhost:8501' }]);
  });
  it('warns, naming each signature it leaves out and why', async () => {
    const r = await runCliInProcess(['generate', join(FIXTURES, 'all_dtypes')]);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /warning: signature "serving_default" left out: input "dt_bfloat16" is DT_BFLOAT16/);
  });
  it('-s with a signature that cannot be served fails with one line', async () => {
    const r = await runCliInProcess(['generate', join(FIXTURES, 'all_dtypes'), '-s', 'serving_default']);
    assert.equal(r.status, EXIT_CODES.NO_SUCH_SIGNATURE);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
  it('leaves an existing output untouched when writing fails', async () => {
    const out = join(tmp, 'keep.json');
    writeFileSync(out, 'old');
    const r = await runCliInProcess(['generate', join(tmp, 'missing-model'), '-o', out]);
    assert.equal(r.status, EXIT_CODES.NOT_FOUND);
    assert.equal(readFileSync(out, 'utf8'), 'old');
    const bad = await runCliInProcess(['generate', hpt, '-o', join(tmp, 'no/such/dir/x.json')]);
    assert.equal(bad.status, EXIT_CODES.IO);
    assert.match(bad.stderr, /cannot write: no such directory/);
  });
});

describe('validate', () => {
  it('exit 0 for a valid request', async () => {
    const f = join(tmp, 'ok.json');
    writeFileSync(f, '{"instances": [[1.0], [NaN]]}');
    const r = await runCliInProcess(['validate', hpt, f]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
  it('exit 1 and one line per problem, with its pointer, for an invalid one (stdin)', () => {
    const r = runCli(['validate', hpt, '-'], { input: '{"instances": [[1.0], ["x"]], "extra": 1}' });
    assert.equal(r.status, EXIT_CODES.INVALID_REQUEST);
    assert.deepStrictEqual(r.stdout.trim().split('\n'), [
      'warning /extra: TF Serving ignores this key (it reads "signature_name", "instances", "inputs") [ignored-key]',
      'error /instances/1/0: "x" is not a number, which TF Serving requires for x (DT_FLOAT) [value]',
    ]);
  });
  it('warnings alone exit 0, or 1 with --strict', async () => {
    const body = { input: '{"instances": [[1.0, 2.0]]}' };
    const r = await runCliInProcess(['validate', hpt, '-'], body);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^warning \/instances\/0: each instance has 2 items in dimension 0; the signature declares x as \[-1, 1\], each instance \[1\] \[shape\]$/m,
    );
    assert.match(r.stdout, /^accepted by TF Serving, with 1 warning\(s\): predict request for signature "serving_default"$/m);
    assert.equal((await runCliInProcess(['validate', hpt, '-', '--strict'], body)).status, EXIT_CODES.INVALID_REQUEST);
  });
  it('classify requests with --api', async () => {
    const r = await runCliInProcess(['validate', hpt, '-', '--api', 'classify', '-s', 'classify_x_to_y'], { input: '{"examples": [{"x": 1.5}]}' });
    assert.equal(r.status, 0, r.stdout);
  });
  it('checks against a generated spec as fully as against the model', async () => {
    const spec = join(tmp, 'hpt.yaml');
    assert.equal((await runCliInProcess(['generate', hpt, '-o', spec])).status, 0);
    const r = await runCliInProcess(['validate', spec, '-'], { input: '{"instances": [[1.0], [2.0, 3.0]]}' });
    assert.equal(r.status, EXIT_CODES.INVALID_REQUEST);
    assert.match(r.stdout, /^error \/instances\/1: shape \[2\] differs from the first instance's \[1\] for input "x" \[instance-shape\]$/m);
    assert.equal((await runCliInProcess(['validate', spec, '-'], { input: '{"instances": [[1.0]]}' })).status, 0);
  });
  it("checks against another tool's spec with its request schema", async () => {
    const spec = foreignSpec();
    const bad = await runCliInProcess(['validate', spec, '-'], { input: '{"instances": ["x"]}' });
    assert.equal(bad.status, EXIT_CODES.INVALID_REQUEST);
    assert.match(bad.stdout, /^error \/instances\/0: must be number \[schema\]$/m);
    const notSpec = join(tmp, 'not-spec.json');
    writeFileSync(notSpec, '{"hello": 1}');
    const r = await runCliInProcess(['validate', notSpec, '-'], { input: '{}' });
    assert.equal(r.status, EXIT_CODES.BAD_INPUT);
    assert.match(r.stderr, /not an OpenAPI document/);
  });
  it('a missing request file is bad input', async () => {
    const r = await runCliInProcess(['validate', hpt, join(tmp, 'none.json')]);
    assert.equal(r.status, EXIT_CODES.BAD_INPUT);
    assert.match(r.stderr, /none\.json: cannot read the request: no such file/);
  });
});

describe('the command line itself', () => {
  const cli = join(FIXTURES, '..', 'src/cli/main.ts');
  it('a reader that closes the pipe early ends it quietly (no EPIPE trace)', () => {
    const r = spawnSync(
      'bash',
      [
        '-o',
        'pipefail',
        '-c',
        `"${process.execPath}" --import tsx "${cli}" generate "${join(FIXTURES, 'all_dtypes')}" --format yaml 2>"${join(tmp, 'epipe.err')}" | head -c 10 >/dev/null`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0);
    assert.equal(readFileSync(join(tmp, 'epipe.err'), 'utf8').replace(/^tf2openapi: warning: .*\n/gm, ''), '');
  });
  const usage: [string, string[], RegExp][] = [
    [
      'an unknown command',
      ['frobnicate'],
      /^tf2openapi: unknown command "frobnicate"; commands: inspect, generate, validate, client, docs, serve, build, deploy, diff, promote, rollout, status, delete, version/,
    ],
    ['a repeated option', ['generate', hpt, '-n', 'a', '-n', 'b'], /--name is given 2 times/],
    ['a number option that is not a number', ['inspect', hpt, '--timeout', 'abc'], /--timeout needs a number/],
    ['a negative number', ['inspect', hpt, '--timeout', '-1'], /--timeout -1 must not be negative/],
  ];
  for (const [what, args, want] of usage) {
    it(`${what}: exit 2, one line`, async () => {
      const r = await runCliInProcess(args);
      assert.equal(r.status, EXIT_CODES.USAGE, r.stderr);
      assert.match(r.stderr, want);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    });
  }
  it('`version` prints the version', async () => {
    assert.equal((await runCliInProcess(['version'])).stdout, `tf2openapi ${JSON.parse(readFileSync(join(FIXTURES, '..', 'package.json'), 'utf8')).version}\n`);
  });
  it('an invalid URL is bad input (15), not an internal error', async () => {
    const r = await runCliInProcess(['inspect', 'http://[bad']);
    assert.equal(r.status, EXIT_CODES.BAD_INPUT);
    assert.equal(r.stderr, 'tf2openapi: http://[bad: not a valid URI\n');
  });
  it('control characters in a message are escaped: one line, no terminal escapes', async () => {
    const r = await runCliInProcess(['inspect', join(tmp, 'no\u001b[31mpe\nline')]);
    assert.equal(r.status, EXIT_CODES.NOT_FOUND);
    assert.equal(r.stderr.split('\n').length, 2);
    assert.ok(!r.stderr.includes('\u001b'));
  });
  it('client -o refuses a directory of user files with exit 19 and deletes nothing', async () => {
    const dir = join(tmp, 'user-project');
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, 'README.md'), 'mine');
    const r = await runCliInProcess(['client', hpt, '-o', dir]);
    assert.equal(r.status, EXIT_CODES.OUTPUT_NOT_OURS);
    assert.match(r.stderr, /--force/);
    assert.deepStrictEqual(readdirSync(dir).sort(), ['.git', 'README.md']);
  });
  it('client --protocol v2 writes the V2 package; a signature V2 cannot carry is one line', async () => {
    const dir = join(tmp, 'v2-client');
    const r = await runCliInProcess(['client', hpt, '-o', dir, '--protocol', 'v2', '-n', 'hpt']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^wrote 11 files to /);
    assert.match(r.stderr, /V2 serves signature "serving_default" only/);
    assert.equal(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name, 'hpt-v2-client');
    const bad = await runCliInProcess(['client', join(FIXTURES, 'all_dtypes'), '-o', join(tmp, 'v2-bad'), '--protocol', 'v2']);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /^tf2openapi: .*DT_COMPLEX128, which V2 has no datatype for\n$/);
    assert.ok(!existsSync(join(tmp, 'v2-bad')), 'nothing written');
  });
  it('client --language python writes the Python package; a bad package name or python with v2 is one usage line', async () => {
    const dir = join(tmp, 'py-client');
    const r = await runCliInProcess(['client', hpt, '-o', dir, '--language', 'python', '-n', 'hpt']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^wrote 11 files to /);
    assert.ok(existsSync(join(dir, 'src/hpt_tfserving_client/py.typed')));
    for (const [args, want] of [
      [['--package-name', 'no spaces'], /^tf2openapi: --package-name "no spaces" is not a valid Python package name/],
      [['--package-version', 'v1'], /^tf2openapi: --package-version "v1" is not a PEP 440 version/],
      [['--protocol', 'v2'], /^tf2openapi: --language python writes TF Serving REST clients only/],
    ] as const) {
      const bad = await runCliInProcess(['client', hpt, '-o', join(tmp, 'py-bad'), '--language', 'python', ...args]);
      assert.equal(bad.status, EXIT_CODES.USAGE, bad.stderr);
      assert.match(bad.stderr, want);
      assert.equal(bad.stderr.split('\n').length, 2, bad.stderr);
      assert.ok(!existsSync(join(tmp, 'py-bad')), 'nothing written');
    }
  });
});

describe('docs and serve', () => {
  it('docs -o writes one HTML page; a V2 spec gives the V2 page; a spec of the other protocol than asked is one line', async () => {
    const page = join(tmp, 'api.html');
    const r = await runCliInProcess(['docs', hpt, '-n', 'half_plus_two', '-o', page]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(page, 'utf8'), /^<!doctype html>[\s\S]*data-signature="serving_default"/);
    const spec = join(tmp, 'v2.json');
    assert.equal((await runCliInProcess(['generate', hpt, '--protocol', 'v2', '-o', spec])).status, 0);
    assert.equal((await runCliInProcess(['docs', spec, '-o', join(tmp, 'v2.html')])).status, 0);
    assert.match(readFileSync(join(tmp, 'v2.html'), 'utf8'), /<small>Open Inference Protocol \(KServe V2\)<\/small>/);
    const v1 = join(tmp, 'v1.json');
    assert.equal((await runCliInProcess(['generate', hpt, '-o', v1])).status, 0);
    const bad = await runCliInProcess(['docs', v1, '--protocol', 'v2', '-o', join(tmp, 'bad.html')]);
    assert.equal(bad.status, EXIT_CODES.BAD_INPUT);
    assert.match(bad.stderr, /^tf2openapi: .*v1\.json: a tfserving-rest-v1 document, not the --protocol v2 asked for\n$/);
    assert.ok(!existsSync(join(tmp, 'bad.html')));
  });

  it('serve: the mock answers until SIGTERM, then exits 0; a port in use is one line, exit 14', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', hpt, '-n', 'half_plus_two', '--port', '0'], {
      cwd: ROOT,
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited: ${stdout}`)));
    });
    const answer = await fetch(`${url}/v1/models/half_plus_two:predict`, { method: 'POST', body: '{"instances": [{"x": [1.0]}]}' });
    assert.equal(answer.status, 200);
    assert.match(await answer.text(), /^\{"predictions": \[\[/);
    const port = new URL(url).port;
    const busy = runCli(['serve', hpt, '--port', port]);
    assert.equal(busy.status, EXIT_CODES.IO);
    assert.equal(busy.stderr, `tf2openapi: 127.0.0.1:${port} is in use: pick another --port\n`);
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.kill('SIGTERM');
    assert.equal(await code, 0);
  });
});

describe(
  'the installed command (bin/tf2openapi.cjs over the built bundles)',
  { skip: existsSync(join(ROOT, 'dist/bin/inspect.cjs')) ? false : 'skipped: not built (npm run build; npm ci builds it)' },
  () => {
    const bin = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/tf2openapi.cjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
    it('inspect takes the CommonJS first stage and prints what the library does; other commands go to the ES modules', async () => {
      const fast = bin(['inspect', hpt, '--json']);
      assert.equal(fast.status, 0, fast.stderr);
      assert.deepStrictEqual(JSON.parse(fast.stdout), JSON.parse((await runCliInProcess(['inspect', hpt, '--json'])).stdout));
      const missing = bin(['inspect', join(tmp, 'nope')]);
      assert.equal(missing.status, EXIT_CODES.NOT_FOUND);
      assert.match(missing.stderr, /^tf2openapi: .*nope: no such file or directory\n$/);
      const gen = bin(['generate', hpt, '-n', 'hpt', '--format', 'yaml']);
      assert.equal(gen.status, 0, gen.stderr);
      assert.match(gen.stdout, /^openapi: 3\.0\.3\n/);
      assert.match(bin(['inspect', hpt, '--tags', 'serve']).stdout, /meta graph with tags serve/);
    });
    it('generate <model> [-o FILE] takes its own first stage and writes what the full command line writes', async () => {
      for (const file of ['quick.json', 'quick.yaml']) {
        const out = join(tmp, file);
        const quick = bin(['generate', hpt, '-o', out]);
        assert.deepStrictEqual([quick.status, quick.stderr], [0, '']);
        assert.equal(readFileSync(out, 'utf8'), (await runCliInProcess(['generate', hpt, '--format', file.endsWith('.yaml') ? 'yaml' : 'json'])).stdout);
      }
      assert.equal(bin(['generate', hpt]).stdout, (await runCliInProcess(['generate', hpt])).stdout);
      const missing = bin(['generate', join(tmp, 'nope'), '--output', join(tmp, 'never.json')]);
      assert.equal(missing.status, EXIT_CODES.NOT_FOUND);
      assert.match(missing.stderr, /^tf2openapi: .*nope: no such file or directory\n$/);
      assert.equal(existsSync(join(tmp, 'never.json')), false);
    });
    it('validate <model> <request> takes that first stage too, with the same output and exit codes', async () => {
      const bodies = {
        good: '{"instances": [1.0, 2.0]}',
        warned: '{"instances": [1.0], "extra": 1}',
        bad: '{"instances": [1.0, "a"]}',
        broken: '{"instances": [1',
      };
      for (const [what, body] of Object.entries(bodies)) {
        const file = join(tmp, `${what}.json`);
        writeFileSync(file, body);
        const quick = bin(['validate', hpt, file]);
        const full = await runCliInProcess(['validate', hpt, file]);
        assert.deepStrictEqual([quick.status, quick.stdout, quick.stderr], [full.status, full.stdout, full.stderr], what);
      }
      assert.equal(bin(['validate', hpt, join(tmp, 'bad.json')]).status, EXIT_CODES.INVALID_REQUEST);
      // Another tool's document: ajv, loaded only then, from outside the bundle.
      const foreign = foreignSpec();
      const quick = bin(['validate', foreign, join(tmp, 'broken.json')]);
      const full = await runCliInProcess(['validate', foreign, join(tmp, 'broken.json')]);
      assert.deepStrictEqual([quick.status, quick.stdout, quick.stderr], [full.status, full.stdout, full.stderr]);
      const schema = bin(['validate', foreign, join(tmp, 'good.json')]);
      assert.deepStrictEqual([schema.status, schema.stderr], [0, '']);
    });
    it('inspect writes to the descriptors directly: a closed pipe ends it quietly, a full pipe waits for its reader', async (ctx) => {
      // 2,000 signatures: ~750 KB of text, more than a pipe holds.
      const many = join(tmp, 'many', '1');
      mkdirSync(many, { recursive: true });
      const t = (alias: string) => ({ alias, name: `${alias}:0`, dtype: 'DT_FLOAT', shape: [-1, 16], encoding: 'name' as const });
      const signatures = Array.from({ length: 2000 }, (_, k) => ({
        key: `s${k}`,
        methodName: METHOD.PREDICT,
        inputs: [t(`in${k}`)],
        outputs: [t(`out${k}`)],
        defaults: [],
      }));
      writeFileSync(
        join(many, 'saved_model.pb'),
        encodeSavedModel({ metaGraphs: [{ tags: ['serve'], tensorflowVersion: '2.14.0', tensorflowGitVersion: '', signatures }] }),
      );
      const want = Buffer.byteLength((await runCliInProcess(['inspect', many])).stdout);
      assert.ok(want > 1 << 17, `${want} bytes`);
      const sh = (pipe: string) =>
        spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${join(ROOT, 'bin/tf2openapi.cjs')}" inspect "${many}" ${pipe}`], {
          encoding: 'utf8',
        });
      const closed = sh('| head -c 10 >/dev/null');
      assert.deepStrictEqual([closed.status, closed.stderr], [0, '']);
      const slow = sh('| (sleep 0.3; wc -c)');
      assert.deepStrictEqual([slow.status, slow.stderr, Number(slow.stdout.trim())], [0, '', want]);
      // A pipe another process made non-blocking: a write finds it full (EAGAIN) and the stream takes the rest.
      const nonBlocking = [
        'import fcntl, os, subprocess, sys, time',
        'r, w = os.pipe()',
        'fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)',
        'p = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)',
        'os.close(w)',
        'time.sleep(0.3)',
        'data = b""',
        'while chunk := os.read(r, 1 << 16): data += chunk',
        'print(len(data), p.wait(), len(p.stderr.read()))',
      ].join('\n');
      const py = spawnSync('python3', ['-c', nonBlocking, process.execPath, join(ROOT, 'bin/tf2openapi.cjs'), 'inspect', many], { encoding: 'utf8' });
      if (py.error) return ctx.diagnostic('python3 not found: the non-blocking pipe case was not run');
      assert.equal(py.stdout.trim(), `${want} 0 0`, py.stderr);
    });
  },
);
