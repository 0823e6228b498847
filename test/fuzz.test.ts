// Mutations of real files (bit flips, cuts, splices, random runs) must give a model or one of
// the project's typed errors: never a crash, a hang or an untyped exception.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isTf2OpenApiError } from '../src/errors.js';
import { readSavedModel } from '../src/savedmodel/read.js';
import { BufferSource } from '../src/source/random-access.js';
import { findSavedModels, FIXTURES, HAVE_SHARED, rng, SHARED } from './helpers.js';

function mutate(src: Uint8Array, rand: () => number): Uint8Array {
  const b = src.slice();
  const at = () => Math.floor(rand() * b.length);
  switch (Math.floor(rand() * 5)) {
    case 0: // flip bits
      for (let i = 0; i < 1 + rand() * 8; i++) {
        const j = at();
        b[j] = b[j]! ^ (1 << Math.floor(rand() * 8));
      }
      return b;
    case 1: // cut
      return b.subarray(0, at());
    case 2: // overwrite a run with random bytes
      for (let i = at(), n = 1 + rand() * 16; n > 0 && i < b.length; i++, n--) b[i] = Math.floor(rand() * 256);
      return b;
    case 3: {
      // splice a copy of one region over another
      const from = at(),
        to = at(),
        n = Math.floor(rand() * 64);
      b.set(src.subarray(from, from + n).subarray(0, b.length - to), to);
      return b;
    }
    default: // set a byte to a varint-continuation byte
      b[at()] = 0x80 | Math.floor(rand() * 128);
      return b;
  }
}

describe('fuzz: mutated SavedModels fail only with typed errors', () => {
  const files = [...findSavedModels(FIXTURES), ...(HAVE_SHARED ? findSavedModels(join(SHARED, 'fixtures/savedmodels')).slice(0, 8) : [])];
  for (const file of files) {
    it(file.slice(file.indexOf('fixtures')), async () => {
      const original = new Uint8Array(readFileSync(file));
      const rand = rng(original.length);
      let failed = 0;
      for (let i = 0; i < 150; i++) {
        const bytes = mutate(original, rand);
        try {
          const model = await readSavedModel(new BufferSource(`mutant ${i}`, bytes));
          assert.ok(Array.isArray(model.metaGraphs));
        } catch (e) {
          if (!isTf2OpenApiError(e)) assert.fail(`mutant ${i} of ${file} threw an untyped error: ${(e as Error)?.stack}`);
          failed++;
        }
      }
      assert.ok(failed > 0, 'no mutation was rejected: the mutator is not mutating');
    });
  }
});
