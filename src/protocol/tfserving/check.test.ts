import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDocument } from './openapi/document.js';
import { context } from '../../openapi/context.js';
import { schemaValidator } from '../../openapi/schema-validator.js';
import { CASES, MODELS, tableSavedModel, type Case } from './check.table.js';
import { describeModelApi, type ModelApi } from './describe.js';
import { requestComponent } from './openapi/components.js';
import { checkRequest, type CheckResult } from './runtime/check.js';
import { parseDocument, toPlain } from './runtime/json.js';

const apis = new Map<string, ModelApi>(Object.keys(MODELS).map((name) => [name, describeModelApi(tableSavedModel(name), { name })]));
const label = (c: Case) => `${c.model} :${c.on} ${c.body.length > 90 ? `${c.body.slice(0, 90)}…` : c.body} (${c.source})`;

/** The verdict: the level of the worst problem, and the rule of the first problem at that level. */
export function verdict(r: CheckResult): { want: Case['want']; rule?: string } {
  const error = r.problems.find((p) => p.level === 'error');
  if (error) return { want: 'error', rule: error.rule };
  const warning = r.problems.find((p) => p.level === 'warning');
  return warning ? { want: 'warning', rule: warning.rule } : { want: 'ok' };
}

describe('TF Serving request table', () => {
  it(`has at least 100 cases, each citing its source (${CASES.length})`, () => {
    assert.ok(CASES.length >= 100);
    for (const c of CASES) assert.ok(c.source.length > 5, label(c));
  });

  it('validate: the verdict TF Serving gives, with the rule', () => {
    for (const c of CASES) {
      const got = verdict(checkRequest(c.body, apis.get(c.model)!, c.on, c.signature));
      assert.deepStrictEqual(got, { want: c.want, ...(c.want === 'ok' ? {} : { rule: c.rule }) }, label(c));
    }
  });

  it('the OpenAPI request schemas agree where JSON Schema can say it', () => {
    const validators = new Map(
      [...apis].map(([name, api]) => {
        const doc = buildDocument(api, context({ name }));
        return [name, { doc, validator: schemaValidator(doc) }];
      }),
    );
    for (const c of CASES) {
      if (c.schemaBlind || c.want === 'warning') continue;
      const { doc, validator } = validators.get(c.model)!;
      const component = requestComponent(c.on);
      const body = toPlain(parseDocument(c.body).value);
      const problems = doc.components?.schemas?.[component] ? validator.problems(component, body) : [{ pointer: '', message: 'no such endpoint' }];
      if (c.want === 'ok') assert.deepStrictEqual(problems, [], label(c));
      else assert.notDeepStrictEqual(problems, [], label(c));
    }
  });
});
