import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isNumber, isObject, num, parseDocument, parseQuick, type JValue } from './json.js';
import { rng } from '../../../util/rng.js';

/** Number tokens of every form: signs, 1-20 integer digits, 1-25 fraction digits (runs of 0s and 9s
 * among them), exponents. */
function randomTokens(seed: number, count: number): string[] {
  const r = rng(seed);
  const digit = () => (r() < 0.3 ? '0' : r() < 0.45 ? '9' : String(Math.floor(r() * 10)));
  const digits = (n: number, lead = false) => Array.from({ length: n }, (_, k) => (lead && k === 0 ? String(1 + Math.floor(r() * 9)) : digit())).join('');
  const tokens: string[] = [];
  for (let k = 0; k < count; k++) {
    const sign = r() < 0.3 ? '-' : '';
    const int = r() < 0.2 ? '0' : digits(1 + Math.floor(r() * 20), true);
    const frac = r() < 0.6 ? `.${digits(1 + Math.floor(r() * 25))}` : '';
    const exp = r() < 0.2 ? `${r() < 0.5 ? 'e' : 'E'}${['', '+', '-'][Math.floor(r() * 3)]}${1 + Math.floor(r() * 250)}` : '';
    tokens.push(sign + int + frac + exp);
  }
  return tokens;
}

it('numbers: the value Number() gives, the text as written, IsDouble as rapidjson says, over 50,000 random tokens', () => {
  const tokens = randomTokens(42, 50_000);
  const text = `[${tokens.join(',')}]`;
  const values = parseDocument(text).value as JValue[];
  tokens.forEach((t, k) => {
    const raw = values[k]!;
    assert.ok(isNumber(raw));
    // A plain number must be exactly the token as JavaScript writes it.
    if (typeof raw === 'number') assert.equal(String(raw), t);
    const v = num(raw);
    const want = Number(t);
    assert.ok(Object.is(v.value, want), `${t}: ${v.value} vs ${want}`);
    assert.equal(v.text, t);
    const integer = !/[.eE]/.test(t);
    const fits = integer && BigInt(t) >= -(2n ** 63n) && BigInt(t) <= 2n ** 64n - 1n;
    assert.equal(v.isDouble, !fits, t);
  });
});

/** A reading with number texts left out: what the quick reading must give exactly. */
const shape = (v: JValue): unknown => {
  if (Array.isArray(v)) return v.map(shape);
  if (isNumber(v)) {
    const n = num(v);
    return { value: Object.is(n.value, -0) ? '-0' : n.value, isDouble: n.isDouble };
  }
  if (isObject(v)) return { entries: v.entries.map(([k, x]) => [k, shape(x)]), deep: v.deep ?? false };
  return v;
};

it('parseQuick: given/want', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const cases: [string, 'quick' | 'exact'][] = [
    ['[1, 2.5, -3, 0, -0, 1e2, 2.0, 1.5E-3]', 'quick'],
    ['{"instances": [[1.0, 2], [3, 4]], "signature_name": "serving_default"}', 'quick'],
    ['{"__proto__": {"b64": "AA=="}, "constructor": [true, false, null, "x"]}', 'quick'],
    ['{"a": "he said \\"1, 2\\": {"}', 'quick'],
    ['{"a": 1, "a": 2}', 'exact'], // JSON.parse keeps the last value, rapidjson's lookup the first
    ['{"b": 1, "10": 2}', 'exact'], // JavaScript puts "10" first
    ['{"b": 1, "01": 2, "x1": 3}', 'quick'], // not array indexes: order kept
    ['[NaN, -Infinity]', 'exact'],
    ['[1e999]', 'exact'], // no double holds it: rapidjson refuses
    ['[9007199254740993]', 'exact'], // past 2^53: its text decides
    ['[123456789012345]', 'quick'],
    ['{"a": 1} trailing', 'exact'],
    ['', 'exact'],
    [deep(512), 'quick'],
    [deep(513), 'exact'],
  ];
  for (const [text, want] of cases) {
    const quick = parseQuick(text);
    assert.equal(quick === undefined ? 'exact' : 'quick', want, text.slice(0, 60));
    if (quick !== undefined) assert.deepEqual(shape(quick), shape(parseDocument(text).value), text.slice(0, 60));
  }
});

it('parseQuick: the exact reading (values, IsDouble, key order) over 3,000 random documents', () => {
  const r = rng(7);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const numberToken = () =>
    pick([
      '0',
      '-0',
      '1',
      '-17',
      '2.0',
      '1e2',
      '-1.5E-3',
      '0.1',
      '3.14159',
      '255',
      '1e-7',
      '123456789012345',
      '9007199254740993',
      '1e400',
      '0.30000000000000004',
      String(r() * 1e6),
      String(-r()),
    ]);
  const key = () => pick(['a', 'b', 'instances', '__proto__', 'constructor', '1', '01', '4294967295', 'x"y', 'b64', '']);
  const doc = (depth: number): string => {
    const k = r();
    if (depth > 4 || k < 0.4) return pick([numberToken(), numberToken(), '"s"', 'true', 'null', '"\\u00e9"', 'NaN']);
    if (k < 0.7) return `[${Array.from({ length: Math.floor(r() * 4) }, () => doc(depth + 1)).join(', ')}]`;
    return `{${Array.from({ length: Math.floor(r() * 4) }, () => `${JSON.stringify(key())}: ${doc(depth + 1)}`).join(',')}}`;
  };
  let quick = 0;
  for (let k = 0; k < 3000; k++) {
    const text = doc(0);
    const q = parseQuick(text);
    let exact: JValue | undefined;
    try {
      exact = parseDocument(text).value;
    } catch {
      assert.equal(q, undefined, `the exact reader refuses ${text}`);
      continue;
    }
    if (q === undefined) continue;
    quick++;
    assert.deepEqual(shape(q), shape(exact), text);
  }
  assert.ok(quick > 1000, `the quick reading was taken ${quick} times`);
});

it('parseQuick: every number of a list (value and IsDouble) as the exact reading has it, over 200,000 random tokens', () => {
  const edges = [
    '0.99999999999999999',
    '0.9999999999999999',
    '1000000000000000.06',
    '100000000000000.06',
    '99999999999999.99999',
    '2.000',
    '0.0',
    '-0.0',
    '0.000000000000001',
    '0.0000000000000001',
    '1.5e1',
    '123456789012345.5',
  ];
  let quick = 0;
  for (let seed = 0; seed < 40; seed++) {
    // Lists of 5,000, one at a time: a token the quick reading refuses sends only its own list away.
    const tokens = seed === 0 ? edges : randomTokens(seed, 5000).filter((t) => !/^-?\d{16,}$/.test(t) && Number.isFinite(Number(t)));
    const text = `[${tokens.join(',')}]`;
    let exact: JValue;
    try {
      exact = parseDocument(text).value;
    } catch {
      assert.equal(parseQuick(text), undefined);
      continue;
    }
    const q = parseQuick(text);
    if (q === undefined) continue;
    quick++;
    assert.deepEqual(shape(q), shape(exact));
  }
  assert.ok(quick >= 30, `the quick reading was taken for ${quick} of 40 lists`);
});
