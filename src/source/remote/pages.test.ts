import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isTf2OpenApiError } from '../../errors.js';
import { pageGuard } from './pages.js';

it('page tokens: new ones pass, the end is undefined or empty, a repeat or too many pages is an IO error', () => {
  const next = pageGuard('gs://b/m', 3);
  assert.equal(next('a'), 'a');
  assert.equal(next(undefined), undefined);
  assert.equal(next(''), undefined);
  assert.throws(
    () => next('a'),
    (e) => isTf2OpenApiError(e) && e.kind === 'IO' && /gs:\/\/b\/m: .*came back a second time/.test(e.message),
  );
  assert.equal(next('b'), 'b');
  assert.throws(
    () => next('c'),
    (e) => isTf2OpenApiError(e) && /passed 3 pages/.test(e.message),
  );
});
