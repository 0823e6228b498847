// Given/want: the V2 client's pure pieces (flatten/reshape, the binary tensor data extension's
// layouts). The client against a server is in test/client-v2.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBinary, encodeBytes, flatten, reshape, type Int64Mode } from './client.js';

const le = (...bytes: number[]) => new Uint8Array(bytes);

describe('V2 client runtime', () => {
  it('flatten and reshape are inverse, row-major', () => {
    for (const value of [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [1],
      [[[true]], [[false]]],
      [],
      [[]],
    ]) {
      const { shape, data } = flatten(value as never);
      assert.deepEqual(reshape(data, shape), value, JSON.stringify(value));
    }
    assert.deepEqual(
      flatten([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] },
    );
  });

  const cases: { datatype: string; bytes: Uint8Array; want: unknown[]; int64?: Int64Mode }[] = [
    { datatype: 'BOOL', bytes: le(1, 0, 2), want: [true, false, true] },
    { datatype: 'UINT8', bytes: le(0, 255), want: [0, 255] },
    { datatype: 'INT8', bytes: le(0x80, 0x7f), want: [-128, 127] },
    { datatype: 'UINT16', bytes: le(0xff, 0xff, 1, 0), want: [65535, 1] },
    { datatype: 'INT16', bytes: le(0, 0x80), want: [-32768] },
    // IEEE half: 1, -2, +Inf, the smallest subnormal 2^-24, NaN
    { datatype: 'FP16', bytes: le(0x00, 0x3c, 0x00, 0xc0, 0x00, 0x7c, 0x01, 0x00, 0x01, 0x7e), want: [1, -2, Infinity, 2 ** -24, NaN] },
    // bfloat16 is the high half of a float32: 0x3f80 = 1, 0xc040 = -3
    { datatype: 'BF16', bytes: le(0x80, 0x3f, 0x40, 0xc0), want: [1, -3] },
    { datatype: 'INT32', bytes: le(0xff, 0xff, 0xff, 0xff), want: [-1] },
    { datatype: 'UINT32', bytes: le(0xff, 0xff, 0xff, 0xff), want: [4294967295] },
    { datatype: 'FP32', bytes: le(0, 0, 0xc0, 0x3f), want: [1.5] },
    { datatype: 'FP64', bytes: le(0, 0, 0, 0, 0, 0, 0xf0, 0xbf), want: [-1] },
    // 2^53 + 1 exact as bigint or string; a number rounds it
    { datatype: 'INT64', bytes: le(1, 0, 0, 0, 0, 0, 0x20, 0), want: [9007199254740993n], int64: 'bigint' },
    { datatype: 'INT64', bytes: le(1, 0, 0, 0, 0, 0, 0x20, 0), want: ['9007199254740993'], int64: 'string' },
    { datatype: 'INT64', bytes: le(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), want: [-1] },
    { datatype: 'UINT64', bytes: le(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), want: [18446744073709551615n], int64: 'bigint' },
    { datatype: 'BYTES', bytes: le(2, 0, 0, 0, 0, 0xff, 0, 0, 0, 0), want: [le(0, 0xff), le()] },
  ];
  for (const c of cases)
    it(`binary ${c.datatype}${c.int64 ? ` (int64 ${c.int64})` : ''}`, () =>
      assert.deepStrictEqual(decodeBinary(c.bytes, c.datatype, c.int64 ?? 'number'), c.want));

  it('BYTES encode: 4-byte little-endian length, then the bytes (text as UTF-8); decode reads it back', () => {
    const bytes = encodeBytes(['é', le(1, 2, 3)]);
    assert.deepEqual([...bytes], [2, 0, 0, 0, 0xc3, 0xa9, 3, 0, 0, 0, 1, 2, 3]);
    assert.deepStrictEqual(decodeBinary(bytes, 'BYTES', 'number'), [le(0xc3, 0xa9), le(1, 2, 3)]);
  });

  it('truncated or ragged binary data is a V2Error naming the output', () => {
    for (const [bytes, datatype, why] of [
      [le(5, 0, 0, 0, 1), 'BYTES', /ends inside an element/],
      [le(5, 0), 'BYTES', /ends inside a length/],
      [le(1, 2, 3), 'FP32', /3 bytes is not a whole number of FP32 elements/],
      [le(1), 'COMPLEX', /no binary layout/],
    ] as const)
      assert.throws(
        () => decodeBinary(bytes, datatype, 'number', 'out'),
        (e: Error) => e.name === 'V2Error' && /output "out"/.test(e.message) && why.test(e.message),
      );
  });
});
