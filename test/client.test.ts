// Generated client packages: they type-check with tsc --strict, wrong calls do not compile, and
// the clients talk to a TF Serving stand-in with the results typed and parsed right.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { client } from '../src/jobs/client.js';
import { concreteShape, exampleTensor } from '../src/protocol/tfserving/examples.js';
import { compileStrict, findSavedModels, FIXTURES, HAVE_SHARED, SHARED } from './helpers.js';
import { BIG_INT64, startTfServing, type TfServingStandIn } from './tfserving-server.js';

const out = mkdtempSync(join(tmpdir(), 'tf2openapi-clients-'));
after(() => rmSync(out, { recursive: true, force: true }));
const own = ['half_plus_two', 'hostile_names', 'all_dtypes', 'shapes', 'no_default'];
const shared = HAVE_SHARED ? findSavedModels(join(SHARED, 'fixtures/savedmodels')).map((f) => f.replace(/\/saved_model\.pb$/, '')) : [];
const dirName = (p: string) => p.slice(p.indexOf('fixtures')).replace(/[^A-Za-z0-9]+/g, '_');

const TYPE_TESTS = `
import { createClient } from './half_plus_two/src/index.js';
import * as H from './hostile_names/src/index.js';
export async function typeTests(): Promise<void> {
  const c = createClient({ baseUrl: 'http://localhost:8501' });
  const rows = await c.predict('serving_default', [{ x: [1] }]);
  const y: [number] = rows[0]!.y;
  const cols = await c.predictColumns('predict_with_scale', { x: [[1]], scale: 2 });
  const ys: [number][] = cols.y;
  const classes: [string, number][][] = await c.classify('classify_x_to_y', [{ x: 1.5 }]);
  // @ts-expect-error a version and a label cannot both pin the model
  createClient({ baseUrl: 'x', version: 1, label: 'stable' });
  createClient({ baseUrl: 'x', label: 'stable' });
  // @ts-expect-error an unknown signature
  await c.predict('nope', [{ x: [1] }]);
  // @ts-expect-error a string where DT_FLOAT is expected
  await c.predict('serving_default', [{ x: ['1'] }]);
  // @ts-expect-error the fixed dimension has length 1
  await c.predict('serving_default', [{ x: [1, 2] }]);
  // @ts-expect-error predict_with_scale has a scalar input: no row format
  await c.predict('predict_with_scale', [{ x: [1], scale: 2 }]);
  // @ts-expect-error the scale input is missing
  await c.predictColumns('predict_with_scale', { x: [[1]] });
  // @ts-expect-error a predict signature on :classify
  await c.classify('serving_default', [{ x: 1.5 }]);
  // @ts-expect-error x is a float feature (its ParseExample op says so)
  await c.regress('regress_x_to_y', [{ x: 'one' }]);
  await c.regress('regress_x_to_y', [{ x: [1.5], tags: ['a', { b64: 'AAE=' }], unparsed: true }]);
  const big = H.createClient({ baseUrl: 'http://localhost:8501', int64: 'bigint' });
  const out: bigint[] = (await big.predictColumns('sig-x', { in: [1n, 2] })).out;
  const bools: boolean[] = (await big.predictColumns('sig_x', { in: [true] })).out;
  const bytes: H.B64[] = (await big.predictColumns('class', { in: ['text', { b64: 'AAE=' }] })).out_bytes;
  // @ts-expect-error the default int64 mode gives numbers, not bigints
  const wrong: bigint[] = (await H.createClient({ baseUrl: 'x' }).predictColumns('sig-x', { in: [1] })).out;
  void [y, ys, classes, out, bools, bytes, wrong];
}
`;

