// Every bad input the reader can meet: one line on stderr naming the file and the fault, the
// documented exit code, no stack trace.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EXIT_CODES } from '../src/errors.js';
import { encodeVarint } from '../src/wire/read-varint.js';
import { FIXTURES, runCli, runCliInProcess } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'tf2openapi-bad-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, bytes: Uint8Array | string) => {
  const p = join(tmp, name);
  writeFileSync(p, bytes);
  return p;
};
const good = new Uint8Array(readFileSync(join(FIXTURES, 'half_plus_two/00000123/saved_model.pb')));

/** A signature whose input TensorInfo nests composites `depth` deep, built by hand: protobufjs's
 * own encoder would overflow its stack on it, which is the point. */
function deeplyNested(depth: number): Uint8Array {
  const ld = (field: number, ...parts: Uint8Array[]) => {
    const body = Buffer.concat(parts);
    return Buffer.concat([encodeVarint(field * 8 + 2), encodeVarint(body.length), body]);
  };
  const str = (s: string) => Buffer.from(s);
  let info: Uint8Array = ld(1, str('x:0')); // TensorInfo.name
  for (let i = 0; i < depth; i++) info = ld(5, ld(2, info)); // TensorInfo.composite_tensor.components
  const signature = ld(1, ld(1, str('in')), ld(2, info)); // SignatureDef.inputs entry
  const metaGraph = ld(5, ld(1, str('s')), ld(2, signature)); // MetaGraphDef.signature_def entry
  return Buffer.concat([Uint8Array.from([0x08, 0x01]), ld(2, metaGraph)]);
}

async function expectFailure(args: string[], kind: keyof typeof EXIT_CODES, ...mentions: (string | RegExp)[]) {
  const r = await runCliInProcess(args);
  assert.equal(r.status, EXIT_CODES[kind], `exit code for ${kind}; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${r.stderr}`);
  assert.match(lines[0]!, /^tf2openapi: /);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  for (const m of mentions) assert.match(lines[0]!, typeof m === 'string' ? new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : m);
}

describe('bad input', () => {
  it('a missing path', () => expectFailure(['inspect', join(tmp, 'nope')], 'NOT_FOUND', 'nope', 'no such file'));
  it('a directory with no SavedModel and no versions', () => {
    const d = join(tmp, 'emptydir');
    mkdirSync(join(d, 'variables'), { recursive: true });
    return expectFailure(['inspect', d], 'NO_SAVED_MODEL', 'emptydir', 'saved_model.pb');
  });
  it('a TFLite flatbuffer', () =>
    expectFailure(
      ['inspect', file('m.tflite', Uint8Array.from([0x1c, 0, 0, 0, 0x54, 0x46, 0x4c, 0x33, 0, 0]))],
      'NOT_A_SAVED_MODEL',
      'm.tflite',
      'TensorFlow Lite',
    ));
  it('a Keras HDF5 file', () =>
    expectFailure(['inspect', file('m.h5', Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))], 'NOT_A_SAVED_MODEL', 'm.h5', 'HDF5'));
  it('a text-format saved_model.pbtxt in a directory', () => {
    const d = join(tmp, 'pbtxt');
    mkdirSync(d);
    writeFileSync(join(d, 'saved_model.pbtxt'), 'saved_model_schema_version: 1\nmeta_graphs {\n}\n');
    return expectFailure(['inspect', d], 'NOT_A_SAVED_MODEL', 'saved_model.pbtxt', 'text format is not read yet');
  });
  it('text-format content in a .pb', () =>
    expectFailure(['inspect', file('text.pb', 'meta_graphs {\n  meta_info_def {}\n}\n')], 'NOT_A_SAVED_MODEL', 'text.pb', 'text format is not read yet'));
  it('a frozen GraphDef', () =>
    expectFailure(['inspect', file('frozen.pb', Uint8Array.from([0x0a, 0x03, 0x0a, 0x01, 0x78]))], 'NOT_A_SAVED_MODEL', 'frozen GraphDef'));
  it('an empty file', () => expectFailure(['inspect', file('empty.pb', '')], 'EMPTY_FILE', 'empty.pb', 'empty'));
  it('a truncated file', () => expectFailure(['inspect', file('cut.pb', good.subarray(0, Math.floor(good.length / 2)))], 'TRUNCATED', 'cut.pb', 'truncated'));
  it('a file cut inside a varint', () => expectFailure(['inspect', file('cutvarint.pb', Uint8Array.from([0x08, 0x81]))], 'TRUNCATED', 'cutvarint.pb'));
  it('a corrupt varint', () =>
    expectFailure(['inspect', file('varint.pb', Uint8Array.from([0x08, ...Array(11).fill(0xff), 0x01]))], 'CORRUPT', 'varint.pb', 'varint'));
  it('a length past the end of its message', () => {
    // meta_graphs of 4 bytes holding a graph_def that claims 100.
    return expectFailure(
      ['inspect', file('len.pb', Uint8Array.from([0x08, 0x01, 0x12, 0x04, 0x12, 0x64, 0x00, 0x00, 0x08, 0x01]))],
      'CORRUPT',
      'len.pb',
      'length',
    );
  });
  it('an invalid wire type', () => expectFailure(['inspect', file('wire.pb', Uint8Array.from([0x08, 0x01, 0x17, 0x00]))], 'CORRUPT', 'wire.pb', 'wire type'));
  it('a SavedModel with no meta graph', () =>
    expectFailure(['inspect', file('nomg.pb', Uint8Array.from([0x08, 0x01]))], 'NO_META_GRAPH', 'nomg.pb', 'no meta graph'));
  it('a huge declared length fails at once', () => {
    return expectFailure(
      ['inspect', file('huge.pb', Uint8Array.from([0x08, 0x01, 0x12, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]))],
      'TRUNCATED',
      'huge.pb',
    );
  });
  it('messages nested thousands deep', () => expectFailure(['inspect', file('deep.pb', deeplyNested(5000))], 'LIMIT_EXCEEDED', 'deep.pb', 'nested'));
  it('--tags that match no meta graph list the tag sets', () =>
    expectFailure(['inspect', join(FIXTURES, 'shapes'), '--tags', 'serve,tpu'], 'NO_SUCH_TAGS', "'serve,tpu'", "'serve,gpu'", "'train'"));
  it('a version that does not exist lists the versions', () =>
    expectFailure(['inspect', join(FIXTURES, 'half_plus_two'), '--version', '7'], 'NO_SUCH_VERSION', 'no version 7', '00000123, 00000124'));
  it('an unknown command is a usage error', () => expectFailure(['explode'], 'USAGE'));
});

