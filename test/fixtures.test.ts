// The project's own fixtures: written by its encoder, read back exactly, committed up to date.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES as MODELS } from '../fixtures/models.js';
import { encodeSavedModel } from '../src/savedmodel/encode.js';
import { loadModel } from '../src/savedmodel/load-model.js';
import { FIXTURES } from './helpers.js';

describe('project fixtures', () => {
  for (const [path, spec] of Object.entries(MODELS)) {
    const file = join(FIXTURES, path, 'saved_model.pb');
    it(`${path} is committed as the encoder writes it (run npm run fixtures if not)`, () => {
      assert.ok(Buffer.from(encodeSavedModel(spec)).equals(readFileSync(file)));
    });
    it(`${path} reads back as written`, async () => {
      const { model } = await loadModel(file);
      assert.equal(model.metaGraphs.length, spec.metaGraphs.length);
      spec.metaGraphs.forEach((want, i) => {
        const got = model.metaGraphs[i]!;
        assert.deepStrictEqual(got.tags, want.tags);
        assert.equal(got.tensorflowVersion, want.tensorflowVersion);
        assert.equal(!!got.graphDef, !!want.graphDef);
        const norm = (sigs: typeof want.signatures) =>
          sigs
            .map((s) => ({
              key: s.key,
              methodName: s.methodName,
              inputs: [...s.inputs].sort((a, b) => (a.alias < b.alias ? -1 : 1)),
              outputs: [...s.outputs].sort((a, b) => (a.alias < b.alias ? -1 : 1)),
              defaults: s.defaults,
            }))
            .sort((a, b) => (a.key < b.key ? -1 : 1));
        assert.deepStrictEqual(norm(got.signatures), norm(want.signatures));
      });
    });
  }
  it('every DataType TensorFlow defines survives a round trip', async () => {
    const { model } = await loadModel(join(FIXTURES, 'all_dtypes'));
    const dtypes = model.metaGraphs[0]!.signatures.find((s) => s.key === 'serving_default')!.inputs.map((t) => t.dtype);
    assert.ok(dtypes.includes('DT_UINT2_REF') && dtypes.includes('DT_FLOAT8_E4M3B11FNUZ') && dtypes.includes('DT_VARIANT'));
    assert.equal(dtypes.length, 64);
  });
  it('the model base picks the highest version, or the one asked for', async () => {
    assert.equal((await loadModel(join(FIXTURES, 'half_plus_two'))).resolved.version, '00000124');
    assert.equal((await loadModel(join(FIXTURES, 'half_plus_two'), { version: 123 })).resolved.version, '00000123');
  });
});
