// Random request bodies (valid JSON of any shape, and mutated valid requests) never crash the TF
// Serving checker: every outcome is a list of problems with pointers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { generate } from '../src/jobs/generate.js';
import { validateText } from '../src/jobs/validate.js';
import { FIXTURES, rng } from './helpers.js';

function randomJson(rand: () => number, keys: string[], depth = 0): unknown {
  const r = rand();
  if (depth > 5 || r < 0.3) {
    const leaves = [null, true, false, 0, -1, 1.5, 2 ** 60, 'x', '', { b64: 'AAE=' }, { b64: '!!' }];
    return leaves[Math.floor(rand() * leaves.length)];
  }
  if (r < 0.65) return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, keys, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [keys[Math.floor(rand() * keys.length)]!, randomJson(rand, keys, depth + 1)]));
}

for (const model of ['half_plus_two', 'hostile_names', 'no_default', 'shapes', 'all_dtypes']) {
  it(`${model}: 500 random bodies give problems, never an exception`, async () => {
    const g = await generate(join(FIXTURES, model));
    const keys = ['instances', 'inputs', 'signature_name', 'examples', 'context', ...g.api.signatures.flatMap((s) => [s.key, ...s.inputs.map((t) => t.alias)])];
    const rand = rng(model.length);
    for (let i = 0; i < 500; i++) {
      const body =
        rand() < 0.5
          ? randomJson(rand, keys)
          : {
              signature_name: g.api.signatures[Math.floor(rand() * g.api.signatures.length)]?.key,
              [rand() < 0.5 ? 'instances' : 'inputs']: randomJson(rand, keys),
            };
      for (const method of ['predict', 'classify', 'regress'] as const) {
        const r = validateText(JSON.stringify(body), g.api, method);
        for (const p of r.problems) assert.ok(typeof p.pointer === 'string' && p.message.length > 0);
      }
    }
  });
}
