import assert from 'node:assert/strict';
import { it } from 'node:test';
import { quickInspectModel, quickLine, type QuickLine } from './quick-args.js';

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

it('quickLine: given/want', () => {
  const g = (model: string, output?: string): QuickLine => ({ command: 'generate', model, ...(output !== undefined ? { output } : {}) });
  const cases: [string[], QuickLine | undefined][] = [
    [['generate', 'm'], g('m')],
    [['generate', 'm', '-o', 'x.json'], g('m', 'x.json')],
    [['generate', 'm', '--output', 'x.yaml'], g('m', 'x.yaml')],
    [['generate', '-o', 'x.json', 'm'], g('m', 'x.json')],
    [['generate', 'm', 'x.json', '-o'], undefined],
    [['generate', 'm', '-n', 'name'], undefined],
    [['generate', 'm', '-o', '-'], undefined],
    [['generate', 'm', '-o', 'x', '--check'], undefined],
    [['generate', '--help'], undefined],
    [['generate', 's3://b/m'], undefined],
    [['generate'], undefined],
    [['validate', 'm', 'body.json'], { command: 'validate', model: 'm', request: 'body.json' }],
    [['validate', 'spec.yaml', '-'], { command: 'validate', model: 'spec.yaml', request: '-' }],
    [['validate', 'm', 'body.json', '--strict'], undefined],
    [['validate', 'm', '--strict'], undefined],
    [['validate', 'gs://b/m', 'body.json'], undefined],
    [['validate', 'm'], undefined],
    [['inspect', 'm'], undefined],
  ];
  for (const [argv, want] of cases) assert.deepStrictEqual(quickLine(argv), want, argv.join(' '));
});
