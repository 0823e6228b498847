// TensorFlow's DataType: what each value is, independent of any serving protocol.
import descriptor from './schema.json' with { type: 'json' };

export type DTypeKind = 'float' | 'int' | 'uint' | 'bool' | 'string' | 'complex' | 'quantized' | 'resource' | 'variant' | 'invalid';

export interface DType {
  /** TensorFlow's name, e.g. DT_FLOAT or DT_FLOAT_REF. */
  name: string;
  /** The value type a *_REF dtype refers to (itself for non-reference types). */
  base: string;
  isRef: boolean;
  kind: DTypeKind;
  /** Width in bits of one element, where that is fixed. */
  bits?: number;
}

const KINDS: Record<string, [DTypeKind, number?]> = {
  DT_INVALID: ['invalid'],
  DT_FLOAT: ['float', 32],
  DT_DOUBLE: ['float', 64],
  DT_HALF: ['float', 16],
  DT_BFLOAT16: ['float', 16],
  DT_FLOAT8_E5M2: ['float', 8],
  DT_FLOAT8_E4M3FN: ['float', 8],
  DT_FLOAT8_E4M3FNUZ: ['float', 8],
  DT_FLOAT8_E4M3B11FNUZ: ['float', 8],
  DT_FLOAT8_E5M2FNUZ: ['float', 8],
  DT_INT8: ['int', 8],
  DT_INT16: ['int', 16],
  DT_INT32: ['int', 32],
  DT_INT64: ['int', 64],
  DT_INT4: ['int', 4],
  DT_INT2: ['int', 2],
  DT_UINT8: ['uint', 8],
  DT_UINT16: ['uint', 16],
  DT_UINT32: ['uint', 32],
  DT_UINT64: ['uint', 64],
  DT_UINT4: ['uint', 4],
  DT_UINT2: ['uint', 2],
  DT_BOOL: ['bool', 8],
  DT_STRING: ['string'],
  DT_COMPLEX64: ['complex', 64],
  DT_COMPLEX128: ['complex', 128],
  DT_QINT8: ['quantized', 8],
  DT_QUINT8: ['quantized', 8],
  DT_QINT16: ['quantized', 16],
  DT_QUINT16: ['quantized', 16],
  DT_QINT32: ['quantized', 32],
  DT_RESOURCE: ['resource'],
  DT_VARIANT: ['variant'],
};

/** The name TensorFlow gives a DataType number; unknown numbers (a newer TensorFlow) stay visible. */
export function dtypeName(value: number | string | undefined): string {
  if (value === undefined) return 'DT_INVALID';
  if (typeof value === 'string') return value;
  return NAMES_BY_ID.get(value) ?? `DT_UNKNOWN_${value}`;
}

export function dtype(name: string): DType {
  const isRef = name.endsWith('_REF');
  const base = isRef ? name.slice(0, -4) : name;
  const [kind, bits] = KINDS[base] ?? ['invalid'];
  return { name, base, isRef, kind, ...(bits !== undefined ? { bits } : {}) };
}

/** Every DataType TensorFlow defines, by name. */
export function allDTypeNames(): string[] {
  return Object.keys(DATA_TYPES);
}

// Read from the descriptor JSON, not through protobufjs: naming a dtype must not load it.
const DATA_TYPES = (descriptor as { nested: { tensorflow: { nested: { DataType: { values: Record<string, number> } } } } }).nested.tensorflow.nested.DataType
  .values;
const NAMES_BY_ID = new Map(Object.entries(DATA_TYPES).map(([k, v]) => [v, k]));
