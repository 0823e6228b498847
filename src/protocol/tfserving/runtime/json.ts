// A JSON reader that reads as TF Serving's does (rapidjson 1.1.0 with kParseNanAndInfFlag and
// kParseStopWhenDoneFlag, json_tensor.cc ParseJson) and keeps what JSON.parse loses: whether a
// number is a double to rapidjson (written with a fraction or exponent, or an integer beyond
// int64/uint64: 2.0 is a float feature, 2 an int64 one), its exact digits (int64 beyond 2^53), and
// the bare tokens NaN, Inf and Infinity (optionally negative). Copied into client packages.

export type JValue = null | boolean | string | JNumber | JValue[] | JObject;
export interface JNumber {
  kind: 'number';
  /** The number as written. */
  text: string;
  value: number;
  /** rapidjson's IsDouble(): written with '.', 'e', as NaN/Inf, or an integer no 64-bit type holds. */
  isDouble: boolean;
}
export interface JObject {
  kind: 'object';
  entries: [string, JValue][];
  /** A value nested deeper than MAX_DEPTH: checked for syntax only, its content not kept. */
  deep?: true;
}

export const isNumber = (v: JValue): v is JNumber => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'number';
export const isObject = (v: JValue): v is JObject => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'object';
export const get = (o: JObject, key: string): JValue | undefined => o.entries.find(([k]) => k === key)?.[1];

export class JsonSyntaxError extends Error {}

/** rapidjson parses iteratively, at any depth; past this one the value is skipped, not kept (no
 * tensor has more than 254 dimensions, so such a value is never a valid one). */
const MAX_DEPTH = 512;

/** Parses one JSON value; text after it is an error. */
export function parseJson(text: string): JValue {
  const { value, end } = parseDocument(text);
  if (text.slice(end).trim() !== '') throw new JsonSyntaxError(`unexpected text after the JSON value at offset ${end}`);
  return value;
}

const isDigit = (k: number) => k >= 48 && k <= 57;
const INT64_MIN = -9223372036854775808n;
const UINT64_MAX = 18446744073709551615n;

/**
 * Parses the first JSON value in the text as TF Serving does: `end` is where it stopped (rapidjson
 * stops when the root value is done, so anything after it is ignored, not refused). Numbers too big
 * for a double are refused ("Number too big to be stored in double").
 */
export function parseDocument(text: string): { value: JValue; end: number } {
  let i = 0;
  const fail = (what: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new JsonSyntaxError(`${what} at line ${line}, offset ${i}`);
  };
  const ws = () => {
    for (let k = text.charCodeAt(i); k === 32 || k === 10 || k === 13 || k === 9; k = text.charCodeAt(++i));
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
    ws();
    if (depth > MAX_DEPTH) return skipDeep();
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
    const c0 = text.charCodeAt(i);
    const afterSign = c0 === 45 /* - */ ? i + 1 : i;
    const first = text.charCodeAt(afterSign);
    if (first === 78 /* N */ || first === 73 /* I */) {
      const special = /^-?(?:NaN|Infinity|Inf)/.exec(text.slice(i, i + 10));
      if (!special) return fail('unexpected character');
      i += special[0].length;
      const t = special[0];
      return { kind: 'number', text: t, value: t.endsWith('NaN') ? NaN : t.startsWith('-') ? -Infinity : Infinity, isDouble: true };
    }
    // A number, scanned by character code: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
    let j = afterSign;
    if (first === 48) j++;
    else if (first >= 49 && first <= 57) while (isDigit(text.charCodeAt(j))) j++;
    else return fail('unexpected character');
    let isDouble = false;
    if (text.charCodeAt(j) === 46 /* . */ && isDigit(text.charCodeAt(j + 1))) {
      isDouble = true;
      j += 2;
      while (isDigit(text.charCodeAt(j))) j++;
    }
    const e = text.charCodeAt(j);
    if (e === 101 || e === 69) {
      let k = j + 1;
      const sign = text.charCodeAt(k);
      if (sign === 43 || sign === 45) k++;
      if (isDigit(text.charCodeAt(k))) {
        isDouble = true;
        j = k + 1;
        while (isDigit(text.charCodeAt(j))) j++;
      }
    }
    const lexeme = text.slice(i, j);
    const n = Number(lexeme);
    if (!Number.isFinite(n)) fail(`number too big to be stored in a double: ${lexeme.length > 40 ? `${lexeme.slice(0, 40)}…` : lexeme}`);
    i = j;
    if (!isDouble && (lexeme.length > 15 || !Number.isSafeInteger(n))) {
      const big = BigInt(lexeme);
      isDouble = big < INT64_MIN || big > UINT64_MAX;
    }
    return { kind: 'number', text: lexeme, value: n, isDouble };
  };
  /** Steps over one value without recursion, checking its structure and tokens. */
  const skipDeep = (): JValue => {
    const stack: string[] = [];
    const key = () => {
      ws();
      if (text[i] !== '"') fail('expected a key');
      str();
      ws();
      if (text[i++] !== ':') fail("expected ':'");
    };
    for (;;) {
      ws();
      const c = text[i];
      if (c === '[' || c === '{') {
        const close = c === '[' ? ']' : '}';
        i++;
        ws();
        if (text[i] === close) i++;
        else {
          stack.push(close);
          if (close === '}') key();
          continue;
        }
      } else if (c === '"') str();
      else value(0);
      // After a complete value: close what ends here, then expect the next item.
      for (;;) {
        if (stack.length === 0) return { kind: 'object', entries: [], deep: true };
        ws();
        const close = stack[stack.length - 1]!;
        if (text[i] === close) {
          i++;
          stack.pop();
          continue;
        }
        if (text[i] !== ',') fail(`expected ',' or '${close}'`);
        i++;
        if (close === '}') key();
        break;
      }
    }
  };
  ws();
  if (i >= text.length) fail('the document is empty');
  const v = value(0);
  return { value: v, end: i };
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

/** Back to plain JSON values (NaN/Infinity become JS numbers, or what `number` makes of each). Keys
 * are own properties, `__proto__` included. */
export function toPlain(v: JValue, number: (n: JNumber) => unknown = (n) => n.value): unknown {
  if (Array.isArray(v)) return v.map((x) => toPlain(x, number));
  if (isNumber(v)) return number(v);
  if (isObject(v)) return Object.fromEntries(v.entries.map(([k, x]) => [k, toPlain(x, number)]));
  return v;
}

/** Marks a number to be written as a bare token by `writeJson`: its text follows the marker. */
export const NUMBER_TOKEN = '\u0001tf2openapi:';

/** A request body as a server must read it: bigints, and strings NUMBER_TOKEN marks, as number tokens. */
export function writeJson(body: unknown): string {
  let marked = false;
  const text = JSON.stringify(body, (_key, v: unknown) => {
    if (typeof v === 'bigint') return ((marked = true), `${NUMBER_TOKEN}${v}`);
    if (typeof v === 'string' && v.startsWith(NUMBER_TOKEN)) marked = true;
    return v;
  });
  return marked ? text.replace(/"\\u0001tf2openapi:(-?[\d.]+)"/g, '$1') : text;
}
