// The committed example outputs in golden/ are what the tool writes today (npm run golden if not).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GOLDEN_DIR, goldenFiles } from '../scripts/golden.js';

describe('golden outputs', async () => {
  const files = await goldenFiles();
  for (const [rel, text] of Object.entries(files)) {
    it(`golden/${rel} is up to date (run npm run golden if not)`, () => {
      assert.equal(readFileSync(join(GOLDEN_DIR, rel), 'utf8'), text);
    });
  }
});
