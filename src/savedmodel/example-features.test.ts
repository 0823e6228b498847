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

it('a graph of many megabytes is scanned a chunk at a time with the same result, and any field order still works', async () => {
  const filler = (i: number) => ({
    name: `model/layer_${i}/epsilon`,
    op: 'Const',
    attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensor_shape: {}, float_val: [0.001] } } },
  });
  // ~9.5 MB of nodes: the key Consts early, in the middle and late, nodes crossing 4 MiB chunk edges.
  const nodes = Array.from({ length: 135_000 }, (_, i) => filler(i));
  nodes.splice(70_000, 0, str('dk', 'x') as never);
  nodes.splice(1, 0, str('sk', 'tags') as never);
  nodes.push(parse(good) as never);
  const big = encodeGraphDef(nodes);
  assert.ok(big.length > 9 * (1 << 20), `${big.length} bytes`);
  const read = async (name: string, graph: Uint8Array) => {
    const { model } = await loadModel(modelWith(name, graph), { exampleFeatures: true });
    return model.metaGraphs[0]!.exampleFeatures?.get('serving_default')?.map((f) => `${f.kind} ${f.name} ${f.dtype}`);
  };
  assert.deepStrictEqual(await read('big', big), ['dense x DT_FLOAT', 'sparse tags DT_STRING']);
  // A node written op before name (TensorFlow never does; a hand-made file may): the exact walk.
  const op = Buffer.from('NoOp');
  const name = Buffer.from('odd');
  const odd = Buffer.from([0x12, op.length, ...op, 0x0a, name.length, ...name]);
  const reordered = Buffer.concat([Buffer.from([0x0a, odd.length]), odd, big]);
  assert.deepStrictEqual(await read('reordered', reordered), ['dense x DT_FLOAT', 'sparse tags DT_STRING']);
  // A graph with no ParseExample for the signature: nothing, after one walk.
  assert.equal(await read('none', encodeGraphDef(nodes.slice(0, -1))), undefined);
});
