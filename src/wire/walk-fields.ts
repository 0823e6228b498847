// Walks the fields of one protobuf message by their headers alone: the value of a
// length-delimited field is located, not read, so skipping a 1 GB graph_def costs one header.
import { Tf2OpenApiError } from '../errors.js';
import type { ByteWindow } from './byte-window.js';
import { readVarint } from './read-varint.js';

export const WIRE = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;

export interface Field {
  number: number;
  wireType: number;
  /** Offset of the field's tag. */
  offset: number;
  /** Offset of the value (after the length prefix for LEN fields). */
  valueOffset: number;
  /** Length of the value in bytes. */
  valueLength: number;
  /** The decoded value of a VARINT field. */
  varint?: number;
}

/** A message's extent in the source, with a path that names it in error messages. */
export interface Span {
  start: number;
  end: number;
  path: string;
}

const MAX_FIELD_NUMBER = 2 ** 29 - 1;

export async function* walkFields(win: ByteWindow, span: Span): AsyncGenerator<Field> {
  const name = win.source.name;
  let pos = span.start;
  while (pos < span.end) {
    const head = await win.bytes(pos, Math.min(20, span.end - pos));
    const tag = readVarint(head, 0);
    if ('error' in tag) throw varintError(name, span, pos, tag.error, win.size);
    const number = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (number === 0 || number > MAX_FIELD_NUMBER) {
      throw new Tf2OpenApiError('CORRUPT', `${name}: corrupt field tag at offset ${pos} in ${span.path} (field number ${number})`);
    }
    let at = tag.size;
    const field: Field = { number, wireType, offset: pos, valueOffset: 0, valueLength: 0 };
    switch (wireType) {
      case WIRE.VARINT: {
        const v = readVarint(head, at);
        if ('error' in v) throw varintError(name, span, pos + at, v.error, win.size);
        field.varint = v.value;
        field.valueOffset = pos + at;
        field.valueLength = v.size;
        break;
      }
      case WIRE.LEN: {
        const len = readVarint(head, at);
        if ('error' in len) throw varintError(name, span, pos + at, len.error, win.size);
        at += len.size;
        field.valueOffset = pos + at;
        field.valueLength = len.value;
        break;
      }
      case WIRE.I64:
        field.valueOffset = pos + at;
        field.valueLength = 8;
        break;
      case WIRE.I32:
        field.valueOffset = pos + at;
        field.valueLength = 4;
        break;
      default:
        throw new Tf2OpenApiError(
          'CORRUPT',
          `${name}: corrupt field ${number} at offset ${pos} in ${span.path}: wire type ${wireType} is not used by SavedModel`,
        );
    }
    const next = field.valueOffset + field.valueLength;
    if (next > span.end) {
      const kind = next > win.size && span.end === win.size ? 'TRUNCATED' : 'CORRUPT';
      throw new Tf2OpenApiError(
        kind,
        kind === 'TRUNCATED'
          ? `${name}: truncated: field ${number} at offset ${pos} in ${span.path} declares ${field.valueLength} bytes but the file ends ${win.size - field.valueOffset} bytes later`
          : `${name}: corrupt length at offset ${pos}: field ${number} of ${span.path} declares ${field.valueLength} bytes, past the end of its message`,
      );
    }
    yield field;
    pos = next;
  }
}

function varintError(name: string, span: Span, at: number, error: 'truncated' | 'overlong', size: number): Tf2OpenApiError {
  if (error === 'truncated' && span.end === size) {
    return new Tf2OpenApiError('TRUNCATED', `${name}: truncated: the file ends inside a varint at offset ${at} in ${span.path}`);
  }
  return new Tf2OpenApiError('CORRUPT', `${name}: corrupt varint at offset ${at} in ${span.path}`);
}
