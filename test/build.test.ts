// The build-time codegen step: regenerates only what changed, --check names what is stale.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT_CODES, isTf2OpenApiError } from '../src/errors.js';
import { build, STATE_FILE } from '../src/jobs/build.js';
import { FIXTURES, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tf2openapi-build-'));
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
  it('a bad config is one clear line', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ models: [{ name: 'x', model: 'm', spec: 'out/x.txt' }] }));
    await assert.rejects(build(bad), (e) => isTf2OpenApiError(e) && e.kind === 'BAD_INPUT' && /\/models\/0\/spec/.test(e.message));
    writeFileSync(bad, '{ nope');
    await assert.rejects(build(bad), (e) => isTf2OpenApiError(e) && /not valid JSON/.test(e.message));
  });
});
