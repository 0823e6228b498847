// Base-128 varints as the protobuf wire format writes them. Values are returned as JS numbers:
// exact up to 2^53, which covers every length and field number a real file can hold.

export type VarintResult = { value: number; size: number } | { error: 'truncated' | 'overlong' };

export function readVarint(bytes: Uint8Array, at: number): VarintResult {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (at + i >= bytes.length) return { error: 'truncated' };
    const b = bytes[at + i]!;
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) {
      // The tenth byte may carry only the top bit of a 64-bit value.
      if (i === 9 && b > 1) return { error: 'overlong' };
      return { value, size: i + 1 };
    }
    scale *= 128;
  }
  return { error: 'overlong' };
}

/** For scans over millions of fields: a varint of at most 5 bytes (under 2^35) read with no
 * allocation, its size left in `shortVarintSize`; -1 for anything else (truncated, longer), which the
 * caller hands to `readVarint`'s exact path. */
export function readShortVarint(bytes: Uint8Array, at: number): number {
  // Most keys and lengths are one byte: the header walks of a large graph run this per node.
  if (at < bytes.length && bytes[at]! < 0x80) return ((shortVarintSize = 1), bytes[at]!);
  let value = 0;
  for (let i = 0; i < 5 && at + i < bytes.length; i++) {
    const b = bytes[at + i]!;
    value += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return ((shortVarintSize = i + 1), value);
  }
  return -1;
}
export let shortVarintSize = 0;

/** The bytes of a varint encoding `value` (a non-negative safe integer). */
export function encodeVarint(value: number): Uint8Array {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Uint8Array.from(out);
}
