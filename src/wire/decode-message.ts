// Decodes protobuf bytes into plain objects from a protobufjs JSON descriptor, without protobufjs:
// loading protobufjs costs more than half of a CLI start, and `inspect` decodes a few small
// messages. The objects match protobufjs's toObject with { longs: Number, enums: String,
// bytes: Array, defaults: false, arrays: true, objects: true }; maps are null-prototype objects (a
// key "__proto__" stays a key). Nesting is bounded; every fault is a typed error. Knows nothing
// of TensorFlow.
import { Tf2OpenApiError } from '../errors.js';
import { readVarint } from './read-varint.js';

export interface FieldDescriptor {
  type: string;
  id: number;
  rule?: 'repeated';
  keyType?: string;
}
export interface Namespace {
  fields?: Record<string, FieldDescriptor>;
  values?: Record<string, number>;
  nested?: Record<string, Namespace>;
}

export const MAX_DEPTH = 64;

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

const SCALARS = new Set([
  'string',
  'bytes',
  'bool',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'float',
  'double',
]);

/** A resolved message type: its fields by number, each with its resolved element type. */
interface MessageType {
  name: string;
  byNumber: Map<number, { name: string; field: FieldDescriptor; message?: MessageType; enumById?: Map<number, string>; mapValue?: Resolved }>;
}
type Resolved = { scalar: string } | { message: MessageType } | { enumById: Map<number, string> };

/** Resolves type names as protobuf does: innermost scope first, then each enclosing one. */
export class Schema {
  private readonly cache = new Map<string, MessageType>();
  constructor(private readonly root: Namespace) {}

  private lookup(scope: string[], name: string): { path: string[]; ns: Namespace } {
    const parts = name.replace(/^\./, '').split('.');
    for (let i = scope.length; i >= 0; i--) {
      let ns: Namespace | undefined = this.root;
      const path = [...scope.slice(0, i)];
      for (const p of path) ns = ns?.nested?.[p];
      for (const p of parts) {
        ns = ns?.nested?.[p];
        path.push(p);
      }
      if (ns) return { path, ns };
    }
    throw new Error(`type ${name} is not in the schema`);
  }

  private resolve(scope: string[], type: string): Resolved {
    if (SCALARS.has(type)) return { scalar: type };
    const { path, ns } = this.lookup(scope, type);
    if (ns.values) return { enumById: new Map(Object.entries(ns.values).map(([k, v]) => [v, k])) };
    return { message: this.message(path.join('.')) };
  }

  message(fullName: string): MessageType {
    const cached = this.cache.get(fullName);
    if (cached) return cached;
    const path = fullName.split('.');
    const { ns } = this.lookup([], fullName);
    const type: MessageType = { name: fullName, byNumber: new Map() };
    this.cache.set(fullName, type);
    for (const [name, field] of Object.entries(ns.fields ?? {})) {
      const r = this.resolve(path, field.type);
      type.byNumber.set(field.id, {
        name,
        field,
        ...(field.keyType ? { mapValue: r } : 'message' in r ? { message: r.message } : 'enumById' in r ? { enumById: r.enumById } : {}),
      });
    }
    return type;
  }
}