describe('client packages', () => {
  before(async () => {
    for (const m of own) await client(join(FIXTURES, m), join(out, m), { name: m });
    for (const m of shared) await client(m, join(out, dirName(m)), { name: 'model' });
    // Every line terminator ECMAScript knows, in the one string every file quotes.
    await client(join(FIXTURES, 'half_plus_two'), join(out, 'line_separators'), { name: 'm\u2028console.log(1)//\u2029x', packageName: 'line-separators' });
  });

  it('a model name with U+2028/U+2029 stays inside its comments and strings', () => {
    const src = readFileSync(join(out, 'line_separators/src/index.ts'), 'utf8');
    assert.ok(!/[\u2028\u2029]/.test(src), 'no raw line or paragraph separator in the generated source');
  });

  it('every package and the type-level tests compile with tsc --strict (wrong calls do not)', () => {
    assert.deepEqual(compileStrict(out, TYPE_TESTS), []);
  });

  it("the package's request check is tf2openapi's: the runtime copied verbatim, the table's verdicts through the copy", async () => {
    const { runtimeFiles } = await import('../src/emitters/client/render.js');
    for (const [file, text] of Object.entries(runtimeFiles())) assert.equal(readFileSync(join(out, 'half_plus_two', file), 'utf8'), text, file);
    const copy = await import(pathToFileURL(join(out, 'half_plus_two/src/runtime/check.ts')).href);
    const { CASES, MODELS } = await import('../src/protocol/tfserving/check.table.js');
    const { describeModelApi } = await import('../src/protocol/tfserving/describe.js');
    const { checkRequest } = await import('../src/protocol/tfserving/runtime/check.js');
    for (const c of CASES) {
      const m = MODELS[c.model]!;
      const api = describeModelApi(
        {
          file: c.model,
          schemaVersion: 1,
          metaGraphs: [
            {
              tags: ['serve'],
              tensorflowVersion: '',
              tensorflowGitVersion: '',
              signatures: m.signatures,
              ...(m.features ? { exampleFeatures: new Map(Object.entries(m.features)) } : {}),
            },
          ],
        },
        { name: c.model },
      );
      assert.deepStrictEqual(copy.checkRequest(c.body, api, c.on), checkRequest(c.body, api, c.on), c.body);
    }
  });

  it('a package.json ready to publish, with no runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(out, 'half_plus_two/package.json'), 'utf8'));
    assert.equal(pkg.name, 'half_plus_two-tfserving-client');
    assert.equal(pkg.type, 'module');
    assert.equal(pkg.dependencies, undefined);
    assert.ok(pkg.exports['.'].types);
    assert.match(readFileSync(join(out, 'hostile_names/README.md'), 'utf8'), /predictColumns/);
  });
});

