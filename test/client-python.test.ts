// Generated Python packages: every own and shared fixture's package passes mypy --strict (for Python
// 3.9) with the type-level tests in test/python/types_client.py (wrong calls must fail); pytest runs
// the Python runtime's checker over the request table (identical results to the TypeScript checker)
// and the packages against the TF Serving stand-in, through a proxy that checks the Host header.
// Skipped, saying why, where python3 with pytest or mypy is missing (.ci/run installs Debian's).
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { client } from '../src/jobs/client.js';
import { CASES, MODELS, tableSavedModel } from '../src/protocol/tfserving/check.table.js';
import { describeModelApi } from '../src/protocol/tfserving/describe.js';
import { checkRequest } from '../src/protocol/tfserving/runtime/check.js';
import { findSavedModels, FIXTURES, HAVE_SHARED, ROOT, SHARED } from './helpers.js';
import { startTfServing, type TfServingStandIn } from './tfserving-server.js';

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, cwd: ROOT, timeout: 120_000 });
/** Asynchronous, so that the stand-ins in this process go on answering while the child runs. */
const runAsync = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, cwd: ROOT, timeout: 120_000, maxBuffer: 64 << 20 }, (e, stdout, stderr) =>
      resolve({ status: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr }),
    ),
  );
/** A python3 that has pytest (Debian's python3-pytest lives beside /usr/bin/python3). */
const PYTHON = ['python3', '/usr/bin/python3'].find((p) => run(p, ['-c', 'import pytest']).status === 0);
/** A python3 that can build a PEP 517 package offline (pip, setuptools, wheel). */
const BUILDER = ['python3', '/usr/bin/python3'].find((p) => run(p, ['-c', 'import setuptools, wheel, pip']).status === 0);
const MYPY = run('mypy', ['--version']).status === 0;
const SKIP = !PYTHON ? 'skipped: no python3 with pytest (apt-get install python3-pytest)' : !MYPY ? 'skipped: no mypy (apt-get install mypy)' : false;

const own = ['half_plus_two', 'hostile_names', 'all_dtypes', 'shapes', 'no_default', 'image_classifier'];
const shared = HAVE_SHARED ? findSavedModels(join(SHARED, 'fixtures/savedmodels')).map((f) => f.replace(/\/saved_model\.pb$/, '')) : [];

