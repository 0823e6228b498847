import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isNumber, num, parseDocument, type JValue } from './json.js';
import { rng } from '../../../util/rng.js';

it('numbers: the value Number() gives, the text as written, IsDouble as rapidjson says, over 50,000 random tokens', () => {
  const r = rng(42);
  const digits = (n: number, lead = false) => Array.from({ length: n }, (_, k) => String(Math.floor(r() * 10) || (lead && k === 0 ? 1 : 0))).join('');
  const tokens: string[] = [];
  for (let k = 0; k < 50_000; k++) {
    const sign = r() < 0.3 ? '-' : '';
    const int = r() < 0.2 ? '0' : digits(1 + Math.floor(r() * 20), true);
    const frac = r() < 0.6 ? `.${digits(1 + Math.floor(r() * 25))}` : '';
    const exp = r() < 0.2 ? `${r() < 0.5 ? 'e' : 'E'}${['', '+', '-'][Math.floor(r() * 3)]}${1 + Math.floor(r() * 250)}` : '';
    tokens.push(sign + int + frac + exp);
  }
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
