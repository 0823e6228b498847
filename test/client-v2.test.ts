// Generated KServe V2 client packages: they compile with tsc --strict (TypeScript 7 and 5.5), wrong
// calls do not, the request check is tf2openapi's own (copied verbatim), and the clients talk to a
// loopback V2 server that refuses with that same check: inputs flattened with their shape, outputs
// typed, int64 exact beyond 2^53, hostile tensor names carried as they are.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { runtimeFiles } from '../src/emitters/client/render.js';
import { client, clientFiles } from '../src/jobs/client.js';
import { generateFromModel } from '../src/jobs/generate.js';
import { kserveV2 } from '../src/protocol/index.js';
import { V2_CASES, V2_MODELS } from '../src/protocol/v2/check.table.js';
import { describeV2, type V2Api } from '../src/protocol/v2/describe.js';
import { checkV2 } from '../src/protocol/v2/runtime/check.js';
import type { SavedModel } from '../src/savedmodel/saved-model.js';
import type { Signature } from '../src/savedmodel/signature.js';
import type { TensorSpec } from '../src/savedmodel/tensor.js';
import { compileStrict, FIXTURES } from './helpers.js';

const out = mkdtempSync(join(tmpdir(), 'tf2openapi-v2-clients-'));
after(() => rmSync(out, { recursive: true, force: true }));

const t = (alias: string, dtype: string, shape: number[] | null): TensorSpec => ({ alias, name: `${alias}:0`, dtype, shape, encoding: 'name' });
const savedModel = (file: string, signatures: Signature[]): SavedModel => ({
  file,
  schemaVersion: 1,
  metaGraphs: [{ tags: ['serve'], tensorflowVersion: '2.14.0', tensorflowGitVersion: '', signatures }],
});
/** Every JSON kind V2 carries, fixed and unknown dimensions, and names that are traps in JavaScript. */
const MIXED = savedModel('mixed', [
  {
    key: 'serving_default',
    methodName: 'tensorflow/serving/predict',
    inputs: [
      t('ids', 'DT_INT64', [-1]),
      t('text', 'DT_STRING', [-1]),
      t('flag', 'DT_BOOL', [-1, 2]),
      t('img', 'DT_UINT8', [-1, 3]),
      t('__proto__', 'DT_FLOAT', [-1]),
    ],
    outputs: [t('big', 'DT_INT64', [-1]), t('u', 'DT_UINT64', [-1]), t('constructor', 'DT_FLOAT', [-1, 2]), t('label', 'DT_STRING', [-1])],
    defaults: [],
  },
]);

/** The rest of a two-row MIXED request; a computed key keeps `__proto__` an own property. */
const TWO_ROWS = {
  flag: [
    [true, false],
    [false, true],
  ],
  img: [
    [1, 2, 3],
    [4, 5, 6],
  ],
  ['__proto__']: [0.5, 1],
};

const TYPE_TESTS = `
import { createClient, reshape } from './half_plus_two/src/index.js';
import * as M from './mixed/src/index.js';
import * as H from './hostile_names/src/index.js';
export async function typeTests(): Promise<void> {
  const c = createClient({ baseUrl: 'http://localhost:8000' });
  const r = await c.infer({ x: [[1], [2]] });
  const y: number[] = r.y.data;
  const shape: number[] = r.y.shape;
  await c.infer({ x: { shape: [2, 1], data: [1, 2] } });
  void reshape(y, shape);
  // @ts-expect-error the fixed dimension has length 1
  await c.infer({ x: [[1, 2]] });
  // @ts-expect-error a string where FP32 is expected
  await c.infer({ x: [['1']] });
  // @ts-expect-error an input that does not exist
  await c.infer({ x: [[1]], z: [1] });
  // @ts-expect-error the input is missing
  await c.infer({});
  // @ts-expect-error an output that does not exist
  await c.infer({ x: [[1]] }, { outputs: ['nope'] });
  const m = M.createClient({ baseUrl: 'x', int64: 'bigint' });
  const only = await m.infer({ ids: [1n], text: ['a'], flag: [[true, false]], img: [[1, 2, 3]], ['__proto__']: [0.5] }, { outputs: ['big'] });
  const big: bigint[] = only.big.data;
  // @ts-expect-error only 'big' was asked for
  void only.label;
  // @ts-expect-error flag's second dimension is 2
  await m.infer({ ids: [1], text: ['a'], flag: [[true]], img: [[1, 2, 3]], ['__proto__']: [0.5] });
  const all = await M.createClient({ baseUrl: 'x' }).infer({ ids: [1], text: ['a'], flag: [[true, false]], img: { shape: [1, 3], data: [1, 2, 3] }, ['__proto__']: [0.5] });
  const n: number[] = all.big.data;
  const s: (string | Uint8Array)[] = all.label.data;
  // @ts-expect-error BYTES may come back as bytes
  const s2: string[] = all.label.data;
  const k: number[] = all['constructor'].data;
  // @ts-expect-error the default int64 mode gives numbers
  const wrong: bigint[] = all.u.data;
  const h = await H.createClient({ baseUrl: 'x' }).infer({ '0leading': [1], 'a-b': [1], a_b: [1], "apo'strophe": [1], 'back\`tick': [1], class: [1], 'close */ comment': [1], 'new\\nline': [1], 'quote"d': [1], 'slash/and~tilde': [1], 'template \${x}': [1], 'with space': [1], x_bytes: ['a'], 'ünïcødé': [1] });
  const o: number[] = h['out/put ~0'].data;
  void [big, n, s, s2, k, wrong, o];
}
`;

