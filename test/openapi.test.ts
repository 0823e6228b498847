// The generated OpenAPI documents: valid (swagger-parser runs inside generate), every example
// valid against its schema, TF Serving's documented requests accepted, broken ones refused with
// the right pointer, and the schema (ajv) and the TF Serving checker agreeing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generate, type Generated } from '../src/jobs/generate.js';
import { validateText } from '../src/jobs/validate.js';
import type { Document } from '../src/openapi/context.js';
import { schemaValidator } from '../src/openapi/schema-validator.js';
import { findSavedModels, FIXTURES, HAVE_SHARED, KFSERVING_PBS, SHARED, SHARED_SKIP } from './helpers.js';
import { formatDocument, formatDocumentPieces } from '../src/emitters/write-output.js';

type AnyDoc = Document & {
  components: { schemas: Record<string, { example?: unknown }>; examples?: Record<string, { summary: string; description?: string; value?: unknown }> };
  paths: Record<string, Record<string, any>>;
};

/** Every schema example and every media-type example (a reference into components/examples) validates against its schema. */
function checkExamples(g: Generated) {
  const doc = g.document as AnyDoc;
  const v = schemaValidator(doc);
  let n = 0;
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    if (schema.example === undefined) continue;
    assert.deepStrictEqual(v.validate(name, schema.example), [], `example of ${name}`);
    n++;
  }
  const examples = doc.components.examples ?? {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const op of Object.values(item)) {
      // Request bodies and answers are shared components, referenced by each URL variant.
      const deref = (b: any) =>
        typeof b?.$ref === 'string'
          ? b.$ref
              .split('/')
              .slice(1)
              .reduce((o: any, k: string) => o?.[k], doc)
          : b;
      const requestBody = deref(op.requestBody);
      const bodies = [requestBody, deref(op.responses?.['200'])].filter((b) => b?.content?.['application/json']);
      if (path.match(/:(predict|classify|regress)$/)) assert.equal(bodies.length, 2, `${path}: its request body and answer resolve`);
      for (const body of bodies) {
        const m = body.content['application/json'];
        const refs = Object.entries((m.examples ?? {}) as Record<string, { $ref: string }>);
        // A body too large to spell out is described instead (in the body's description).
        assert.ok(refs.length > 0 || /Not spelled out: /.test(body.description ?? ''), `${path}: a 200 or request body with neither examples nor a note`);
        for (const [exName, ref] of refs) {
          const ex = examples[decodeURIComponent(ref.$ref.replace('#/components/examples/', '').replace(/~1/g, '/').replace(/~0/g, '~'))];
          assert.ok(ex && ex.value !== undefined, `${path} example ${exName}: ${ref.$ref} resolves to a value`);
          // ajv never matches a property named "__proto__" (it reports it as additional): such
          // examples are checked by the protocol's own checker instead, where they are requests.
          if (JSON.stringify(ex.value).includes('"__proto__"')) {
            const endpoint = path.match(/:(predict|classify|regress)$/)?.[1];
            if (body === requestBody && endpoint)
              assert.deepStrictEqual(validateText(JSON.stringify(ex.value), g.api, endpoint).problems, [], `${path} example ${exName}`);
            continue;
          }
          assert.deepStrictEqual(v.validateSchema(m.schema, ex.value), [], `${path} example ${exName}`);
          n++;
        }
      }
    }
  }
  return n;
}

const models = [
  ...['half_plus_two', 'shapes', 'all_dtypes', 'hostile_names', 'no_default', 'image_classifier'].map((m) => join(FIXTURES, m)),
  ...(HAVE_SHARED ? findSavedModels(join(SHARED, 'fixtures/savedmodels')) : []),
  ...KFSERVING_PBS,
];

describe('every model gives a valid document whose examples validate', () => {
  for (const model of models) {
    for (const openapi of ['3.0', '3.1'] as const) {
      it(`${model.slice(model.indexOf('fixtures'))} (OpenAPI ${openapi})`, async () => {
        const g = await generate(model, { openapi, name: 'my-model', check: true });
        assert.ok(g.api.signatures.length > 0, 'describes at least one signature');
        assert.ok(checkExamples(g) > 0);
        // What generate writes piece by piece is the whole text, in both formats.
        for (const format of ['json', 'yaml'] as const)
          assert.equal([...formatDocumentPieces(g.document, format)].join(''), formatDocument(g.document, format), format);
      });
    }
  }
});

