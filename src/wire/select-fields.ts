// Copies chosen fields of a message out of the source, recursively: the result is a smaller
// message of the same type that protobufjs can decode, holding only what was asked for.
import { Tf2OpenApiError } from '../errors.js';
import type { ByteWindow } from './byte-window.js';
import { encodeVarint } from './read-varint.js';
import { WIRE, walkFields, type Field, type Span } from './walk-fields.js';

/** Field number → keep whole (`true`), or keep only some of that sub-message's fields. */
export interface Selection {
  [field: number]: true | Selection;
  /** Names for error messages, by field number. */
  names?: Record<number, string>;
}

export interface Budget {
  /** Bytes that may still be copied; guards memory against hostile declared sizes. */
  remaining: number;
  what: string;
}

/** `visit` sees every top-level field of the span, kept or not, in the same single walk. */
export async function selectFields(win: ByteWindow, span: Span, sel: Selection, budget: Budget, visit?: (f: Field) => void): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const f of walkFields(win, span)) {
    visit?.(f);
    const want = sel[f.number];
    if (want === undefined) continue;
    if (want === true) {
      const length = f.valueOffset + f.valueLength - f.offset;
      spend(budget, length, win.source.name);
      parts.push(await win.bytes(f.offset, length));
      continue;
    }
    if (f.wireType !== WIRE.LEN) {
      throw new Tf2OpenApiError('CORRUPT', `${win.source.name}: corrupt: field ${f.number} of ${span.path} at offset ${f.offset} should be a message`);
    }
    const path = `${span.path}.${sel.names?.[f.number] ?? f.number}`;
    const inner = await selectFields(win, { start: f.valueOffset, end: f.valueOffset + f.valueLength, path }, want, budget);
    parts.push(encodeVarint(f.number * 8 + WIRE.LEN), encodeVarint(inner.length), inner);
  }
  return concat(parts);
}

function spend(budget: Budget, n: number, name: string): void {
  budget.remaining -= n;
  if (budget.remaining < 0) {
    throw new Tf2OpenApiError('LIMIT_EXCEEDED', `${name}: ${budget.what} is larger than the reader accepts; not a real SavedModel?`);
  }
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!.slice();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
