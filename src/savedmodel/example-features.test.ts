import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { generate } from '../jobs/generate.js';
import { encodeGraphDef, encodeSavedModel } from './encode.js';
import { loadModel } from './load-model.js';

const tmp = mkdtempSync(join(tmpdir(), 'tf2openapi-features-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const str = (name: string, value: string) => ({
  name,
  op: 'Const',
  attr: { dtype: { type: 'DT_STRING' }, value: { tensor: { dtype: 'DT_STRING', tensor_shape: {}, string_val: [Buffer.from(value)] } } },
});
const parse = (attr: Record<string, unknown>, input = ['in', 'names', 'sk', 'dk', 'dd']) => ({ name: 'pe', op: 'ParseExample', input, attr });
const good = {
  Nsparse: { i: 1 },
  Ndense: { i: 1 },
  sparse_types: { list: { type: ['DT_STRING'] } },
  Tdense: { list: { type: ['DT_FLOAT'] } },
  dense_shapes: { list: { shape: [{ dim: [{ size: 1 }] }] } },
};

function modelWith(name: string, graph: Uint8Array): string {
  const dir = join(tmp, name, '1');
  const file = join(dir, 'saved_model.pb');
  const bytes = encodeSavedModel({
    metaGraphs: [
      {
        tags: ['serve'],
        tensorflowVersion: '2.19.0',
        tensorflowGitVersion: '',
        graphDef: graph,
        signatures: [
          {
            key: 'serving_default',
            methodName: 'tensorflow/serving/classify',
            inputs: [{ alias: 'inputs', name: 'in:0', dtype: 'DT_STRING', shape: [-1], encoding: 'name' }],
            outputs: [{ alias: 'scores', name: 's:0', dtype: 'DT_FLOAT', shape: [-1, 2], encoding: 'name' }],
            defaults: [],
          },
        ],
      },
    ],
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, bytes);
  return join(tmp, name);
}

// given (a graph), want (the features read, or none; never a crash, a hang or a huge allocation)
const CASES: [string, Record<string, unknown>[], string[] | undefined][] = [
  ['a well-formed ParseExample', [str('sk', 'tags'), str('dk', 'x'), parse(good)], ['x', 'tags']],
  ['Nsparse = 2^40', [str('sk', 'tags'), str('dk', 'x'), parse({ ...good, Nsparse: { i: 2 ** 40 } })], undefined],
  ['Nsparse = 1e8 with five inputs', [str('sk', 'tags'), str('dk', 'x'), parse({ ...good, Nsparse: { i: 1e8 } })], undefined],
  ['Ndense beyond its inputs', [str('sk', 'tags'), str('dk', 'x'), parse({ ...good, Ndense: { i: 3 } })], undefined],
  [
    'a key Const that is not a string',
    [{ name: 'sk', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT' } } } }, str('dk', 'x'), parse(good)],
    undefined,
  ],
  [
    'a dense shape of 2^40 values',
    [str('sk', 'tags'), str('dk', 'x'), parse({ ...good, dense_shapes: { list: { shape: [{ dim: [{ size: 2 ** 40 }] }] } } })],
    ['x', 'tags'],
  ],
];

it('graph nodes from the file are bounded: counts checked against the inputs, sizes never allocated', async () => {
  for (const [what, nodes, want] of CASES) {
    const dir = modelWith(what.replace(/\W+/g, '_'), encodeGraphDef(nodes));
    const { model } = await loadModel(dir, { exampleFeatures: true });
    const got = model.metaGraphs[0]!.exampleFeatures?.get('serving_default')?.map((f) => f.name);
    assert.deepStrictEqual(got, want, what);
    // And a whole document, examples included, is written for it.
    assert.ok((await generate(dir, { name: 'm' })).document.paths, what);
  }
});