const predict = async (model: string, body: unknown, opts: { signature?: string } = {}) => {
  const g = await generate(model);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const checked = validateText(text, g.api, 'predict', opts.signature);
  return {
    g,
    checked,
    pointers: checked.problems.map((p) => p.pointer),
    schema: typeof body === 'string' ? undefined : schemaValidator(g.document).validate('PredictRequest', body),
  };
};

describe('predict requests (half_plus_two fixture: x [-1, 1] float)', () => {
  const m = join(FIXTURES, 'half_plus_two');
  const accepted: [string, unknown][] = [
    ['row, plain values', { instances: [[1.0], [2.0], [5.0]] }],
    ['row, named', { instances: [{ x: [1.0] }, { x: [2.0] }] }],
    ['columnar, plain', { inputs: [[1.0], [2.0]] }],
    ['columnar, named', { inputs: { x: [[1.0], [2.0]] } }],
    ['another signature, named', { signature_name: 'predict_with_scale', inputs: { x: [[1]], scale: 2 } }],
  ];
  for (const [what, body] of accepted) {
    it(`accepts ${what}`, async () => {
      const r = await predict(m, body);
      assert.deepStrictEqual(r.checked.problems, []);
      assert.deepStrictEqual(r.schema, []);
    });
  }
  // Errors: what TF Serving refuses (the full table is src/protocol/tfserving/check.table.ts).
  const refused: [string, unknown, string][] = [
    ['both keys', { instances: [[1.0]], inputs: [[1.0]] }, ''],
    ['neither key', { signature_name: 'serving_default' }, ''],
    ['a wrong dtype', { instances: [['one']] }, '/instances/0/0'],
    ['a missing input', { signature_name: 'predict_with_scale', inputs: { x: [[1]] } }, '/inputs'],
    ['an empty instance list', { instances: [] }, '/instances'],
    ['an unknown signature', { signature_name: 'nope', instances: [[1.0]] }, '/signature_name'],
  ];
  for (const [what, body, ptr] of refused) {
    it(`refuses ${what} at ${ptr || '/'}`, async () => {
      const r = await predict(m, body);
      const errors = r.checked.problems.filter((p) => p.level === 'error').map((p) => p.pointer);
      assert.ok(errors.includes(ptr), `pointers ${JSON.stringify(errors)}`);
      assert.notDeepStrictEqual(r.schema, [], 'the schema refuses it too');
    });
  }
  // Warnings: TF Serving accepts them; the signature (and so the schema) says otherwise.
  const warned: [string, unknown, string][] = [
    ['a wrong fixed dimension', { instances: [[1.0, 2.0]] }, '/instances/0'],
    ['an extra input, which TF Serving ignores', { inputs: { x: [[1.0]], y: [[1.0]] } }, '/inputs/y'],
    ['row format for a scalar input', { signature_name: 'predict_with_scale', instances: [{ x: [1], scale: 2 }] }, '/instances'],
  ];
  for (const [what, body, ptr] of warned) {
    it(`warns of ${what} at ${ptr}`, async () => {
      const r = await predict(m, body);
      assert.deepStrictEqual(
        r.checked.problems.map((p) => [p.level, p.pointer]),
        [['warning', ptr]],
      );
      assert.notDeepStrictEqual(r.schema, [], 'the schema states the contract');
    });
  }
  it('refuses a ragged list, which no JSON Schema here can see', async () => {
    const r = await predict(join(FIXTURES, 'shapes'), {
      inputs: {
        scalar: 1,
        unknown_rank: [[1, 2], [3]],
        matrix: [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
        ],
      },
    });
    assert.ok(
      r.checked.problems.some((p) => p.pointer === '/inputs/unknown_rank/1' && p.rule === 'ragged'),
      JSON.stringify(r.checked.problems),
    );
  });
  it('refuses instances of different shapes and inputs with different batch sizes', async () => {
    const rows = await predict(join(FIXTURES, 'shapes'), { signature_name: 'vectors', instances: [[1], [1, 2]] });
    assert.deepStrictEqual(rows.pointers, ['/instances/1']);
    assert.deepStrictEqual(rows.schema, [], 'JSON Schema cannot see this one');
    const cols = await predict(join(FIXTURES, 'all_dtypes'), {
      signature_name: 'json_dtypes',
      inputs: Object.fromEntries(
        (await generate(join(FIXTURES, 'all_dtypes'))).api.signatures[0]!.inputs.map((t, i) => [
          t.alias,
          Array(i === 0 ? 3 : 2).fill(t.value.kind === 'boolean' ? [true, false] : t.value.kind === 'string' ? ['a', 'b'] : [1, 2]),
        ]),
      ),
    });
    assert.ok(
      cols.checked.problems.some((p) => p.level === 'warning' && p.rule === 'batch'),
      JSON.stringify(cols.checked.problems),
    );
  });
  it('accepts NaN and Infinity tokens as TF Serving does', async () => {
    const r = await predict(m, '{"instances": [[NaN], [Infinity], [-Infinity]]}');
    assert.deepStrictEqual(r.checked.problems, []);
  });
  it('refuses bad base64 and plain text for a _bytes input', async () => {
    const nd = join(FIXTURES, 'no_default');
    const bad = await predict(nd, { signature_name: 'image_bytes', instances: [{ image_bytes: { b64: 'not base64!' }, key: 'k' }] });
    assert.deepStrictEqual(bad.pointers, ['/instances/0/image_bytes/b64']);
    const text = await predict(nd, { signature_name: 'image_bytes', instances: [{ image_bytes: 'raw', key: 'k' }] });
    assert.deepStrictEqual(text.pointers, ['/instances/0/image_bytes']);
    assert.notDeepStrictEqual(text.schema, []);
  });
  it('two signatures taking the same tensors: a body matches exactly one oneOf branch', async () => {
    const g = await generate(join(FIXTURES, 'no_default'));
    const v = schemaValidator(g.document);
    assert.deepStrictEqual(v.validate('PredictRequest', { signature_name: 'score', instances: ['a'] }), []);
    assert.deepStrictEqual(v.validate('PredictRequest', { signature_name: 'embed', inputs: { text: ['a'] } }), []);
  });
  it('requires signature_name where the model has no serving_default', async () => {
    const r = await predict(join(FIXTURES, 'no_default'), { instances: ['hello'] });
    assert.deepStrictEqual(
      r.checked.problems.map((p) => p.rule),
      ['no-signature'],
    );
    assert.notDeepStrictEqual(r.schema, []);
  });
  it('checks integer ranges exactly, beyond 2^53 too', async () => {
    const g = await generate(join(FIXTURES, 'all_dtypes'));
    const sig = g.api.signatures[0]!;
    const body = (alias: string, literal: string) => {
      const cols = sig.inputs.map(
        (t) =>
          `${JSON.stringify(t.alias)}: ${t.alias === alias ? `[[${literal}, ${literal}]]` : JSON.stringify([[t.value.kind === 'boolean' ? true : t.value.kind === 'string' ? 'a' : 1, t.value.kind === 'boolean' ? true : t.value.kind === 'string' ? 'a' : 1]])}`,
      );
      return `{"signature_name": "json_dtypes", "inputs": {${cols.join(', ')}}}`;
    };
    const problems = (alias: string, literal: string) => validateText(body(alias, literal), g.api, 'predict').problems.map((p) => p.message);
    assert.deepStrictEqual(problems('dt_int64', '9223372036854775807'), []);
    assert.match(problems('dt_int64', '9223372036854775808')[0] ?? '', /is not within DT_INT64's range/);
    assert.match(problems('dt_uint8', '256')[0] ?? '', /out of DT_UINT8's range .* narrows it silently/);
    assert.match(problems('dt_int32', '1.5')[0] ?? '', /is not an integer written without fraction/);
    assert.match(problems('dt_float', '16777217')[0] ?? '', /has no exact float32/);
  });
});

describe('classify and regress', () => {
  const m = join(FIXTURES, 'half_plus_two');
  it('describes :classify and :regress for a model that has such signatures', async () => {
    const g = await generate(m);
    const paths = Object.keys((g.document as AnyDoc).paths);
    for (const p of [
      '/v1/models/model:classify',
      '/v1/models/model/versions/{version}:regress',
      '/v1/models/model/labels/{label}:predict',
      '/v1/models/model/metadata',
    ])
      assert.ok(paths.includes(p), p);
  });
  it('accepts examples with context and refuses mixed feature kinds', async () => {
    const g = await generate(m);
    const ok = {
      signature_name: 'classify_x_to_y',
      context: { c: 'x' },
      examples: [
        { x: 1.5, tags: ['a', { b64: 'AAE=' }] },
        { x: [2.5], unparsed: [true, 3] },
      ],
    };
    assert.deepStrictEqual(validateText(JSON.stringify(ok), g.api, 'classify').problems, []);
    assert.deepStrictEqual(schemaValidator(g.document).validate('ClassifyRequest', ok), []);
    const mixed = validateText('{"signature_name": "regress_x_to_y", "examples": [{"x": [1.5, 2]}]}', g.api, 'regress');
    assert.deepStrictEqual(
      mixed.problems.map((p) => p.pointer),
      ['/examples/0/x/1'],
    );
    const intVsFloat = validateText('{"signature_name": "regress_x_to_y", "examples": [{"x": [2.0]}, {"x": 1.0, "y": [1.5, 2.0]}]}', g.api, 'regress');
    assert.deepStrictEqual(intVsFloat.problems, [], '2.0 is a float as TF Serving reads it');
  });
  it("types the features the graph's ParseExample op parses", async () => {
    const g = await generate(m);
    const sig = g.api.signatures.find((s) => s.key === 'regress_x_to_y')!;
    assert.deepStrictEqual(sig.features, [
      { name: 'x', dtype: 'DT_FLOAT', kind: 'dense', shape: [1], required: true },
      { name: 'tags', dtype: 'DT_STRING', kind: 'sparse', required: false },
    ]);
    const check = (body: string) => validateText(body, g.api, 'regress').problems;
    assert.deepStrictEqual(check('{"signature_name": "regress_x_to_y", "examples": [{"x": 2}]}'), [
      {
        level: 'warning',
        rule: 'parsed-feature',
        pointer: '/examples/0/x',
        message: 'feature "x" is DT_FLOAT in the model; these values make an int64 list (write 1.0, not 1)',
      },
    ]);
    assert.deepStrictEqual(
      check('{"signature_name": "regress_x_to_y", "examples": [{"tags": "a"}]}').map((p) => p.pointer),
      ['/examples/0'],
    );
    assert.deepStrictEqual(
      check('{"signature_name": "regress_x_to_y", "context": {"x": 1.5}, "examples": [{"tags": "a"}]}'),
      [],
      'a feature may come from the context',
    );
    assert.deepStrictEqual(
      check('{"signature_name": "regress_x_to_y", "examples": [{"x": [1.5, 2.5]}]}').map((p) => p.pointer),
      ['/examples/0/x'],
    );
    const schema = schemaValidator(g.document);
    assert.deepStrictEqual(schema.validate('RegressRequest', { signature_name: 'regress_x_to_y', examples: [{ x: 1.5, tags: ['a'], other: 1 }] }), []);
    assert.notDeepStrictEqual(schema.validate('RegressRequest', { signature_name: 'regress_x_to_y', examples: [{ x: 'one' }] }), []);
  });
});

describe('metadata', { skip: SHARED_SKIP }, () => {
  it("the metadata example is TF Serving's real response for the same model", async () => {
    const g = await generate(join(SHARED, 'fixtures/savedmodels/tfserving-saved_model_half_plus_two_2_versions'), {
      name: 'saved_model_half_plus_two_2_versions',
      version: '123',
    });
    const real = JSON.parse(readFileSync(join(SHARED, 'tfserving/saved_model_half_plus_two_2_versions_metadata.json'), 'utf8'));
    const ours = (g.document as AnyDoc).components.examples!.ModelMetadata!.value;
    assert.deepStrictEqual(JSON.parse(JSON.stringify(ours)), real);
  });
});

describe("parity with KServe's Go tf2openapi golden files", { skip: SHARED_SKIP }, () => {
  const dir = join(SHARED, 'fixtures/kfserving-tf2openapi');
  for (const name of ['TestColFmtMultipleTensors', 'TestColFmtScalar', 'TestColFmtSingleTensor', 'TestRowFmtMultipleTensors', 'TestRowFmtSingleTensor']) {
    it(`${name}: our spec accepts the request the Go tool's spec accepts, and keeps its path`, async () => {
      const g = await generate(join(dir, `${name}.pb`), { version: '1' });
      const golden = JSON.parse(readFileSync(join(dir, `${name}.golden.json`), 'utf8'));
      for (const p of Object.keys(golden.paths)) assert.ok(p in (g.document as AnyDoc).paths, `path ${p}`);
      const req = readFileSync(join(dir, `${name}Req.json`), 'utf8');
      assert.deepStrictEqual(validateText(req, g.api, 'predict').problems, []);
      assert.deepStrictEqual(schemaValidator(g.document).validate('PredictRequest', JSON.parse(req)), []);
    });
  }
  /** The smallest value a (Go tool's) schema accepts: required properties, minItems items. */
  const sample = (schema: any): unknown => {
    if (schema.type === 'object')
      return Object.fromEntries((schema.required ?? Object.keys(schema.properties ?? {})).map((k: string) => [k, sample(schema.properties[k])]));
    if (schema.type === 'array') return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items));
    // 1, not 1.5: the Go spec types int32 tensors as "number", but TF Serving refuses fractions for them.
    return schema.type === 'string' ? 'AAE=' : 1;
  };
  for (const name of [
    'TestCensus',
    'TestFlowers',
    'TestRowFmtMultipleTensors',
    'TestColFmtMultipleTensors',
    'TestColFmtScalar',
    'TestRowFmtSingleTensor',
    'TestColFmtSingleTensor',
  ]) {
    it(`${name}: a request built from the Go spec's schema is accepted by ours`, async () => {
      const golden = JSON.parse(readFileSync(join(dir, `${name}.golden.json`), 'utf8'));
      const body = sample(golden.components.requestBodies.modelInput.content['application/json'].schema) as Record<string, unknown>;
      const g = await generate(join(dir, `${name}.pb`));
      // Documented difference: without serving_default, TF Serving needs signature_name; the Go spec leaves it out.
      if (!g.api.hasDefault) body.signature_name = g.api.signatures[0]!.key;
      assert.deepStrictEqual(validateText(JSON.stringify(body), g.api, 'predict').problems, [], JSON.stringify(body).slice(0, 200));
      assert.deepStrictEqual(schemaValidator(g.document).validate('PredictRequest', body), []);
    });
  }
  it('TestCustomFlags: -n and -v give the same path', async () => {
    const golden = JSON.parse(readFileSync(join(dir, 'TestCustomFlags.golden.json'), 'utf8'));
    const g = await generate(join(dir, 'TestFlowers.pb'), { name: 'customName', version: '1000' });
    assert.ok(Object.keys(golden.paths).length > 0);
    for (const p of Object.keys(golden.paths)) assert.ok(p in (g.document as AnyDoc).paths, `path ${p}`);
  });
});