async function writeFiles(dir: string, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

describe('V2 client packages', () => {
  before(async () => {
    for (const m of ['half_plus_two', 'hostile_names', 'image_classifier']) await client(join(FIXTURES, m), join(out, m), { name: m, protocol: 'v2' });
    await writeFiles(join(out, 'mixed'), clientFiles(await generateFromModel(MIXED, { name: 'mixed', protocol: kserveV2 as never }), { protocol: 'v2' }));
  });

  it('every package and the type-level tests compile with tsc --strict (wrong calls do not)', () => {
    assert.deepEqual(compileStrict(out, TYPE_TESTS), []);
  });

  it("the package's request check is tf2openapi's: the runtime copied (imports beside it), the V2 table through the copy", async () => {
    const files = runtimeFiles('v2');
    assert.deepEqual(Object.keys(files).sort(), [
      'src/runtime/check.ts',
      'src/runtime/client.ts',
      'src/runtime/contract.ts',
      'src/runtime/http.ts',
      'src/runtime/json.ts',
      'src/runtime/pointer.ts',
    ]);
    for (const [file, text] of Object.entries(files)) {
      assert.equal(readFileSync(join(out, 'mixed', file), 'utf8'), text, file);
      assert.doesNotMatch(text, /from '\.\.\//, `${file} imports only what the package holds`);
    }
    const copy = (await import(pathToFileURL(join(out, 'mixed/src/runtime/check.ts')).href)) as { checkV2: typeof checkV2 };
    for (const c of V2_CASES) {
      const api = describeV2(savedModel(c.model, V2_MODELS[c.model]!), { name: c.model });
      assert.deepStrictEqual(copy.checkV2(c.body, api), checkV2(c.body, api), c.body);
    }
  });

  it('package.json, README with the tensors (pipes escaped in table cells), the default package name', () => {
    const pkg = JSON.parse(readFileSync(join(out, 'half_plus_two/package.json'), 'utf8'));
    assert.equal(pkg.name, 'half_plus_two-v2-client');
    assert.equal(pkg.dependencies, undefined);
    const readme = readFileSync(join(out, 'hostile_names/README.md'), 'utf8');
    assert.match(readme, /^\| `` back`tick `` \| FP32 \| ` \[-1\] ` \| DT_FLOAT \|$/m);
    assert.match(readme, /^\| ` new line ` \|/m);
    assert.match(readme, /Open Inference Protocol/);
  });
});

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  /** The JSON part. */
  body: string;
  /** What followed it (the binary tensor data extension). */
  binary: Buffer;
}
type Reply = string | { json: string; binary: Buffer };
/** A V2 server for one model: refuses what tf2openapi's V2 check refuses (400, as KServe's servers answer
 * errors: `{"error": …}`) and binary data whose sizes do not add up, else answers with `respond`. */
async function v2Server(api: V2Api, respond: (request: { inputs: { name: string; shape: number[]; data: unknown[] }[] }, binary: Buffer) => Reply) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = req.headers['inference-header-content-length'] ? Number(req.headers['inference-header-content-length']) : all.length;
      const body = all.subarray(0, split).toString('utf8');
      const binary = all.subarray(split);
      seen.push({ url: req.url ?? '', headers: req.headers, body, binary });
      const send = (status: number, text: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(text);
      if (req.method === 'GET' && req.url?.endsWith('/ready')) return send(200, '');
      if (!req.url?.endsWith('/infer')) return send(404, JSON.stringify({ error: `no route ${req.url}` }));
      const errors = checkV2(body, api).problems.filter((p) => p.level === 'error');
      if (errors.length) return send(400, JSON.stringify({ error: errors[0]!.message }));
      const request = JSON.parse(body);
      const sizes = request.inputs.reduce((n: number, i: { parameters?: { binary_data_size?: number } }) => n + (i.parameters?.binary_data_size ?? 0), 0);
      if (sizes !== binary.length) return send(400, JSON.stringify({ error: `binary data: ${binary.length} bytes, inputs declare ${sizes}` }));
      const reply = respond(request, binary);
      if (typeof reply === 'string') return send(200, reply);
      const head = Buffer.from(reply.json);
      res
        .writeHead(200, { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(head.length) })
        .end(Buffer.concat([head, reply.binary]));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('V2 clients against a loopback V2 server', () => {
  const closers: (() => Promise<void>)[] = [];
  after(() => Promise.all(closers.map((c) => c())));

  it('half_plus_two: nested or flat inputs, y = x/2 + 2 back with its shape; version, headers, errors', async () => {
    const { generated } = await client(join(FIXTURES, 'half_plus_two'), join(out, 'live-hpt'), { name: 'half_plus_two', protocol: 'v2' });
    const s = await v2Server(generated.api, (r) => {
      const x = r.inputs[0]!;
      return JSON.stringify({
        model_name: 'half_plus_two',
        outputs: [{ name: 'y', shape: x.shape, datatype: 'FP32', data: x.data.map((v) => (v as number) / 2 + 2) }],
      });
    });
    closers.push(s.close);
    const pkg = await import(pathToFileURL(join(out, 'live-hpt/src/index.ts')).href);
    const c = pkg.createClient({ baseUrl: s.url + '/', headers: { Host: 'hpt.default.example.com', 'x-tenant': 'team a' } });
    const r = await c.infer({ x: [[1], [2], [3]] });
    assert.deepEqual(r.y, { shape: [3, 1], datatype: 'FP32', data: [2.5, 3, 3.5] });
    assert.deepEqual(pkg.reshape(r.y.data, r.y.shape), [[2.5], [3], [3.5]]);
    assert.equal(s.seen.at(-1)!.url, '/v2/models/half_plus_two/infer');
    assert.equal(s.seen.at(-1)!.headers.host, 'hpt.default.example.com', 'Host reaches the server (KServe ingress routing)');
    assert.equal(s.seen.at(-1)!.headers['x-tenant'], 'team a');
    assert.deepEqual(JSON.parse(s.seen.at(-1)!.body), { inputs: [{ name: 'x', shape: [3, 1], datatype: 'FP32', data: [1, 2, 3] }] });
    assert.deepEqual((await c.infer({ x: { shape: [2, 1], data: [4, 6] } })).y.data, [4, 5]);

    const pinned = pkg.createClient({ baseUrl: s.url, model: 'other name', version: 3 });
    await pinned.infer({ x: [[1]] }, { id: 'req-1' });
    assert.equal(s.seen.at(-1)!.url, '/v2/models/other%20name/versions/3/infer');
    assert.equal(JSON.parse(s.seen.at(-1)!.body).id, 'req-1');
    assert.equal(await c.ready(), true);

    // The server refuses a data length that disagrees with the shape; with validate the client does, unsent.
    await assert.rejects(
      c.infer({ x: { shape: [2, 1], data: [1] } }),
      (e: Error) => e.name === 'V2Error' && (e as unknown as { status: number }).status === 400,
    );
    const count = s.seen.length;
    const checked = pkg.createClient({ baseUrl: s.url, validate: true });
    await assert.rejects(checked.infer({ x: { shape: [2, 1], data: [1] } }), (e: Error) => e.name === 'V2RequestError' && /\/inputs\/0/.test(e.message));
    assert.equal(s.seen.length, count, 'nothing sent');
  });

  it('int64 exact both ways (bigint inputs sent as integers; outputs as number, bigint or string); hostile names; a missing output is an error', async () => {
    const g = await generateFromModel(MIXED, { name: 'mixed', protocol: kserveV2 as never });
    await writeFiles(join(out, 'live-mixed'), clientFiles(g, { protocol: 'v2' }));
    const BIG = '9007199254740993'; // 2^53 + 1: a double cannot hold it
    let drop = false;
    const s = await v2Server(g.api as unknown as V2Api, () =>
      [
        '{"outputs":[',
        `{"name":"big","shape":[2],"datatype":"INT64","data":[${BIG},-3]},`,
        `{"name":"u","shape":[1],"datatype":"UINT64","data":[18446744073709551615]},`,
        drop ? '' : '{"name":"constructor","shape":[1,2],"datatype":"FP32","data":[0.5,1]},',
        '{"name":"label","shape":[1],"datatype":"BYTES","data":["cat"]}]}',
      ].join(''),
    );
    closers.push(s.close);
    const pkg = await import(pathToFileURL(join(out, 'live-mixed/src/index.ts')).href);
    const inputs = { ids: [BigInt(BIG), 2], text: ['a', 'b'], ...TWO_ROWS };
    assert.ok(Object.hasOwn(inputs, '__proto__'), 'a computed key is an own property');
    const asBig = await pkg.createClient({ baseUrl: s.url, int64: 'bigint', validate: 'strict' }).infer(inputs);
    const sent = s.seen.at(-1)!.body;
    assert.match(sent, new RegExp(`"data":\\[${BIG},2\\]`), 'the bigint is sent as an exact integer');
    assert.deepEqual(
      JSON.parse(sent).inputs.map((i: { name: string }) => i.name),
      ['ids', 'text', 'flag', 'img', '__proto__'],
    );
    assert.deepStrictEqual(asBig.big, { shape: [2], datatype: 'INT64', data: [BigInt(BIG), -3n] });
    assert.deepEqual(asBig.u.data, [18446744073709551615n]);
    assert.ok(Object.hasOwn(asBig, 'constructor') && asBig['constructor'].data[1] === 1);
    assert.deepEqual((await pkg.createClient({ baseUrl: s.url, int64: 'string' }).infer(inputs)).big.data, [BIG, '-3']);
    assert.deepEqual((await pkg.createClient({ baseUrl: s.url }).infer(inputs)).big.data, [Number(BIG), -3]);
    drop = true;
    await assert.rejects(pkg.createClient({ baseUrl: s.url }).infer(inputs), /no output "constructor"/);
    assert.equal((await pkg.createClient({ baseUrl: s.url }).infer(inputs, { outputs: ['label'] })).label.data[0], 'cat');
    assert.deepEqual(JSON.parse(s.seen.at(-1)!.body).outputs, [{ name: 'label' }]);
  });

  it('binary data extension: Uint8Array BYTES go after the JSON with their sizes; binary outputs decoded by datatype', async () => {
    const g = await generateFromModel(MIXED, { name: 'mixed', protocol: kserveV2 as never });
    const s = await v2Server(g.api as unknown as V2Api, (request, binary) => {
      const text = request.inputs.find((i) => i.name === 'text') as unknown as { parameters: { binary_data_size: number } };
      const echoed = binary.subarray(0, text.parameters.binary_data_size);
      const big = Buffer.alloc(16);
      big.writeBigInt64LE(9007199254740993n, 0);
      big.writeBigInt64LE(-3n, 8);
      const u = Buffer.alloc(8);
      u.writeBigUInt64LE(18446744073709551615n);
      const f = Buffer.alloc(8);
      f.writeFloatLE(0.5, 0);
      f.writeFloatLE(-1, 4);
      const outputs = [
        { name: 'big', shape: [2], datatype: 'INT64', parameters: { binary_data_size: 16 } },
        { name: 'u', shape: [1], datatype: 'UINT64', parameters: { binary_data_size: 8 } },
        { name: 'constructor', shape: [1, 2], datatype: 'FP32', parameters: { binary_data_size: 8 } },
        { name: 'label', shape: [2], datatype: 'BYTES', parameters: { binary_data_size: echoed.length } },
      ];
      return { json: JSON.stringify({ outputs }), binary: Buffer.concat([big, u, f, echoed]) };
    });
    closers.push(s.close);
    await writeFiles(join(out, 'live-binary'), clientFiles(g, { protocol: 'v2' }));
    const pkg = await import(pathToFileURL(join(out, 'live-binary/src/index.ts')).href);
    const c = pkg.createClient({ baseUrl: s.url, int64: 'bigint', validate: 'strict' });
    const raw = new Uint8Array([0, 255, 10]);
    const r = await c.infer({ ids: [1, 2], text: [raw, 'é'], ...TWO_ROWS }, { binaryOutputs: true });
    const seen = s.seen.at(-1)!;
    assert.equal(seen.headers['content-type'], 'application/octet-stream');
    const sent = JSON.parse(seen.body);
    assert.deepEqual(sent.inputs[1], { name: 'text', shape: [2], datatype: 'BYTES', parameters: { binary_data_size: 4 + 3 + 4 + 2 } });
    assert.deepEqual([...seen.binary], [3, 0, 0, 0, 0, 255, 10, 2, 0, 0, 0, 0xc3, 0xa9]);
    assert.deepEqual(
      sent.outputs,
      ['big', 'u', 'constructor', 'label'].map((name) => ({ name, parameters: { binary_data: true } })),
    );
    assert.deepStrictEqual(r.big.data, [9007199254740993n, -3n]);
    assert.deepStrictEqual(r.u.data, [18446744073709551615n]);
    assert.deepStrictEqual(r['constructor'], { shape: [1, 2], datatype: 'FP32', data: [0.5, -1] });
    assert.deepStrictEqual(r.label.data, [raw, new Uint8Array([0xc3, 0xa9])]);
  });
});
