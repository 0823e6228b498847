// A JSON reader that reads as TF Serving's does (rapidjson 1.1.0 with kParseNanAndInfFlag and
// kParseStopWhenDoneFlag, json_tensor.cc ParseJson) and keeps what JSON.parse loses: whether a
// number is a double to rapidjson (written with a fraction or exponent, or an integer beyond
// int64/uint64: 2.0 is a float feature, 2 an int64 one), its exact digits (int64 beyond 2^53), and
// the bare tokens NaN, Inf and Infinity (optionally negative). Copied into client packages.

/** A plain `number` stands for a token written exactly as JavaScript writes that number
 * (`String(n)` is its text; an integer is not a double to rapidjson, anything else is): most tokens
 * are, and a body of 1e6 numbers then keeps no object per number. `num` gives the full view. */
export type JValue = null | boolean | string | number | JNumber | JValue[] | JObject;
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

/** A number as read: its text is cut from the source only when asked for. A body of 1e6 numbers
 * would otherwise keep 1e6 small strings alive through the parse, which the GC pays for. */
class ReadNumber implements JNumber {
  readonly kind = 'number' as const;
  constructor(
    private readonly src: string,
    private readonly start: number,
    private readonly end: number,
    readonly value: number,
    readonly isDouble: boolean,
  ) {}
  get text(): string {
    return this.src.slice(this.start, this.end);
  }
}

export const isNumber = (v: JValue): v is number | JNumber =>
  typeof v === 'number' || (typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'number');
/** The full view of a number: text, value and rapidjson's IsDouble(). */
export const num = (v: number | JNumber): JNumber =>
  typeof v === 'number' ? { kind: 'number', text: String(v), value: v, isDouble: !Number.isInteger(v) } : v;
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
/** Powers of ten a double holds exactly. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
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
      ws();
      if (text[i] === ']') return (i++, []);
      // A one-item list is common (a [batch, 1] tensor has a million): made at its size, not grown.
      const first = value(depth + 1);
      ws();
      if (text[i] === ']') return (i++, [first]);
      const items: JValue[] = [first];
      for (;;) {
        if (text[i] !== ',') fail("expected ',' or ']'");
        i++;
        items.push(value(depth + 1));
        ws();
        if (text[i] === ']') {
          i++;
          return items;
        }
      }
    }
    if (c === '"') return str();
    const c0 = text.charCodeAt(i);
    // Literals only where their first letter is: a number must not pay for three string compares.
    if (c0 === 116 /* t */ && literal('true')) return true;
    if (c0 === 102 /* f */ && literal('false')) return false;
    if (c0 === 110 /* n */ && literal('null')) return null;
    const afterSign = c0 === 45 /* - */ ? i + 1 : i;
    const first = text.charCodeAt(afterSign);
    if (first === 78 /* N */ || first === 73 /* I */) {
      const special = /^-?(?:NaN|Infinity|Inf)/.exec(text.slice(i, i + 10));
      if (!special) return fail('unexpected character');
      i += special[0].length;
      const t = special[0];
      return { kind: 'number', text: t, value: t.endsWith('NaN') ? NaN : t.startsWith('-') ? -Infinity : Infinity, isDouble: true };
    }
    // A number, scanned by character code: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?. The digits are
    // summed on the way: with at most 15 of them and no exponent, mantissa / 10^fraction is the
    // correctly rounded double (both operands exact), so no string is cut and converted.
    let j = afterSign;
    let mantissa = 0;
    let digits = 0;
    if (first === 48) j++;
    else if (first >= 49 && first <= 57)
      for (let k = first; k >= 48 && k <= 57; k = text.charCodeAt(++j)) {
        mantissa = mantissa * 10 + (k - 48);
        digits++;
      }
    else return fail('unexpected character');
    let isDouble = false;
    let fraction = 0;
    if (text.charCodeAt(j) === 46 /* . */ && isDigit(text.charCodeAt(j + 1))) {
      isDouble = true;
      j++;
      for (let k = text.charCodeAt(j); k >= 48 && k <= 57; k = text.charCodeAt(++j)) {
        mantissa = mantissa * 10 + (k - 48);
        if (mantissa !== 0) digits++;
        fraction++;
      }
    }
    let exponent = false;
    const e = text.charCodeAt(j);
    if (e === 101 || e === 69) {
      let k = j + 1;
      const sign = text.charCodeAt(k);
      if (sign === 43 || sign === 45) k++;
      if (isDigit(text.charCodeAt(k))) {
        isDouble = exponent = true;
        j = k + 1;
        while (isDigit(text.charCodeAt(j))) j++;
      }
    }
    const start = i;
    let n: number;
    /** The token is written as JavaScript writes `n`: the plain number stands for it. */
    let plain: boolean;
    if (!exponent && digits <= 15 && fraction <= 22) {
      n = fraction ? mantissa / POW10[fraction]! : mantissa;
      if (c0 === 45) n = -n;
      // No trailing fraction zero, no -0, not below 1e-6 (where String() turns to an exponent);
      // 15 digits round-trip.
      plain = (fraction === 0 || text.charCodeAt(j - 1) !== 48) && !(c0 === 45 && mantissa === 0) && (fraction === 0 || Math.abs(n) >= 1e-6);
    } else {
      const lexeme = text.slice(i, j);
      n = Number(lexeme);
      if (!Number.isFinite(n)) fail(`number too big to be stored in a double: ${lexeme.length > 40 ? `${lexeme.slice(0, 40)}…` : lexeme}`);
      // Most doubles are written with 16 or 17 digits, as JavaScript writes them: plain too, but not an
      // integer past 2^53 (its IsDouble depends on the 64-bit range, not on how it is written).
      plain = (!Number.isInteger(n) || Math.abs(n) <= Number.MAX_SAFE_INTEGER) && String(n) === lexeme;
      if (!plain && !isDouble) {
        const big = BigInt(lexeme);
        isDouble = big < INT64_MIN || big > UINT64_MAX;
      }
    }
    i = j;
    return plain ? n : new ReadNumber(text, start, j, n, isDouble);
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

