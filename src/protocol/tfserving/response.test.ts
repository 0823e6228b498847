import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { context } from '../../openapi/context.js';
import { schemaValidator } from '../../openapi/schema-validator.js';
import { describeModelApi } from './describe.js';
import { componentNames } from './openapi/components.js';
import { buildDocument } from './openapi/document.js';
import { RESPONSE_MODEL, RESPONSES, type ResponseCase } from './response.table.js';
import { TfServingClient } from './runtime/client.js';
import { parseDocument, toPlain } from './runtime/json.js';

const api = describeModelApi(
  { file: 'responses', schemaVersion: 1, metaGraphs: [{ tags: ['serve'], tensorflowVersion: '', tensorflowGitVersion: '', signatures: RESPONSE_MODEL }] },
  { name: 'm' },
);
const doc = buildDocument(api, context({ name: 'm' }));
const validator = schemaValidator(doc);
const names = componentNames(api.signatures.map((s) => s.key));
const component = (c: ResponseCase) =>
  c.form === 'classify'
    ? 'ClassifyResponse'
    : c.form === 'regress'
      ? 'RegressResponse'
      : `Signature.${names.get(c.signature)}.Predict${c.form === 'row' ? 'Row' : 'Columnar'}Response`;
const label = (c: ResponseCase) => `${c.signature} ${c.form} ${c.body.slice(0, 80)} (${c.source})`;

/** The runtime's decoding, reached the way a package's typed client reaches it. */
class Probe extends TfServingClient<'bigint'> {
  decode(c: ResponseCase) {
    if (c.form === 'row') return this.rows(c.signature, [{ x: 1 }], {});
    if (c.form === 'columnar') return this.columns(c.signature, { x: [1] }, {});
    return this.examples(c.form, c.signature, [{}], undefined, {});
  }
}
const probe = (body: string) => new Probe(api, { baseUrl: 'http://tf-serving', int64: 'bigint', fetch: (async () => new Response(body)) as typeof fetch });

describe('TF Serving response table', () => {
  it(`has at least 30 cases, each citing its source (${RESPONSES.length})`, () => {
    assert.ok(RESPONSES.length >= 30);
    for (const c of RESPONSES) assert.ok(c.source.length > 5, label(c));
  });

  it('the OpenAPI response schemas take exactly what TF Serving writes (non-finite numbers aside: JSON Schema has none)', () => {
    for (const c of RESPONSES) {
      if (c.nonFinite) continue;
      const problems = validator.problems(component(c), toPlain(parseDocument(c.body).value));
      if (c.want === 'ok') assert.deepStrictEqual(problems, [], label(c));
      else assert.notDeepStrictEqual(problems, [], label(c));
    }
  });

  it('the client runtime decodes every answer TF Serving writes: outputs keyed by alias, NaN and ±Infinity kept, int64 exact', async () => {
    for (const c of RESPONSES.filter((r) => r.want === 'ok')) {
      const got = await probe(c.body).decode(c);
      const sig = api.signatures.find((s) => s.key === c.signature)!;
      if (c.form === 'row')
        for (const row of got as Record<string, unknown>[])
          assert.deepStrictEqual(
            Object.keys(row),
            sig.outputs.map((o) => o.alias),
            label(c),
          );
      if (c.form === 'columnar')
        assert.deepStrictEqual(
          Object.keys(got as object),
          sig.outputs.map((o) => o.alias),
          label(c),
        );
    }
    const nonFinite = (await probe('{"outputs": [[NaN, Infinity, -Infinity]]}').decode({ signature: 'floats', form: 'columnar' } as ResponseCase)) as {
      f: number[][];
    };
    assert.deepStrictEqual(nonFinite.f, [[NaN, Infinity, -Infinity]]);
    const big = (await probe(RESPONSES.find((c) => c.signature === 'big')!.body).decode({ signature: 'big', form: 'columnar' } as ResponseCase)) as Record<
      string,
      bigint[]
    >;
    assert.deepStrictEqual(big, { i64: [9223372036854775807n, -9223372036854775808n], u64: [18446744073709551615n, 0n] });
    assert.deepStrictEqual(await probe('{"results": [0.2, NaN]}').decode({ signature: 'regress', form: 'regress' } as ResponseCase), [0.2, NaN]);
  });
});
