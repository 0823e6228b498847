// `serve` without a browser: the proxy (Host header, bodies streamed, bounded, the target down) and
// the server's robustness (garbage requests, an oversized body) on loopback.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { generate } from '../src/jobs/generate.js';
import { serve, type Serving } from '../src/jobs/serve.js';
import { mockTfServing } from '../src/protocol/tfserving/mock.js';
import { schemaValidator } from '../src/openapi/schema-validator.js';
import { parseDocument, toPlain } from '../src/protocol/tfserving/runtime/json.js';
import { findSavedModels, FIXTURES, SHARED, SHARED_SKIP } from './helpers.js';
import { startTfServing, type TfServingStandIn } from './tfserving-server.js';

const hpt = join(FIXTURES, 'half_plus_two');

describe('serve', () => {
  const servings: Serving[] = [];
  const standIns: TfServingStandIn[] = [];
  after(() => Promise.all([...servings.map((s) => s.close()), ...standIns.map((s) => s.close())]));

  it('proxies /v1/ to the target with the Host header asked for, and the answer back as it came', async () => {
    const { api } = await generate(hpt, { name: 'half_plus_two' });
    const target = await startTfServing(api);
    standIns.push(target);
    const s = await serve(hpt, { name: 'half_plus_two', port: 0, target: target.url, hostHeader: 'half-plus-two.default.example.com' });
    servings.push(s);
    const answer = await fetch(`${s.url}/v1/models/half_plus_two:predict`, { method: 'POST', body: '{"instances": [{"x": [1.0]}]}' });
    assert.equal(answer.status, 200);
    assert.match(await answer.text(), /"predictions"/);
    const seen = target.requests.at(-1)!;
    assert.equal(seen.headers.host, 'half-plus-two.default.example.com');
    assert.equal(seen.body, '{"instances": [{"x": [1.0]}]}');
    // The target's own errors pass through unchanged.
    const refused = await fetch(`${s.url}/v1/models/half_plus_two:predict`, { method: 'POST', body: '{"instances": [{"x": ["one"]}]}' });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /is not a number/);
    // The page and the spec are served here, not proxied.
    assert.match(await (await fetch(`${s.url}/`)).text(), /^<!doctype html>/);
    assert.equal(((await (await fetch(`${s.url}/openapi.json`)).json()) as { openapi: string }).openapi, '3.0.3');
  });

  it('a target that does not answer is a 502 with the reason; a body over --max-body a 413', async () => {
    const s = await serve(hpt, { name: 'half_plus_two', port: 0, target: 'http://127.0.0.1:9', maxBody: 1000 });
    servings.push(s);
    const down = await fetch(`${s.url}/v1/models/half_plus_two`);
    assert.equal(down.status, 502);
    assert.match(await down.text(), /127\.0\.0\.1:9/);
    const big = await fetch(`${s.url}/v1/models/half_plus_two:predict`, { method: 'POST', body: 'x'.repeat(5000) });
    assert.equal(big.status, 413);
  });

  it('the mock survives garbage: a malformed request line, a bad URL escape, a body cut mid-way, then answers again', async () => {
    const s = await serve(hpt, { name: 'half_plus_two', port: 0, maxBody: 1 << 20 });
    servings.push(s);
    const { port } = new URL(s.url);
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(text));
        let got = '';
        socket.on('data', (d) => (got += d));
        socket.on('close', () => resolve(got));
        socket.on('error', () => resolve(got));
      });
    await raw('NONSENSE\r\n\r\n');
    await raw('POST /v1/models/half_plus_two:predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"instances": [');
    const escaped = await fetch(`${s.url}/v1/models/%E0%A4%A:predict`, { method: 'POST', body: '{"instances": [{"x": [1.0]}]}' });
    assert.equal(escaped.status, 404);
    const oversized = await new Promise<number>((resolve) => {
      const req = request(`${s.url}/v1/models/half_plus_two:predict`, { method: 'POST', headers: { 'content-length': 5 << 20 } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', () => resolve(-1));
      req.flushHeaders();
    });
    assert.equal(oversized, 413);
    const ok = await fetch(`${s.url}/v1/models/half_plus_two`);
    assert.equal(ok.status, 200);
  });
});

describe('the mock on every real model', { skip: SHARED_SKIP }, () => {
  it("answers each example request of each shared model's spec with 200 and a body its response schema takes", async () => {
    let answered = 0;
    for (const file of findSavedModels(join(SHARED, 'fixtures/savedmodels'))) {
      const { api, document } = await generate(file.replace(/\/saved_model\.pb$/, ''), { name: 'm' });
      const mock = mockTfServing(api);
      const validator = schemaValidator(document);
      const examples = (document.components as { examples?: Record<string, { value: unknown }> }).examples ?? {};
      for (const [name, ex] of Object.entries(examples)) {
        const m = /^Signature\.(.+)\.Predict(Row|Columnar)Request$/.exec(name);
        if (!m) continue;
        const got = mock('POST', '/v1/models/m:predict', JSON.stringify(ex.value));
        assert.equal(got.status, 200, `${file} ${name}: ${got.body.slice(0, 300)}`);
        const plain = toPlain(parseDocument(got.body).value, (n) => (Number.isFinite(n.value) ? n.value : 0));
        assert.deepStrictEqual(validator.problems(name.replace(/Request$/, 'Response'), plain), [], `${file} ${name}`);
        answered++;
      }
    }
    assert.ok(answered > 20, `${answered} examples answered`);
  });
});