/**
 * The quick reading of a whole document: JSON.parse for the structure and one scan of the text for
 * what JSON.parse loses (which numbers were written as integers, duplicate keys, key order, depth).
 * Structure, values and IsDouble are exact; a number's text is JavaScript's writing of its value, not
 * necessarily the token as written, so a caller that reports a number reads the text again with
 * `parseDocument`. Undefined wherever the exact reader is needed to tell: not JSON to JSON.parse (NaN,
 * Infinity, trailing text, empty), a number no double holds, an integer of 16 digits or more (its text decides),
 * a key JavaScript would reorder (an array index) or repeat, nesting past MAX_DEPTH.
 */
export function parseQuick(text: string): JValue | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const scan = scanTokens(text);
  return scan && new QuickWalk(scan).value(parsed);
}

/** What a list holds, as the scan saw it. */
const LIST = {
  /** Only numbers, each surely a plain one: written as an integer of at most 15 digits, or with
   * a fraction that no double rounds to a whole number (see `scanTokens`). Nothing to do. */
  PLAIN: 2,
  /** Only numbers, some of which may need a look (an exponent, a fraction like .0 or .999…). */
  NUMBERS: 1,
  /** Anything else: strings, literals, lists, objects. */
  MIXED: 0,
} as const;

interface Scan {
  /** Per number in document order: 1 if written as an integer, else 0. */
  integers: Uint8Array;
  /** Per list in document order (of its opening bracket): a LIST value. */
  lists: Uint8Array;
  /** Per object in document order (of its opening brace): its key count. */
  keyCounts: number[];
}

/**
 * JSON.parse's value as a JValue, consuming the scan in document order (numbers, lists and objects
 * are met in the order the scan met them). Lists of plain numbers are kept untouched; each kind of
 * list has its own loop, so that no element access sees both lists of doubles and lists of values:
 * V8 would then turn every list of doubles into a list of boxed numbers (three times the memory).
 */
class QuickWalk {
  private n = 0;
  private l = 0;
  private o = 0;
  constructor(private readonly scan: Scan) {}

  value(v: unknown): JValue | undefined {
    if (typeof v === 'number') return this.number(v, this.scan.integers[this.n++] === 1);
    if (Array.isArray(v)) {
      const kind = this.scan.lists[this.l++];
      if (kind === LIST.PLAIN) return ((this.n += v.length), v as number[]);
      return kind === LIST.NUMBERS ? this.numbers(v as number[]) : this.mixed(v);
    }
    if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      if (keys.length !== this.scan.keyCounts[this.o++]) return undefined;
      const entries: [string, JValue][] = new Array(keys.length);
      for (let k = 0; k < keys.length; k++) {
        const y = this.value((v as Record<string, unknown>)[keys[k]!]);
        if (y === undefined) return undefined;
        entries[k] = [keys[k]!, y];
      }
      return { kind: 'object', entries };
    }
    return v as JValue;
  }

  private numbers(v: number[]): JValue[] | undefined {
    const integers = this.scan.integers;
    for (let k = 0; k < v.length; k++) {
      const x = v[k]!;
      const y = this.number(x, integers[this.n++] === 1);
      if (y === undefined) return undefined;
      if (y !== x) (v as JValue[])[k] = y;
    }
    return v;
  }

  private mixed(v: unknown[]): JValue[] | undefined {
    for (let k = 0; k < v.length; k++) {
      const y = this.value(v[k]);
      if (y === undefined) return undefined;
      v[k] = y;
    }
    return v as JValue[];
  }

  private number(v: number, written: boolean): JValue | undefined {
    // Written as an integer: the scan saw at most 15 digits, so the value is exact.
    if (written) return v;
    if (!Number.isFinite(v)) return undefined;
    // Written with a fraction or exponent: a double to rapidjson even when its value is whole.
    return Number.isInteger(v) ? { kind: 'number', text: String(v), value: v, isDouble: true } : v;
  }
}

