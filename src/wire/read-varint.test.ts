import assert from 'node:assert/strict';
import { it } from 'node:test';
import { encodeVarint, readShortVarint, readVarint, shortVarintSize } from './read-varint.js';

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

it('the short reader agrees with readVarint up to 5 bytes and gives -1 for the rest', () => {
  for (const v of [0, 1, 127, 128, 300, 2 ** 21, 2 ** 28 - 1, 2 ** 31, 2 ** 35 - 1]) {
    const bytes = Uint8Array.from([7, ...encodeVarint(v)]);
    assert.equal(readShortVarint(bytes, 1), v, String(v));
    assert.equal(shortVarintSize, (readVarint(bytes, 1) as { size: number }).size, String(v));
  }
  assert.equal(readShortVarint(encodeVarint(2 ** 35), 0), -1, 'six bytes');
  assert.equal(readShortVarint(Uint8Array.from([0x80, 0x80]), 0), -1, 'truncated');
});
