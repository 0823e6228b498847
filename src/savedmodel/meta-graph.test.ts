import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isTf2OpenApiError } from '../errors.js';
import { findMetaGraph, tagsMatch, type MetaGraph } from './meta-graph.js';

it('matches tag sets as sets', () => {
  assert.ok(tagsMatch(['serve', 'gpu'], ['gpu', 'serve']));
  assert.ok(tagsMatch(['serve', 'serve'], ['serve']));
  assert.ok(!tagsMatch(['serve', 'gpu'], ['serve']));
});

it('names the tag sets that exist when none matches', () => {
  const mg = (tags: string[]): MetaGraph => ({ tags, tensorflowVersion: '', tensorflowGitVersion: '', signatures: [] });
  assert.throws(
    () => findMetaGraph([mg(['serve']), mg(['train'])], ['tpu'], 'm.pb'),
    (e) => isTf2OpenApiError(e) && e.kind === 'NO_SUCH_TAGS' && e.message === "m.pb: no meta graph with tags 'tpu'; tag sets: 'serve', 'train'",
  );
});
