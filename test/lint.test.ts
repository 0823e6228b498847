// The documents as the ecosystem's linters read them: Redocly's recommended ruleset and Spectral's
// spectral:oas, zero errors on every project and shared model in both OpenAPI versions. (What
// remains are warnings that need facts a SavedModel does not hold: a license, a contact, and the
// localhost default server.) openapi-typescript 7.13 cannot read a schema property named
// "constructor" (its @redocly/openapi-core 1.34 resolver reads inherited keys); 2.x, used here, can.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import spectralRulesets from '@stoplight/spectral-rulesets';
import { generate } from '../src/jobs/generate.js';
import { findSavedModels, FIXTURES, HAVE_SHARED, KFSERVING_PBS, SHARED } from './helpers.js';

const own = ['half_plus_two', 'shapes', 'all_dtypes', 'hostile_names', 'no_default', 'image_classifier'].map((m) => join(FIXTURES, m));
const models = [...own, ...(HAVE_SHARED ? findSavedModels(join(SHARED, 'fixtures/savedmodels')) : []), ...KFSERVING_PBS];
/** Spectral's checks of examples against their schemas are nine tenths of its time (two seconds a
 * document with many signatures): they run on the project's fixtures; the corpus's examples are
 * validated against their schemas by openapi.test.ts (ajv, every model, both versions). */
const EXAMPLE_RULES = ['oas3-valid-media-example', 'oas3-valid-schema-example'];

describe('Redocly (recommended) and Spectral (spectral:oas) find no errors', () => {
  it(`in every document, OpenAPI 3.0 and 3.1 (${models.length} models)`, async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const spectral = new spectralCore.Spectral();
    spectral.setRuleset({ extends: [[spectralRulesets.oas, 'recommended']] } as never);
    const spectralNoExamples = new spectralCore.Spectral();
    spectralNoExamples.setRuleset({
      extends: [[spectralRulesets.oas, 'recommended']],
      rules: Object.fromEntries(EXAMPLE_RULES.map((r) => [r, 'off'])),
    } as never);
    const failures: string[] = [];
    // Models that give the same document (TF Serving's half_plus_two variants) are linted once.
    const seen = new Set<string>();
    for (const model of models) {
      for (const openapi of ['3.0', '3.1'] as const) {
        const text = JSON.stringify((await generate(model, { openapi, name: 'my-model' })).document);
        if (seen.has(text)) continue;
        seen.add(text);
        const where = `${model.slice(model.indexOf('fixtures'))} ${openapi}`;
        for (const p of await lintFromString({ source: text, absoluteRef: 'openapi.json', config }))
          if (p.severity === 'error') failures.push(`${where} redocly ${p.ruleId}: ${p.message}`);
        // Spectral's parser sets a key "__proto__" as the prototype and then crashes (immer's freeze);
        // hostile_names has such keys. Spectral reads a copy with them renamed; Redocly the original.
        const forSpectral = text.replace(/"__proto__"/g, '"__proto__renamed"').replace(/Signature\.__proto__/g, 'Signature.__proto__renamed');
        const linter = own.includes(model) ? spectral : spectralNoExamples;
        for (const p of await linter.run(new spectralCore.Document(forSpectral, spectralParsers.Json, 'openapi.json')))
          if (p.severity === 0) failures.push(`${where} spectral ${p.code}: ${p.message} at ${p.path.join('/')}`);
      }
    }
    assert.deepStrictEqual(failures, []);
  });
});
