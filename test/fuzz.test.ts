// Mutations of real files (bit flips, cuts, splices, random runs) through the whole pipeline (read,
// features, describe, document, YAML, client packages, docs view) must give outputs or one of the
// project's typed errors: never an untyped exception. A few thousand cases here; `npm run fuzz --
// --cases 100000` runs the same harness in a worker with a per-case time limit (README figures).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mutate, pipeline } from './fuzz-harness.js';
import { findSavedModels, FIXTURES, HAVE_SHARED, rng, SHARED } from './helpers.js';

const CASES_PER_FILE = 150;

describe('fuzz: mutated SavedModels through the whole pipeline fail only with typed errors', () => {
  const files = [...findSavedModels(FIXTURES), ...(HAVE_SHARED ? findSavedModels(join(SHARED, 'fixtures/savedmodels')).slice(0, 8) : [])];
  for (const file of files) {
    it(file.slice(file.indexOf('fixtures')), async () => {
      const original = new Uint8Array(readFileSync(file));
      const rand = rng(original.length);
      let typed = 0;
      let ok = 0;
      for (let i = 0; i < CASES_PER_FILE; i++) {
        const bytes = mutate(original, rand);
        try {
          const outcome = await pipeline(bytes, `mutant ${i}`);
          if (outcome.result === 'typed') typed++;
          else ok++;
        } catch (e) {
          assert.fail(`mutant ${i} of ${file} threw an untyped error: ${(e as Error)?.stack}`);
        }
      }
      assert.ok(typed > 0, 'no mutation was rejected: the mutator is not mutating');
      assert.ok(ok > 0, 'no mutant got through: the pipeline past the reader is not exercised');
    });
  }
});
