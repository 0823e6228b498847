import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isTf2OpenApiError } from '../errors.js';
import { BufferSource, type RandomAccess } from '../source/random-access.js';
import { ByteWindow } from './byte-window.js';
import { walkFields } from './walk-fields.js';

it('locates a large length-delimited value without reading it', async () => {
  // field 1 varint 1; field 2 LEN of 1 MiB; field 5 LEN "ab".
  const big = 1 << 20;
  const head = Uint8Array.from([0x08, 0x01, 0x12, 0x80, 0x80, 0x40]);
  const bytes = new Uint8Array(head.length + big + 4);
  bytes.set(head);
  bytes.set([0x2a, 0x02, 0x61, 0x62], head.length + big);
  let read = 0;
  const inner = new BufferSource('mem', bytes);
  const counting: RandomAccess = { name: 'mem', size: bytes.length, read: (o, l) => ((read += l), inner.read(o, l)), close: async () => {} };
  const fields = [];
  for await (const f of walkFields(new ByteWindow(counting, 4096), { start: 0, end: bytes.length, path: 'm' })) fields.push(f);
  assert.deepStrictEqual(
    fields.map((f) => [f.number, f.wireType, f.valueLength]),
    [
      [1, 0, 1],
      [2, 2, big],
      [5, 2, 2],
    ],
  );
  assert.ok(read <= 2 * 4096, `read ${read} bytes`);
});

it('rejects field number 0', async () => {
  const win = new ByteWindow(new BufferSource('m', Uint8Array.from([0x00, 0x01])));
  await assert.rejects(
    async () => {
      for await (const _ of walkFields(win, { start: 0, end: 2, path: 'm' }));
    },
    (e) => isTf2OpenApiError(e) && e.kind === 'CORRUPT',
  );
});
