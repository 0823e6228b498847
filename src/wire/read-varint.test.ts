import assert from 'node:assert/strict';
import { it } from 'node:test';
import { encodeVarint, readVarint } from './read-varint.js';

it('round-trips varints up to 2^53', () => {
  for (const v of [0, 1, 127, 128, 300, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
    assert.deepStrictEqual(readVarint(encodeVarint(v), 0), { value: v, size: encodeVarint(v).length });
  }
});

it('tells a cut varint from an overlong one', () => {
  assert.deepStrictEqual(readVarint(Uint8Array.from([0x80, 0x80]), 0), { error: 'truncated' });
  assert.deepStrictEqual(readVarint(Uint8Array.from(Array(11).fill(0xff)), 0), { error: 'overlong' });
  assert.deepStrictEqual(readVarint(Uint8Array.from([...Array(9).fill(0xff), 0x02]), 0), { error: 'overlong' });
  assert.ok('value' in readVarint(Uint8Array.from([...Array(9).fill(0xff), 0x01]), 0));
});