/** Decodes `bytes` as message `typeName` (a full name such as "tensorflow.MetaGraphDef"). */
export function decodeMessage(schema: Schema, typeName: string, bytes: Uint8Array, what: string): Record<string, unknown> {
  const corrupt = (at: number, why: string) => new Tf2OpenApiError('CORRUPT', `${what}: corrupt at byte ${at}: ${why}`);
  const varint = (at: number) => {
    const v = readVarint(bytes, at);
    if ('error' in v) throw corrupt(at, v.error === 'truncated' ? 'a varint runs past the end' : 'a varint longer than 10 bytes');
    return v;
  };
  /** A length-delimited value at `pos`: where its bytes start and end, within `end`. */
  const span = (pos: number, end: number, at: number): { start: number; end: number } => {
    const len = varint(pos);
    const start = pos + len.size;
    if (start + len.value > end) throw corrupt(at, 'a length runs past its message');
    return { start, end: start + len.value };
  };
  const int64 = (at: number, end: number, signed: boolean): { value: number; size: number } => {
    let v = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (at + i >= end) throw corrupt(at, 'a varint runs past the end');
      const b = bytes[at + i]!;
      v |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return { value: Number(signed ? BigInt.asIntN(64, v) : BigInt.asUintN(64, v)), size: i + 1 };
      shift += 7n;
    }
    throw corrupt(at, 'a varint longer than 10 bytes');
  };
  const text = new TextDecoder();

  /** One scalar or enum value at `at` (its wire type already checked). */
  const scalar = (type: string, wire: number, at: number, end: number): { value: unknown; next: number } => {
    switch (type) {
      case 'string':
      case 'bytes': {
        if (wire !== WIRE_LEN) throw corrupt(at, `a ${type} with wire type ${wire}`);
        const v = span(at, end, at);
        const slice = bytes.subarray(v.start, v.end);
        return { value: type === 'string' ? text.decode(slice) : Array.from(slice), next: v.end };
      }
      case 'float':
      case 'fixed32':
      case 'sfixed32': {
        if (wire !== WIRE_I32) throw corrupt(at, `a ${type} with wire type ${wire}`);
        if (at + 4 > end) throw corrupt(at, 'a fixed32 runs past its message');
        const dv = new DataView(bytes.buffer, bytes.byteOffset + at, 4);
        return { value: type === 'float' ? dv.getFloat32(0, true) : type === 'fixed32' ? dv.getUint32(0, true) : dv.getInt32(0, true), next: at + 4 };
      }
      case 'double':
      case 'fixed64':
      case 'sfixed64': {
        if (wire !== WIRE_I64) throw corrupt(at, `a ${type} with wire type ${wire}`);
        if (at + 8 > end) throw corrupt(at, 'a fixed64 runs past its message');
        const dv = new DataView(bytes.buffer, bytes.byteOffset + at, 8);
        const value = type === 'double' ? dv.getFloat64(0, true) : Number(type === 'fixed64' ? dv.getBigUint64(0, true) : dv.getBigInt64(0, true));
        return { value, next: at + 8 };
      }
      case 'int64':
      case 'uint64':
      case 'sint64': {
        if (wire !== WIRE_VARINT) throw corrupt(at, `a ${type} with wire type ${wire}`);
        const v = int64(at, end, type === 'int64');
        const value = type === 'sint64' ? Number(((BigInt(v.value) >> 1n) ^ -(BigInt(v.value) & 1n)) as bigint) : v.value;
        return { value, next: at + v.size };
      }
      default: {
        // int32, uint32, sint32, bool, enums: varints.
        if (wire !== WIRE_VARINT) throw corrupt(at, `a ${type} with wire type ${wire}`);
        const v = int64(at, end, true);
        const n = v.value;
        const value = type === 'bool' ? n !== 0 : type === 'uint32' ? n >>> 0 : type === 'sint32' ? (n >>> 1) ^ -(n & 1) : n | 0;
        return { value, next: at + v.size };
      }
    }
  };

  const decode = (type: MessageType, start: number, end: number, depth: number): Record<string, unknown> => {
    if (depth > MAX_DEPTH) throw new Tf2OpenApiError('LIMIT_EXCEEDED', `${what}: messages nested more than ${MAX_DEPTH} deep`);
    const out: Record<string, unknown> = {};
    let pos = start;
    while (pos < end) {
      const tag = varint(pos);
      const at = pos;
      pos += tag.size;
      const number = Math.floor(tag.value / 8);
      const wire = tag.value % 8;
      if (number === 0) throw corrupt(at, 'field number 0');
      const f = type.byNumber.get(number);
      if (!f) {
        pos = skip(wire, pos, end, at);
        continue;
      }
      const { field, name } = f;
      if (field.keyType) {
        // A map entry: key = 1, value = 2.
        if (wire !== WIRE_LEN) throw corrupt(at, `map ${name} with wire type ${wire}`);
        const { start: s, end: e } = span(pos, end, at);
        let key: unknown = field.keyType === 'string' ? '' : 0;
        let value: unknown;
        let p = s;
        while (p < e) {
          const t = varint(p);
          const tagAt = p;
          p += t.size;
          const n = Math.floor(t.value / 8);
          const w = t.value % 8;
          if (n === 1) ({ value: key, next: p } = scalar(field.keyType, w, p, e));
          else if (n === 2) {
            const mv = f.mapValue!;
            if ('message' in mv) {
              if (w !== WIRE_LEN) throw corrupt(tagAt, `map value with wire type ${w}`);
              const v = span(p, e, tagAt);
              value = decode(mv.message, v.start, v.end, depth + 1);
              p = v.end;
            } else if ('enumById' in mv) {
              const r = scalar('int32', w, p, e);
              value = mv.enumById.get(r.value as number) ?? r.value;
              p = r.next;
            } else ({ value, next: p } = scalar(mv.scalar, w, p, e));
          } else p = skip(w, p, e, tagAt);
        }
        const map = (out[name] ??= Object.create(null)) as Record<string, unknown>;
        map[String(key)] = value ?? ('message' in f.mapValue! ? {} : undefined);
        pos = e;
        continue;
      }
      const put = (v: unknown) => {
        if (field.rule === 'repeated') ((out[name] ??= []) as unknown[]).push(v);
        else out[name] = v;
      };
      if (f.message) {
        if (wire !== WIRE_LEN) throw corrupt(at, `message ${name} with wire type ${wire}`);
        const v = span(pos, end, at);
        // A singular message field given twice merges, as protobuf does; real files write it once.
        put(decode(f.message, v.start, v.end, depth + 1));
        pos = v.end;
        continue;
      }
      const elementType = f.enumById ? 'int32' : field.type;
      const asValue = (v: unknown) => (f.enumById ? (f.enumById.get(v as number) ?? v) : v);
      if (wire === WIRE_LEN && field.rule === 'repeated' && elementType !== 'string' && elementType !== 'bytes') {
        // Packed repeated scalars.
        const { start: s, end: e } = span(pos, end, at);
        const w =
          elementType === 'float' || elementType === 'fixed32' || elementType === 'sfixed32'
            ? WIRE_I32
            : elementType === 'double' || elementType.startsWith('fixed') || elementType === 'sfixed64'
              ? WIRE_I64
              : WIRE_VARINT;
        for (let p = s; p < e;) {
          const r = scalar(elementType, w, p, e);
          put(asValue(r.value));
          p = r.next;
        }
        if (!out[name]) out[name] = [];
        pos = e;
        continue;
      }
      const r = scalar(elementType, wire, pos, end);
      put(asValue(r.value));
      pos = r.next;
    }
    if (pos !== end) throw corrupt(pos, 'a field runs past its message');
    return out;
  };

  const skip = (wire: number, pos: number, end: number, at: number): number => {
    switch (wire) {
      case WIRE_VARINT:
        return pos + varint(pos).size;
      case WIRE_I64:
        return pos + 8;
      case WIRE_I32:
        return pos + 4;
      case WIRE_LEN:
        return span(pos, end, at).end;
      default:
        throw corrupt(at, `wire type ${wire}`);
    }
  };

  return decode(schema.message(typeName), 0, bytes.length, 0);
}
