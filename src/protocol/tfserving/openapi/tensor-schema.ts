// JSON Schema for tensors as TF Serving's JSON codec reads and writes them: nested arrays by
// shape, elements by dtype.
import { BASE64_PATTERN, instanceShape, type JsonValue, type TensorJson } from '../describe.js';
import { ref, type Schema } from '../../../openapi/context.js';

export const BASE64 = 'Base64';
export const NON_FINITE_NOTE = 'TF Serving also reads and writes the bare tokens NaN, Infinity and -Infinity for floating-point values.';

/** Shared component schemas that tensor schemas refer to. */
export function sharedSchemas(): Record<string, Schema> {
  return {
    [BASE64]: {
      type: 'object',
      description: 'Binary data: TF Serving decodes the base64 text into the bytes of one DT_STRING element.',
      properties: { b64: { type: 'string', pattern: BASE64_PATTERN, description: 'standard base64 (A–Z a–z 0–9 + /), padding optional' } },
      required: ['b64'],
      additionalProperties: false,
      example: { b64: 'AAE=' },
    },
  };
}

export function valueSchema(v: JsonValue, side: 'input' | 'output'): Schema {
  switch (v.kind) {
    case 'number':
      // No bounds: a float32 input beyond its range is read as ±Infinity, and outputs may be non-finite.
      return { type: 'number', ...(v.dtype === 'DT_FLOAT' ? { format: 'float' } : { format: 'double' }), description: `${v.dtype}. ${NON_FINITE_NOTE}` };
    case 'integer':
      return v.beyondSafe
        ? {
            type: 'integer',
            format: 'int64',
            ...(v.dtype === 'DT_UINT64' ? { minimum: 0 } : {}),
            // The exact bounds are not JSON Schema numbers any tool reads exactly (±2^63 rounds up).
            description: `${v.dtype}: ${v.dtype === 'DT_INT64' ? '-2^63 … 2^63-1' : '0 … 2^64-1'}; values beyond ±2^53 lose precision in JavaScript and many JSON parsers.`,
          }
        : { type: 'integer', ...(v.dtype === 'DT_INT32' ? { format: 'int32' } : {}), minimum: v.min, maximum: v.max, description: v.dtype };
    case 'boolean':
      return { type: 'boolean', description: v.dtype };
    case 'string':
      if (v.bytesOnly) return ref(BASE64);
      return side === 'input'
        ? { anyOf: [{ type: 'string' }, ref(BASE64)], description: 'DT_STRING: text, or binary as {"b64": …}' }
        : { type: 'string', description: 'DT_STRING' };
  }
}

function nestAny(value: Schema): Schema {
  // Unknown rank: any depth of arrays, all leaves the dtype's value. Expressed without recursion
  // (a fixed depth of 8 covers real tensors) so every tool can render it.
  let s: Schema = value;
  for (let i = 0; i < 8; i++) s = { anyOf: [value, { type: 'array', items: s }] } as Schema;
  return s;
}

export function tensorSchema(t: TensorJson, side: 'input' | 'output', shape: number[] | null = t.shape): Schema {
  const value = valueSchema(t.value, side);
  if (shape === null) return { ...nestAny(value), description: `${t.dtype} tensor of unknown rank` };
  let s = value;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    s = { type: 'array', items: s, ...(d >= 0 ? { minItems: d, maxItems: d } : {}) } as Schema;
  }
  return shape.length ? { ...s, description: `${t.dtype} tensor of shape [${shape.join(', ')}]` } : s;
}

export const instanceSchema = (t: TensorJson, side: 'input' | 'output') => tensorSchema(t, side, instanceShape(t.shape));