describe('Python client packages', { skip: SKIP }, () => {
  const out = mkdtempSync(join(tmpdir(), 'tf2openapi-python-'));
  const modules: string[] = [];
  const servers: TfServingStandIn[] = [];
  let proxy: Server | undefined;
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    proxy?.closeAllConnections();
    proxy?.close();
    rmSync(out, { recursive: true, force: true });
  });
  const standIns: Record<string, string> = {};
  before(async () => {
    for (const m of own) {
      const { generated } = await client(join(FIXTURES, m), join(out, m), { name: m, language: 'python' });
      modules.push(`${m}_tfserving_client`);
      if (['half_plus_two', 'hostile_names', 'no_default'].includes(m)) {
        const s = await startTfServing(generated.api);
        servers.push(s);
        standIns[m] = s.url;
      }
    }
    for (const [i, m] of shared.entries()) {
      await client(m, join(out, `shared${i}`), { name: `shared_${i}`, language: 'python' });
      modules.push(`shared_${i}_tfserving_client`);
    }
    // A cluster ingress in miniature: routes by Host, 404 without the expected one.
    const target = new URL(standIns.half_plus_two!);
    proxy = createServer((req, res) => {
      if (req.headers.host !== 'half-plus-two.models.example.com') return res.writeHead(404).end('{"error": "no route for this Host"}');
      const forward = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forward);
    });
    await new Promise<void>((r) => proxy!.listen(0, '127.0.0.1', r));
    standIns.proxy = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  const pythonPath = () =>
    readdirSync(out)
      .filter((d) => !d.startsWith('.') && !d.endsWith('.py'))
      .map((d) => join(out, d, 'src'))
      .join(':');

  it(`every package passes mypy --strict; wrong calls do not (${own.length} own, ${shared.length} shared)`, () => {
    copyFileSync(join(ROOT, 'test/python/types_client.py'), join(out, 'types_client.py'));
    const args = ['--strict', '--python-version', '3.9', '--cache-dir', join(out, '.mypy'), ...modules.flatMap((m) => ['-p', m]), '-m', 'types_client'];
    const r = run('mypy', args, { MYPYPATH: `${pythonPath()}:${out}` });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Success: no issues found/);
    // The checks are real: a wrong call with no ignore comment fails.
    writeFileSync(join(out, 'types_wrong.py'), 'from half_plus_two_tfserving_client import Client\nClient("x").predict("serving_default", [{"x": ["1"]}])\n');
    const wrong = run('mypy', ['--strict', '--cache-dir', join(out, '.mypy'), join(out, 'types_wrong.py')], { MYPYPATH: pythonPath() });
    assert.equal(wrong.status, 1, wrong.stdout);
    assert.match(wrong.stdout, /call-overload/);
  });

  it(
    'pip installs a package with no package index (the system setuptools as PEP 517 backend), and it imports',
    { skip: BUILDER ? false : 'skipped: no python3 with pip, setuptools and wheel (apt-get install python3-pip python3-setuptools python3-wheel)' },
    async () => {
      const target = join(out, '.installed');
      const r = await runAsync(BUILDER!, [
        '-m',
        'pip',
        'install',
        '--no-build-isolation',
        '--no-index',
        '--no-deps',
        '--quiet',
        '--target',
        target,
        join(out, 'hostile_names'),
      ]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const imported = run(
        BUILDER!,
        ['-c', 'import hostile_names_tfserving_client as m, importlib.resources as r; print(m.MODEL_NAME, (r.files(m) / "py.typed").is_file())'],
        {
          PYTHONPATH: target,
          PYTHONDONTWRITEBYTECODE: '1',
        },
      );
      assert.equal(imported.stdout.trim(), 'hostile_names True', imported.stderr);
    },
  );

  it('pytest: the request table through the Python checker, and the packages against the stand-in', async () => {
    const contracts = new Map(
      Object.keys(MODELS).map((name) => {
        const api = describeModelApi(tableSavedModel(name), { name });
        return [name, { name: api.name, signatures: api.signatures, skipped: api.skipped, hasDefault: api.hasDefault }];
      }),
    );
    const table = CASES.map((c) => ({ ...c, contract: contracts.get(c.model), typescript: checkRequest(c.body, contracts.get(c.model)!, c.on, c.signature) }));
    mkdirSync(join(out, '.table'), { recursive: true });
    const tableFile = join(out, '.table', 'cases.json');
    writeFileSync(tableFile, JSON.stringify({ cases: table }));
    const r = await runAsync(PYTHON!, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'src/protocol/tfserving/runtime_py', 'test/python'], {
      PYTHONPATH: pythonPath(),
      TF2OPENAPI_CHECK_TABLE: tableFile,
      TF2OPENAPI_STANDIN: JSON.stringify(standIns),
      PYTHONDONTWRITEBYTECODE: '1',
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const passed = Number(/(\d+) passed/.exec(r.stdout)?.[1]);
    assert.ok(passed >= CASES.length + 5, r.stdout);
    assert.doesNotMatch(r.stdout, /skipped/);
    // What the stand-ins saw: the pins in the URL, the signature named, the Host header kept.
    const noDefault = servers[2]!.requests.map((q) => q.path);
    assert.ok(noDefault.includes('/v1/models/no_default/versions/3:predict'), noDefault.join());
    assert.ok(noDefault.includes('/v1/models/no_default/labels/canary:predict'), noDefault.join());
    const viaProxy = servers[0]!.requests.filter((q) => q.headers.host === 'half-plus-two.models.example.com');
    assert.ok(viaProxy.length >= 6);
    assert.deepStrictEqual(JSON.parse(viaProxy[1]!.body), { signature_name: 'predict_with_scale', inputs: { x: [[1], [2]], scale: 3 } });
    const bytes = servers[1]!.requests.find((q) => q.path.endsWith('/v1/models/hostile_names:predict') && q.body.includes('"class"'));
    assert.deepStrictEqual(JSON.parse(bytes!.body).inputs.in, [{ b64: 'AP9yYXc=' }, 'text']);
  });
});
