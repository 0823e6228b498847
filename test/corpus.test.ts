// Every real SavedModel in ../shared read and compared with what an independent decoder read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { toReferenceJson } from '../src/emitters/reference-json.js';
import { isTf2OpenApiError } from '../src/errors.js';
import { loadModel } from '../src/savedmodel/load-model.js';
import { findSavedModels, HAVE_SHARED, KFSERVING_PBS, runCli, SHARED, SHARED_SKIP } from './helpers.js';

describe('real SavedModels in ../shared/fixtures/savedmodels match reference.json', { skip: SHARED_SKIP }, () => {
  const files = findSavedModels(join(SHARED, 'fixtures/savedmodels'));
  it('finds the corpus', () => assert.ok(files.length >= 10, `only ${files.length} models found`));
  for (const file of files) {
    it(relative(SHARED, file), async () => {
      const { model } = await loadModel(file);
      const expected = JSON.parse(readFileSync(join(dirname(file), 'reference.json'), 'utf8'));
      assert.deepStrictEqual(toReferenceJson(model), expected);
    });
  }
  it('inspect --json prints the reference format', () => {
    const dir = join(SHARED, 'fixtures/savedmodels/tfserving-saved_model_half_plus_two_2_versions');
    const r = runCli(['inspect', dir, '--json', '--version', '123']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout), JSON.parse(readFileSync(join(dir, '00000123/reference.json'), 'utf8')));
  });
});

describe("KFServing tf2openapi's test SavedModels", { skip: SHARED_SKIP }, () => {
  const dir = join(SHARED, 'fixtures/kfserving-tf2openapi');
  for (const pb of KFSERVING_PBS) {
    const name = basename(pb, '.pb');
    it(`${name}.pb reads with a serve meta graph`, async () => {
      const { model } = await loadModel(pb);
      assert.ok(model.metaGraphs.some((mg) => mg.tags.includes('serve')));
      assert.ok(model.metaGraphs.every((mg) => mg.signatures.length > 0));
    });
  }
  it('TestInvalidSavedModel.pb is rejected as not a SavedModel', async () => {
    await assert.rejects(loadModel(join(dir, 'TestInvalidSavedModel.pb')), (e) => isTf2OpenApiError(e) && e.kind === 'NOT_A_SAVED_MODEL');
  });
});
