import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { isTf2OpenApiError } from '../errors.js';
import { resolveModel } from './resolve.js';
import { localStore } from './store.js';

const base = mkdtempSync(join(tmpdir(), 'tf2openapi-resolve-'));
after(() => rmSync(base, { recursive: true, force: true }));
for (const v of ['9', '00000123', '10']) {
  mkdirSync(join(base, v));
  writeFileSync(join(base, v, 'saved_model.pb'), '');
}
mkdirSync(join(base, '77')); // a version directory still being written: no saved_model.pb yet
mkdirSync(join(base, 'assets'));

it('picks the numerically highest version that holds a SavedModel', async () => {
  const r = await resolveModel(localStore, base);
  assert.equal(r.version, '00000123');
  assert.deepStrictEqual(r.versions, ['9', '10', '77', '00000123']);
});

it('matches --version by value', async () => {
  assert.equal((await resolveModel(localStore, base, { version: 10 })).file, join(base, '10', 'saved_model.pb'));
  assert.equal((await resolveModel(localStore, base, { version: '123' })).version, '00000123');
  await assert.rejects(
    resolveModel(localStore, base, { version: 77 }),
    (e) => isTf2OpenApiError(e) && e.kind === 'NO_SUCH_VERSION' && e.message.endsWith('versions: 9, 10, 00000123'),
  );
});

it('takes a SavedModel directory or file directly', async () => {
  assert.equal((await resolveModel(localStore, join(base, '9'))).file, join(base, '9', 'saved_model.pb'));
  assert.deepStrictEqual(await resolveModel(localStore, join(base, '9', 'saved_model.pb')), { file: join(base, '9', 'saved_model.pb'), versions: [] });
});
