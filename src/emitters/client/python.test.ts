import assert from 'node:assert/strict';
import { it } from 'node:test';
import { defaultPythonName, pythonModuleName } from '../../jobs/client.js';
import type { JsonValue } from '../../protocol/tfserving/describe.js';
import { typeNames } from './model.js';
import { PYTHON_RESERVED, pyLiteral, pyString, pyType } from './python.js';

// given (a model string), want (the Python literal: ASCII, unable to end the string, comment or line)
const STRINGS: [string, string][] = [
  ['plain', '"plain"'],
  ['quote"d', '"quote\\"d"'],
  ["apo'strophe", '"apo\'strophe"'],
  ['back\\slash', '"back\\\\slash"'],
  ['new\nline\r', '"new\\x0aline\\x0d"'],
  ['line\u2028sep\u0085', '"line\\u2028sep\\x85"'],
  ['ünï', '"\\xfcn\\xef"'],
  ['emoji 😀', '"emoji \\U0001f600"'],
  ['lone \ud800', '"lone \\ud800"'],
  ['"""docstring', '"\\"\\"\\"docstring"'],
  ['# comment', '"# comment"'],
];
it('pyString: an ASCII Python literal for any model string', () => {
  for (const [given, want] of STRINGS) assert.equal(pyString(given), want, given);
});

it('pyLiteral: JSON values as Python expressions', () => {
  const cases: [unknown, string][] = [
    [null, 'None'],
    [true, 'True'],
    [[1, 0.5, -2], '[1, 0.5, -2]'],
    [{ 'a"b': [false] }, '{"a\\"b": [False]}'],
    [1e21, '1000000000000000000000'],
    [NaN, 'float("nan")'],
    [-Infinity, 'float("-inf")'],
  ];
  for (const [given, want] of cases) assert.equal(pyLiteral(given as never), want, String(given));
});

it('pyType: nested sequences by rank; unknown rank as the recursive alias', () => {
  const f: JsonValue = { kind: 'number', dtype: 'DT_FLOAT' };
  const s: JsonValue = { kind: 'string', dtype: 'DT_STRING', bytesOnly: true };
  const cases: [JsonValue, number[] | null, 'input' | 'output', string][] = [
    [f, [], 'input', 'float'],
    [f, [-1, 3], 'input', 'Sequence[Sequence[float]]'],
    [f, [-1, 3], 'output', 'List[List[float]]'],
    [f, null, 'input', 'NestedFloat'],
    [s, [-1], 'input', 'Sequence[Union[bytes, B64]]'],
    [s, [-1], 'output', 'List[B64]'],
    [{ kind: 'string', dtype: 'DT_STRING', bytesOnly: false }, [-1], 'input', 'Sequence[Bytes]'],
    [{ kind: 'integer', dtype: 'DT_INT64', min: 0, max: 0, beyondSafe: true }, null, 'output', 'NestedIntOut'],
  ];
  for (const [v, shape, side, want] of cases) assert.equal(pyType(v, shape, side), want, `${v.dtype} ${shape} ${side}`);
});

it('type names: PascalCase, never a keyword, soft keyword or digit-led, distinct with every suffix', () => {
  const suffixes = ['Inputs', 'Outputs', 'Instance', 'OutputRow', 'Example'];
  const cases: [string[], string[]][] = [
    [
      ['serving_default', 'none', 'match', '1st'],
      ['ServingDefault', 'SNone', 'SMatch', 'S1st'],
    ],
    [
      ['a', 'a inputs', 'A'],
      ['A', 'AInputs', 'A2'],
    ],
    [
      ['', '!!'],
      ['Signature', 'Signature2'],
    ],
  ];
  for (const [given, want] of cases) assert.deepStrictEqual([...typeNames(given, PYTHON_RESERVED, suffixes).values()], want, given.join(', '));
});

it('package and module names: PEP 503 spelling, an importable module', () => {
  const cases: [string, string, string][] = [
    ['half_plus_two', 'half-plus-two-tfserving-client', 'half_plus_two_tfserving_client'],
    ['My.Model', 'my-model-tfserving-client', 'my_model_tfserving_client'],
    ['1st', '1st-tfserving-client', 'm_1st_tfserving_client'],
    ['ünï/../x', 'n-x-tfserving-client', 'n_x_tfserving_client'],
    ['!!!', 'model-tfserving-client', 'model_tfserving_client'],
  ];
  for (const [model, dist, mod] of cases) {
    assert.equal(defaultPythonName(model), dist, model);
    assert.equal(pythonModuleName(dist), mod, model);
  }
  assert.equal(pythonModuleName('class'), 'class_');
});