describe('tag selection', () => {
  it('matches tag sets as sets', () => {
    const r = runCli(['inspect', join(FIXTURES, 'shapes'), '--tags', 'gpu,serve', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.meta_graphs.length, 1);
    assert.deepStrictEqual(json.meta_graphs[0].tags, ['serve', 'gpu']);
  });
});

describe('model strings are never JSON references', () => {
  it("inputs and a signature named $ref: --check validates without reading a file the example's text names", async () => {
    const { encodeSavedModel } = await import('../src/savedmodel/encode.js');
    const t = (alias: string, dtype: string) => ({ alias, name: `t${alias.length}:0`, dtype, shape: [-1], encoding: 'name' as const });
    const dir = join(tmp, 'ref-model');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'saved_model.pb'),
      encodeSavedModel({
        metaGraphs: [
          {
            tags: ['serve'],
            tensorflowVersion: '2.14.0',
            tensorflowGitVersion: '',
            signatures: [
              {
                key: 'serving_default',
                methodName: 'tensorflow/serving/predict',
                inputs: [t('$ref', 'DT_STRING')],
                outputs: [t('y', 'DT_FLOAT')],
                defaults: [],
              },
              {
                key: '$ref',
                methodName: 'tensorflow/serving/predict',
                inputs: [t('$ref', 'DT_STRING'), t('ab', 'DT_FLOAT')],
                outputs: [t('y', 'DT_FLOAT')],
                defaults: [],
              },
            ],
          },
        ],
      } as never),
    );
    // The examples hold {"$ref": "text 0"}: a file of that name in the working directory must stay unread.
    writeFileSync(join(process.cwd(), 'text 0'), 'not a schema');
    try {
      const r = await runCliInProcess(['generate', dir, '-n', 'ref', '--check']);
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /not a schema/);
      // The example as data: {"$ref": "text 0", "ab": …} is written, never dereferenced.
      assert.match(r.stdout, /"\$ref": "text \d"/);
    } finally {
      rmSync(join(process.cwd(), 'text 0'), { force: true });
    }
  });
});
