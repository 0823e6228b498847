// The README documents every exit code the CLI can return, and its two commands stay true.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { EXIT_CODES } from '../src/errors.js';
import { ROOT } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

it('documents every exit code', () => {
  for (const [kind, code] of Object.entries(EXIT_CODES)) assert.match(readme, new RegExp(`^\\| ${code} \\|`, 'm'), `${kind} (${code})`);
});

it('shows the install + main job command and the test command, and .ci/run runs the latter', () => {
  assert.match(readme, /^npm ci && npx tf2openapi generate fixtures\/half_plus_two /m);
  assert.match(readme, /^npm ci && npm test$/m);
  assert.match(readFileSync(join(ROOT, '.ci/run'), 'utf8'), /^npm ci && npm test$/m);
});
