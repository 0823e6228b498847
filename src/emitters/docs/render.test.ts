import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { packageFile } from '../../util/package-root.js';
import { scriptJson, scriptText, styleText } from './render.js';
import { jsonDescription, readableJson, shellWord } from './view.js';

it('raw-text escapes: nothing inlined can end its <script> or <style> element early', () => {
  const cases: [(s: string) => string, string, string][] = [
    [scriptText, 'a</script>b', 'a<\\/script>b'],
    [scriptText, 'a</SCRIPT >b', 'a<\\/SCRIPT >b'],
    [scriptText, '<!-- x', '<\\!-- x'],
    [scriptText, 'x = "<script>"', 'x = "<\\script>"'],
    [styleText, 'a{}</style><script>', 'a{}<\\/style><script>'],
  ];
  for (const [f, given, want] of cases) assert.equal(f(given), want, given);
});

it('scriptJson: JSON with no <, >, & or line separator, parsing back to the same value', () => {
  const value = { key: '</script><!-- & \u2028\u2029', n: [1, 2] };
  const text = scriptJson(value);
  assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
  assert.deepStrictEqual(JSON.parse(text), value);
});

it('the HTML templates never turn escaping off ({{{…}}} would)', () => {
  const dir = packageFile('templates/docs');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.hbs'))) assert.doesNotMatch(readFileSync(join(dir, f), 'utf8'), /\{\{\{|\{\{&/, f);
});

it('shell words and JSON descriptions', () => {
  assert.equal(shellWord("it's"), `'it'\\''s'`);
  assert.equal(shellWord('$(rm -rf /)'), `'$(rm -rf /)'`);
  assert.equal(
    jsonDescription({ kind: 'integer', dtype: 'DT_INT64', min: -9223372036854775808, max: 9223372036854775807, beyondSafe: true }),
    'integer in [-9223372036854775808, 9223372036854775807], exact as written',
  );
  assert.equal(jsonDescription({ kind: 'string', dtype: 'DT_STRING', bytesOnly: true }), '{"b64": "<base64>"} (binary: the alias ends in _bytes)');
});

it('readableJson: objects indented, arrays of scalars on one line, the same value', () => {
  const v = {
    instances: [{ x: [0.5, 1.5] }, { x: [2.5, 3.5] }],
    'a"b': [] as number[],
    nested: [
      [1, 2],
      [3, 4],
    ],
  };
  const text = readableJson(v);
  assert.equal(
    text,
    '{\n  "instances": [\n    {\n      "x": [0.5, 1.5]\n    },\n    {\n      "x": [2.5, 3.5]\n    }\n  ],\n  "a\\"b": [],\n  "nested": [\n    [1, 2],\n    [3, 4]\n  ]\n}',
  );
  assert.deepStrictEqual(JSON.parse(text), v);
});
