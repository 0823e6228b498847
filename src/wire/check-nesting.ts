// protobufjs decodes sub-messages by recursion, so a hostile file nesting messages thousands deep
// (TensorInfo.components can) would exhaust the stack. This walks the same bytes with an explicit
// stack first and rejects depth beyond a limit no real SavedModel comes near.
import protobuf from 'protobufjs/light.js';
import { Tf2OpenApiError } from '../errors.js';
import { readVarint } from './read-varint.js';
import { WIRE } from './walk-fields.js';

export const MAX_NESTING = 64;

type Frame = { end: number; type: protobuf.Type | 'entry'; value?: protobuf.Type };

export function checkNesting(bytes: Uint8Array, type: protobuf.Type, what: string, max = MAX_NESTING): void {
  const stack: Frame[] = [{ end: bytes.length, type }];
  let pos = 0;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (pos >= top.end) {
      stack.pop();
      continue;
    }
    const tag = readVarint(bytes, pos);
    if ('error' in tag) throw corrupt(what, pos);
    pos += tag.size;
    const number = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    if (wire === WIRE.VARINT) {
      const v = readVarint(bytes, pos);
      if ('error' in v) throw corrupt(what, pos);
      pos += v.size;
    } else if (wire === WIRE.I64) pos += 8;
    else if (wire === WIRE.I32) pos += 4;
    else if (wire === WIRE.LEN) {
      const len = readVarint(bytes, pos);
      if ('error' in len) throw corrupt(what, pos);
      pos += len.size;
      const end = pos + len.value;
      if (end > top.end) throw corrupt(what, pos);
      const child = childFrame(top, number, end);
      if (child) {
        if (stack.length >= max) {
          throw new Tf2OpenApiError('LIMIT_EXCEEDED', `${what}: messages nested deeper than ${max} levels`);
        }
        stack.push(child);
      } else pos = end;
    } else throw corrupt(what, pos);
    if (pos > top.end) throw corrupt(what, pos);
  }
}

function childFrame(top: Frame, number: number, end: number): Frame | undefined {
  if (top.type === 'entry') return number === 2 && top.value ? { end, type: top.value } : undefined;
  const field = top.type.fieldsById[number];
  if (!field) return undefined;
  const resolved = field.resolve().resolvedType;
  const message = resolved instanceof protobuf.Type ? resolved : undefined;
  if (field instanceof protobuf.MapField) return { end, type: 'entry', ...(message ? { value: message } : {}) };
  return message ? { end, type: message } : undefined;
}

function corrupt(what: string, pos: number): Tf2OpenApiError {
  return new Tf2OpenApiError('CORRUPT', `${what}: corrupt protobuf at byte ${pos}`);
}