describe('hostile names', () => {
  it('survive a YAML round trip', async () => {
    const { formatDocument } = await import('../src/emitters/write-output.js');
    const { parse } = await import('yaml');
    const g = await generate(join(FIXTURES, 'hostile_names'));
    assert.deepStrictEqual(parse(formatDocument(g.document, 'yaml')), JSON.parse(JSON.stringify(g.document)));
  });
  it('escape in JSON pointers, component names and paths', async () => {
    const g = await generate(join(FIXTURES, 'hostile_names'), { name: 'a/b c' });
    const doc = g.document as AnyDoc;
    assert.ok('/v1/models/a%2Fb%20c:predict' in doc.paths);
    for (const name of Object.keys(doc.components.schemas)) assert.match(name, /^[A-Za-z0-9._-]+$/);
    const body = { signature_name: 'sig/with/slashes~', inputs: { in: 'oops' } };
    const r = validateText(JSON.stringify(body), g.api, 'predict');
    assert.ok(r.problems.length > 0);
    const named = validateText(JSON.stringify({ inputs: { 'slash/and~tilde': [1], 'with space': [1] } }), g.api, 'predict');
    assert.ok(named.problems.some((p) => p.pointer === '/inputs' && /missing input/.test(p.message)));
    const extra = validateText(JSON.stringify({ inputs: { 'x/y~z': [1] } }), g.api, 'predict');
    assert.ok(
      extra.problems.some((p) => p.pointer === '/inputs/x~1y~0z'),
      JSON.stringify(extra.problems),
    );
    // The two signatures with hostile keys stay distinct components.
    assert.ok(Object.keys(doc.components.schemas).filter((n) => n.startsWith('Signature.sig')).length >= 4);
  });
});
