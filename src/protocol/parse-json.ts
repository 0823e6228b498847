// A JSON reader that keeps what TF Serving's parser (rapidjson with NaN/Inf) sees and
// JSON.parse loses: whether a number was written with a fraction or exponent (2.0 is a float
// feature, 2 an int64 one), its exact digits (int64 beyond 2^53), and the bare tokens NaN,
// Infinity and -Infinity.

export type JValue = null | boolean | string | JNumber | JValue[] | JObject;
export interface JNumber {
  kind: 'number';
  /** The number as written. */
  text: string;
  value: number;
  /** Written with '.', 'e' or as NaN/Infinity: rapidjson's IsDouble(). */
  isDouble: boolean;
}
export interface JObject {
  kind: 'object';
  entries: [string, JValue][];
}

export const isNumber = (v: JValue): v is JNumber => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'number';
export const isObject = (v: JValue): v is JObject => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'object';
export const get = (o: JObject, key: string): JValue | undefined => o.entries.find(([k]) => k === key)?.[1];

export class JsonSyntaxError extends Error {}

const MAX_DEPTH = 512;

export function parseJson(text: string): JValue {
  let i = 0;
  const fail = (what: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new JsonSyntaxError(`${what} at line ${line}, offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => text.startsWith(word, i) && ((i += word.length), true);
  const str = (): string => {
    const end = scanString(text, i);
    if (end < 0) fail('unterminated string');
    try {
      const s = JSON.parse(text.slice(i, end)) as string;
      i = end;
      return s;
    } catch {
      return fail('bad string escape');
    }
  };
  const value = (depth: number): JValue => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, JValue][] = [];
      ws();
      if (text[i] === '}') return (i++, { kind: 'object', entries });
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const k = str();
        ws();
        if (text[i++] !== ':') fail("expected ':'");
        entries.push([k, value(depth + 1)]);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', entries };
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: JValue[] = [];
      ws();
      if (text[i] === ']') return (i++, items);
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return items;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (literal('true')) return true;
    if (literal('false')) return false;
    if (literal('null')) return null;
    for (const [tok, v] of [
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ] as const) {
      if (literal(tok)) return { kind: 'number', text: tok, value: v, isDouble: true };
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return { kind: 'number', text: m[0], value: Number(m[0]), isDouble: m[2] !== undefined || m[3] !== undefined };
  };
  const v = value(0);
  ws();
  if (i < text.length) fail('unexpected text after the JSON value');
  return v;
}

function scanString(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
    else if (c! < ' ') return -1;
  }
  return -1;
}

/** Back to plain JSON values (NaN/Infinity become JS numbers). */
export function toPlain(v: JValue): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (isNumber(v)) return v.value;
  if (isObject(v)) return Object.fromEntries(v.entries.map(([k, x]) => [k, toPlain(x)]));
  return v;
}