describe('clients against a TF Serving stand-in', () => {
  const servers: TfServingStandIn[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));
  const live = async (model: string) => {
    const { generated } = await client(join(FIXTURES, model), join(out, `live-${model}`), { name: model });
    const server = await startTfServing(generated.api);
    servers.push(server);
    const mod = await import(pathToFileURL(join(out, `live-${model}`, 'src/index.ts')).href);
    return { mod, server };
  };

  it('predict (rows) and predictColumns, NaN parsed, Host header sent', async () => {
    const { mod, server } = await live('half_plus_two');
    const c = mod.createClient({ baseUrl: server.url, headers: { Host: 'half-plus-two.models.example.com' } });
    const rows = await c.predict('serving_default', [{ x: [1] }, { x: [2] }]);
    assert.equal(rows.length, 2);
    assert.ok(Number.isNaN(rows[0].y[0]));
    const cols = await c.predictColumns('predict_with_scale', { x: [[1], [2]], scale: 3 });
    assert.equal(cols.y.length, 2);
    assert.equal(server.requests.at(-1)!.headers.host, 'half-plus-two.models.example.com');
    assert.deepStrictEqual(JSON.parse(server.requests.at(-1)!.body), { signature_name: 'predict_with_scale', inputs: { x: [[1], [2]], scale: 3 } });
    const classes = await c.classify('classify_x_to_y', [{ x: 1.5 }]);
    assert.equal(classes[0][0][0], '0');
    assert.ok(Number.isNaN(classes[0][1][1]));
    assert.deepStrictEqual(await c.regress('regress_x_to_y', [{ x: 1.5 }, { x: 2.5 }]), [1.5, 1.5]);
    assert.equal((await c.metadata()).model_spec.name, 'half_plus_two');
    assert.equal((await c.status()).model_version_status[0].state, 'AVAILABLE');
  });
  it('int64 outputs losslessly as bigint or string; b64 outputs decode', async () => {
    const { mod, server } = await live('hostile_names');
    const asBig = await mod.createClient({ baseUrl: server.url, int64: 'bigint' }).predictColumns('sig-x', { in: [1n, 9007199254740993n] });
    assert.equal(asBig.out[0], BigInt(BIG_INT64));
    assert.match(server.requests.at(-1)!.body, /9007199254740993/);
    const asString = await mod.createClient({ baseUrl: server.url, int64: 'string' }).predictColumns('sig-x', { in: [1] });
    assert.equal(asString.out[0], BIG_INT64);
    const bytes = await mod.createClient({ baseUrl: server.url }).predictColumns('class', { in: ['a'] });
    assert.deepStrictEqual([...mod.decodeB64(bytes.out_bytes[0])], [...Buffer.from('bytes 0')]);
    const hostile = await mod.createClient({ baseUrl: server.url }).predict('sig "quoted" */ ${x}', [{ in: 1 }]);
    assert.equal(typeof hostile[0].out, 'number');
    // Names special to JavaScript objects are ordinary keys, in requests and in answers.
    const proto = await mod.createClient({ baseUrl: server.url, validate: true }).predictColumns('__proto__', JSON.parse('{"constructor": [1.5]}'));
    assert.deepStrictEqual(Object.keys(proto), ['__proto__', 'toString']);
    assert.ok(Array.isArray(proto.__proto__) && Object.getPrototypeOf(proto) === Object.prototype);
  });
  it('errors: TF Serving status with its message; timeouts and network failures apart; validation before sending', async () => {
    const { mod, server } = await live('half_plus_two');
    const c = mod.createClient({ baseUrl: server.url });
    await assert.rejects(
      c.predict('serving_default', [{ x: ['one'] }]),
      (e: any) =>
        e instanceof mod.TfServingError &&
        e.status === 400 &&
        /is not a number/.test(e.serverMessage) &&
        e.signature === 'serving_default' &&
        e.model === 'half_plus_two',
    );
    await assert.rejects(mod.createClient({ baseUrl: server.url, model: 'other' }).status(), (e: any) => e instanceof mod.TfServingError && e.status === 404);
    server.delayMs = 300;
    await assert.rejects(mod.createClient({ baseUrl: server.url, timeoutMs: 50 }).status(), (e: any) => e instanceof mod.TfServingTimeoutError);
    server.delayMs = 0;
    await assert.rejects(mod.createClient({ baseUrl: 'http://127.0.0.1:9' }).status(), (e: any) => e instanceof mod.TfServingNetworkError);
    const before = server.requests.length;
    await assert.rejects(
      mod.createClient({ baseUrl: server.url, validate: true }).predict('serving_default', [{ x: ['one'] }]),
      (e: any) => e instanceof mod.TfServingRequestError && e.problems[0].rule === 'value' && /is not a number/.test(e.message),
    );
    // A shape the signature contradicts is TF Serving's to accept: refused only when strict.
    await assert.rejects(
      mod.createClient({ baseUrl: server.url, validate: 'strict' }).predict('serving_default', [{ x: [1, 2] }]),
      (e: any) => e instanceof mod.TfServingRequestError && e.problems[0].rule === 'shape',
    );
    assert.equal(server.requests.length, before, 'nothing was sent');
    const sent = await mod.createClient({ baseUrl: server.url, validate: true }).predict('serving_default', [{ x: [1, 2] }]);
    assert.deepEqual(Object.keys(sent[0]), ['y'], 'a contract warning alone does not stop the request');
    await assert.rejects(() => c.classify('serving_default', [{ x: 1 }]), /not a classify signature/);
  });
  it(
    'every predict signature of every shared model answers with the shapes its types promise',
    { skip: HAVE_SHARED ? false : 'skipped: ../shared is absent' },
    async () => {
      for (const m of shared) {
        const { generated } = await client(m, join(out, `live-${dirName(m)}`), { name: 'model' });
        const server = await startTfServing(generated.api);
        servers.push(server);
        const mod = await import(pathToFileURL(join(out, `live-${dirName(m)}`, 'src/index.ts')).href);
        const c = mod.createClient({ baseUrl: server.url, validate: true, int64: 'bigint' });
        for (const sig of generated.api.signatures) {
          const inputs = Object.fromEntries(sig.inputs.map((t) => [t.alias, exampleTensor(t.value, concreteShape(t.shape, 2))]));
          const outputs = await c.predictColumns(sig.key, inputs);
          assert.deepStrictEqual(Object.keys(outputs).sort(), sig.outputs.map((t) => t.alias).sort(), `${m} ${sig.key}`);
          for (const t of sig.outputs) if (t.shape && t.shape.length > 0) assert.ok(Array.isArray(outputs[t.alias]), `${m} ${sig.key} ${t.alias}`);
        }
      }
    },
  );
  it('version and label pins go into the URL', async () => {
    const { mod, server } = await live('no_default');
    await mod.createClient({ baseUrl: server.url, version: 3 }).predictColumns('embed', { text: ['a'] });
    assert.match(server.requests.at(-1)!.path, /^\/v1\/models\/no_default\/versions\/3:predict$/);
    await mod.createClient({ baseUrl: server.url, label: 'canary' }).predict('score', [{ text: 'a' }]);
    assert.match(server.requests.at(-1)!.path, /\/labels\/canary:predict$/);
    assert.deepStrictEqual(JSON.parse(server.requests.at(-1)!.body).signature_name, 'score');
  });
});
