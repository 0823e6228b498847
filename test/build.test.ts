// The build-time codegen step: regenerates only what changed, --check names what is stale.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EXIT_CODES, isTf2OpenApiError } from '../src/errors.js';
import { build, STATE_FILE } from '../src/jobs/build.js';
import { FIXTURES, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tf2openapi-build-'));
after(() => rmSync(dir, { recursive: true, force: true }));
cpSync(join(FIXTURES, 'half_plus_two'), join(dir, 'models/hpt'), { recursive: true });
cpSync(join(FIXTURES, 'no_default'), join(dir, 'models/nd'), { recursive: true });
const config = join(dir, 'tf2openapi.config.json');
writeFileSync(
  config,
  JSON.stringify({
    models: [
      { name: 'half_plus_two', model: 'models/hpt', spec: 'out/hpt.openapi.json', client: 'out/hpt-client' },
      { name: 'embedder', model: 'models/nd', spec: 'out/nd.openapi.yaml' },
    ],
  }),
);

/** Every file below dir with its modification time. */
function snapshot(): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[p] = statSync(p).mtimeMs;
    }
  };
  walk(dir);
  return out;
}

describe('build', () => {
  it('generates every output the first time, with progress', async () => {
    const seen: string[] = [];
    const r = await build(config, { progress: (i, n, name, outcome) => seen.push(`${i}/${n} ${name} ${outcome}`) });
    assert.deepStrictEqual(r.generated, ['half_plus_two', 'embedder']);
    assert.deepStrictEqual(seen, ['1/2 half_plus_two generated', '2/2 embedder generated']);
    for (const f of ['out/hpt.openapi.json', 'out/hpt-client/src/index.ts', 'out/nd.openapi.yaml', STATE_FILE]) assert.ok(statSync(join(dir, f)).isFile(), f);
  });
  it('writes nothing the second time', async () => {
    const before = snapshot();
    const r = await build(config);
    assert.deepStrictEqual(r.generated, []);
    assert.deepStrictEqual(snapshot(), before);
    const cli = runCli(['build', '--config', config, '--check']);
    assert.equal(cli.status, 0, cli.stderr);
  });
  it('--check after a model change fails, names the stale output and writes nothing', async () => {
    copyFileSync(join(FIXTURES, 'shapes/1/saved_model.pb'), join(dir, 'models/nd/1/saved_model.pb'));
    const before = snapshot();
    const r = await build(config, { check: true });
    assert.deepStrictEqual(r.stale, ['embedder']);
    const cli = runCli(['build', '--config', config, '--check']);
    assert.equal(cli.status, EXIT_CODES.STALE);
    assert.match(cli.stderr, /stale: embedder; run tf2openapi build/);
    assert.deepStrictEqual(snapshot(), before);
    assert.deepStrictEqual((await build(config)).generated, ['embedder']);
  });
  it('--check sees an edited or deleted output, and build restores it', async () => {
    rmSync(join(dir, 'out/hpt-client/src'), { recursive: true });
    assert.deepStrictEqual((await build(config, { check: true })).stale, ['half_plus_two']);
    writeFileSync(join(dir, 'out/nd.openapi.yaml'), 'edited');
    assert.deepStrictEqual((await build(config, { check: true })).stale, ['half_plus_two', 'embedder']);
    assert.deepStrictEqual((await build(config)).generated, ['half_plus_two', 'embedder']);
    assert.ok(statSync(join(dir, 'out/hpt-client/src/index.ts')).isFile());
    assert.deepStrictEqual((await build(config, { check: true })).stale, []);
    assert.deepStrictEqual((await build(config, { force: true })).generated, ['half_plus_two', 'embedder'], '--force regenerates everything');
  });
  const escapes: [string, object, RegExp][] = [
    ['its own directory as a client', { client: '.' }, /is the config's own directory/],
    ['a spec outside', { spec: '../escaped.json' }, /lies outside the config's directory/],
    ['an absolute client path elsewhere', { client: tmpdir() }, /lies outside/],
    ['the config itself', { spec: 'escape.json' }, /would overwrite the build's own files/],
    ['another file the build did not write', { spec: 'tf2openapi.config.json' }, /exists and was not written by this build/],
  ];
  for (const [what, output, want] of escapes) {
    it(`refuses ${what} before reading or writing anything`, async () => {
      const bad = join(dir, 'escape.json');
      writeFileSync(bad, JSON.stringify({ models: [{ name: 'x', model: 'models/hpt', ...output }] }));
      const before = snapshot();
      await assert.rejects(build(bad), (e) => isTf2OpenApiError(e) && e.kind === 'OUTPUT_NOT_OURS' && want.test(e.message));
      assert.deepStrictEqual(snapshot(), before);
    });
  }
  it('an entry with only a client, and a client directory the user already filled, refused', async () => {
    const only = join(dir, 'client-only.json');
    writeFileSync(only, JSON.stringify({ models: [{ name: 'c', model: 'models/hpt', client: 'out/only-client' }] }));
    assert.deepStrictEqual((await build(only)).generated, ['c']);
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine/keep.txt'), 'mine');
    writeFileSync(only, JSON.stringify({ models: [{ name: 'c', model: 'models/hpt', client: 'mine' }] }));
    await assert.rejects(build(only), (e) => isTf2OpenApiError(e) && e.kind === 'OUTPUT_NOT_OURS');
    assert.deepStrictEqual(readdirSync(join(dir, 'mine')), ['keep.txt']);
  });
  it('language python per model: a Python package, regenerated when the language changes; v2 with python refused', async () => {
    const py = join(dir, 'python.json');
    writeFileSync(py, JSON.stringify({ models: [{ name: 'p', model: 'models/hpt', client: 'out/py-client', language: 'python' }] }));
    assert.deepStrictEqual((await build(py)).generated, ['p']);
    assert.match(readFileSync(join(dir, 'out/py-client/pyproject.toml'), 'utf8'), /name = "p-tfserving-client"/);
    assert.ok(existsSync(join(dir, 'out/py-client/src/p_tfserving_client/_runtime/check.py')));
    assert.deepStrictEqual((await build(py)).upToDate, ['p']);
    writeFileSync(py, JSON.stringify({ models: [{ name: 'p', model: 'models/hpt', client: 'out/py-client', language: 'python', protocol: 'v2' }] }));
    await assert.rejects(build(py), (e) => isTf2OpenApiError(e) && e.kind === 'USAGE' && /KServe V2 clients are TypeScript/.test(e.message));
  });
  it('docs per model: the page written, up to date after, rebuilt when edited; a V2 page for protocol v2', async () => {
    const cfg = join(dir, 'docs.json');
    writeFileSync(cfg, JSON.stringify({ models: [{ name: 'd', model: 'models/hpt', docs: 'out/d.html' }] }));
    assert.deepStrictEqual((await build(cfg)).generated, ['d']);
    assert.match(readFileSync(join(dir, 'out/d.html'), 'utf8'), /^<!doctype html>/);
    assert.deepStrictEqual((await build(cfg)).upToDate, ['d']);
    writeFileSync(join(dir, 'out/d.html'), 'edited');
    assert.deepStrictEqual((await build(cfg)).generated, ['d']);
    writeFileSync(cfg, JSON.stringify({ models: [{ name: 'v', model: 'models/hpt', docs: 'out/v.html', protocol: 'v2' }] }));
    assert.deepStrictEqual((await build(cfg)).generated, ['v']);
    assert.match(readFileSync(join(dir, 'out/v.html'), 'utf8'), /Open Inference Protocol \(KServe V2\)/);
  });
  it('a bad config is one clear line', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ models: [{ name: 'x', model: 'm', spec: 'out/x.txt' }] }));
    await assert.rejects(build(bad), (e) => isTf2OpenApiError(e) && e.kind === 'BAD_INPUT' && /\/models\/0\/spec/.test(e.message));
    writeFileSync(bad, '{ nope');
    await assert.rejects(build(bad), (e) => isTf2OpenApiError(e) && /not valid JSON/.test(e.message));
  });
  it('protocol v2 per model: the V2 spec and the V2 client package', async () => {
    const v2 = join(dir, 'v2.config.json');
    writeFileSync(v2, JSON.stringify({ models: [{ name: 'hpt_v2', model: 'models/hpt', protocol: 'v2', spec: 'out/hpt.v2.openapi.json' }] }));
    await build(v2);
    const spec = JSON.parse(readFileSync(join(dir, 'out/hpt.v2.openapi.json'), 'utf8'));
    assert.equal(spec['x-tf2openapi'].protocol, 'kserve-v2');
    assert.ok(spec.paths['/v2/models/hpt_v2/infer']);
    writeFileSync(v2, JSON.stringify({ models: [{ name: 'hpt_v2', model: 'models/hpt', protocol: 'v2', client: 'out/v2-client' }] }));
    await build(v2);
    assert.equal(JSON.parse(readFileSync(join(dir, 'out/v2-client/package.json'), 'utf8')).name, 'hpt_v2-v2-client');
    assert.match(readFileSync(join(dir, 'out/v2-client/src/index.ts'), 'utf8'), /extends V2Client<M>/);
  });
});
