import assert from 'node:assert/strict';
import { it } from 'node:test';
import { commentText, jsLiteral, quotedComment } from './escape.js';
import { tsType, typeNames } from './view.js';

// given (a model string), want (what lands in the generated source)
const LITERALS: [string, string][] = [
  ['plain', '"plain"'],
  ['quote"d', '"quote\\"d"'],
  ['line\u2028sep', '"line\\u2028sep"'],
  ['para\u2029sep', '"para\\u2029sep"'],
  ['</script>', '"</script>"'],
  ['__proto__', '"__proto__"'],
];
it('jsLiteral: JSON, with U+2028/U+2029 escaped', () => {
  for (const [given, want] of LITERALS) assert.equal(jsLiteral(given), want, given);
});

const COMMENTS: [string, string, string][] = [
  // given, quotedComment, commentText
  ['close */ comment', '"close *\\/ comment"', 'close *\\/ comment'],
  ['new\nline', '"new\\nline"', 'new line'],
  ['m\u2028console.log(1)//', '"m\\u2028console.log(1)//"', 'm console.log(1)//'],
  ['nel\u0085x', '"nel\u0085x"', 'nel x'],
  ['cr\rx', '"cr\\rx"', 'cr x'],
];
it('comments: one line, never closed early', () => {
  for (const [given, quoted, text] of COMMENTS) {
    assert.equal(quotedComment(given), quoted, given);
    assert.equal(commentText(given), text, given);
  }
});

const NAMES: [string[], string[]][] = [
  [['serving_default'], ['ServingDefault']],
  [
    ['sig-x', 'sig_x'],
    ['SigX', 'SigX2'],
  ],
  [
    ['class', '1st', 'default'],
    ['SClass', 'S1st', 'SDefault'],
  ],
  [['ünïcødé'], ['UnicDe']],
  [
    ['__proto__', 'constructor'],
    ['Proto', 'Constructor'],
  ],
  [['</script>'], ['Script']],
  [
    ['', '***'],
    ['Signature', 'Signature2'],
  ],
];
it('typeNames: distinct PascalCase identifiers, never a keyword or digit-led', () => {
  for (const [given, want] of NAMES) assert.deepStrictEqual([...typeNames(given).values()], want, given.join(', '));
});

const TYPES: [Parameters<typeof tsType>, string][] = [
  [[{ kind: 'number', dtype: 'DT_FLOAT' }, [-1, 1], 'input'], '[number][]'],
  [[{ kind: 'number', dtype: 'DT_FLOAT' }, null, 'input'], 'Nested<number>'],
  [[{ kind: 'number', dtype: 'DT_FLOAT' }, [], 'output'], 'number'],
  [[{ kind: 'integer', dtype: 'DT_INT64', min: 0, max: 0, beyondSafe: true }, [-1], 'input'], '(number | bigint)[]'],
  [[{ kind: 'integer', dtype: 'DT_INT64', min: 0, max: 0, beyondSafe: true }, [-1], 'output'], 'Int64<M>[]'],
  [[{ kind: 'string', dtype: 'DT_STRING', bytesOnly: true }, [2], 'output'], '[B64, B64]'],
  [[{ kind: 'string', dtype: 'DT_STRING', bytesOnly: false }, [-1], 'input'], '(string | B64)[]'],
  // Tuples only while small (16 elements): [4, 4, 4] keeps two levels of tuples, then an array.
  [
    [{ kind: 'boolean', dtype: 'DT_BOOL' }, [4, 4, 4], 'input'],
    '[[boolean, boolean, boolean, boolean], [boolean, boolean, boolean, boolean], [boolean, boolean, boolean, boolean], [boolean, boolean, boolean, boolean]][]',
  ],
  [[{ kind: 'number', dtype: 'DT_DOUBLE' }, [-1, 224, 224, 3], 'input'], '[number, number, number][][][]'],
];
it('tsType: nested arrays by shape, small fixed dimensions as tuples', () => {
  for (const [given, want] of TYPES) assert.equal(tsType(...given), want, JSON.stringify(given));
});
