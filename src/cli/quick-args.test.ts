import assert from 'node:assert/strict';
import { it } from 'node:test';
import { quickGenerateArgs, quickInspectModel } from './quick-args.js';

it('quickInspectModel: given/want', () => {
  const cases: [string[], boolean, string | undefined][] = [
    [['inspect', 'm'], true, 'm'],
    [['inspect', 'm', '--json'], true, 'm'],
    [['inspect', '--json', 'm'], true, 'm'],
    [['inspect', 'gs://b/m'], true, undefined],
    [['inspect', 'gs://b/m'], false, 'gs://b/m'],
    [['inspect', 'm', '--json', '--json'], true, undefined],
    [['inspect', 'm', '--tags', 'serve'], true, undefined],
    [['inspect', '--help'], true, undefined],
    [['inspect'], true, undefined],
    [['generate', 'm'], true, undefined],
  ];
  for (const [argv, local, want] of cases) assert.equal(quickInspectModel(argv, local), want, argv.join(' '));
});

it('quickGenerateArgs: given/want', () => {
  const cases: [string[], { model: string; output?: string } | undefined][] = [
    [['generate', 'm'], { model: 'm' }],
    [['generate', 'm', '-o', 'x.json'], { model: 'm', output: 'x.json' }],
    [['generate', 'm', '--output', 'x.yaml'], { model: 'm', output: 'x.yaml' }],
    [['generate', '-o', 'x.json', 'm'], { model: 'm', output: 'x.json' }],
    [['generate', 'm', 'x.json', '-o'], undefined],
    [['generate', 'm', '-n', 'name'], undefined],
    [['generate', 'm', '-o', '-'], undefined],
    [['generate', 'm', '-o', 'x', '--check'], undefined],
    [['generate', '--help'], undefined],
    [['generate', 's3://b/m'], undefined],
    [['generate'], undefined],
    [['inspect', 'm'], undefined],
  ];
  for (const [argv, want] of cases) assert.deepStrictEqual(quickGenerateArgs(argv), want, argv.join(' '));
});