/**
 * What JSON.parse does not keep, read from text JSON.parse accepted (see `Scan`); undefined for an
 * integer of more than 15 digits, a key that is an array index, or nesting past MAX_DEPTH.
 *
 * A number written with a fraction and no exponent is surely not whole as a double when, of d
 * integer digits (d = 0 for "0.…"), d < 15 and its first 15 - d fraction digits hold a digit
 * other than 0 and one other than 9: its fraction then lies in [10^(d-15), 1 - 10^(d-15)], farther
 * from a whole number than half the spacing of doubles there (under 2.3·10^(d-16)).
 */
function scanTokens(text: string): Scan | undefined {
  let integers: Uint8Array = new Uint8Array(1024);
  let n = 0;
  let lists: Uint8Array = new Uint8Array(256);
  let l = 0;
  const keyCounts: number[] = [];
  // The open containers: an object's index in keyCounts, or ~(a list's index in lists).
  const open: number[] = [];
  let top = 0; // open's last item (meaningless when open is empty)
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i + 1;
      for (i = start; ; i++) {
        const k = text.charCodeAt(i);
        if (k === 92 /* \ */) i++;
        else if (k === 34) break;
      }
      if (open.length === 0) continue;
      if (top < 0) {
        lists[~top] = LIST.MIXED;
        continue;
      }
      let j = i + 1;
      for (let k = text.charCodeAt(j); k === 32 || k === 10 || k === 13 || k === 9; k = text.charCodeAt(++j));
      if (text.charCodeAt(j) !== 58 /* : */) continue;
      keyCounts[top]!++;
      const first = text.charCodeAt(start);
      if (first >= 48 && first <= 57 && isArrayIndex(text.slice(start, i))) return undefined;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (open.length >= MAX_DEPTH) return undefined;
      if (open.length && top < 0) lists[~top] = LIST.MIXED;
      if (c === 123) top = keyCounts.push(0) - 1;
      else {
        if (l === lists.length) lists = grow(lists);
        lists[l] = LIST.PLAIN;
        top = ~l++;
      }
      open.push(top);
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      open.pop();
      top = open.length ? open[open.length - 1]! : 0;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let j = c === 45 ? i + 1 : i;
      const digitsStart = j;
      let k = text.charCodeAt(j);
      for (; k >= 48 && k <= 57; k = text.charCodeAt(++j));
      const intDigits = j - digitsStart;
      let integer = 1;
      let plain = true;
      if (k === 46 /* . */) {
        integer = 0;
        const d = intDigits === 1 && text.charCodeAt(digitsStart) === 48 ? 0 : intDigits;
        const windowEnd = j + 1 + 15 - d;
        let nonZero = false;
        let nonNine = false;
        for (k = text.charCodeAt(++j); k >= 48 && k <= 57; k = text.charCodeAt(++j))
          if (j < windowEnd) {
            if (k !== 48) nonZero = true;
            if (k !== 57) nonNine = true;
          }
        plain = d < 15 && nonZero && nonNine;
      }
      if (k === 101 || k === 69 /* e E */) {
        integer = 0;
        plain = false;
        k = text.charCodeAt(++j);
        if (k === 43 || k === 45) k = text.charCodeAt(++j);
        for (; k >= 48 && k <= 57; k = text.charCodeAt(++j));
      }
      if (integer === 1 && intDigits > 15) return undefined;
      if (n === integers.length) integers = grow(integers);
      integers[n++] = integer;
      if (!plain && open.length && top < 0 && lists[~top] === LIST.PLAIN) lists[~top] = LIST.NUMBERS;
      i = j - 1;
    } else if (c === 116 || c === 102 || c === 110 /* true false null */) {
      if (open.length && top < 0) lists[~top] = LIST.MIXED;
      i += c === 102 ? 4 : 3;
    }
  }
  return { integers, lists, keyCounts };
}

const grow = (a: Uint8Array): Uint8Array => {
  const grown = new Uint8Array(a.length * 2);
  grown.set(a);
  return grown;
};

/** A key JavaScript objects order before all others: a canonical integer below 2^32 - 1. */
const isArrayIndex = (key: string): boolean => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;

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
export function toPlain(v: JValue, number?: (n: JNumber) => unknown): unknown {
  if (typeof v === 'number') return number ? number(num(v)) : v;
  if (Array.isArray(v)) return v.map((x) => toPlain(x, number));
  if (isNumber(v)) return number ? number(v) : v.value;
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
