// The docs page in a real headless Chromium: opened from disk with the network cut off it makes no
// request and logs no error, shows every servable signature with its examples, and renders the
// OpenAPI reference; the hostile-names page runs no script from a model string; through `serve`
// (the mock), the reference's try-it sends a request and shows the mock's answer.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { docs } from '../src/jobs/docs.js';
import { generate } from '../src/jobs/generate.js';
import { serve, type Serving } from '../src/jobs/serve.js';
import { BROWSER_SKIP, launch } from './browser.js';
import { FIXTURES } from './helpers.js';

describe('docs page in Chromium', { skip: BROWSER_SKIP }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tf2openapi-docs-'));
  let browser: Browser;
  const servings: Serving[] = [];
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await Promise.all(servings.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a page offline, recording console errors, page errors, dialogs and every request off disk. */
  async function open(url: string, offline: boolean): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const context = await browser.newContext({ offline });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url());
    });
    await page.goto(url);
    await page.waitForSelector('#reference .opblock', { timeout: 20_000 });
    return { page, problems, requests };
  }

  /** The first POST operation's try-it on a served page: its example sent, the answer's body (a 200, no error logged). */
  async function tryIt(url: string): Promise<string> {
    const { page, problems } = await open(url, false);
    const op = page.locator('#reference .opblock-post').first();
    await op.locator('.opblock-summary').click();
    await op.locator('.try-out__btn').click();
    await op.locator('.execute').click();
    const status = op.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 10_000 });
    assert.equal((await status.textContent())?.trim(), '200');
    const body = (await op.locator('.live-responses-table tbody .response-col_description pre').first().textContent()) ?? '';
    assert.deepStrictEqual(problems, []);
    await page.context().close();
    return body;
  }

  for (const model of ['half_plus_two', 'image_classifier']) {
    it(`${model}: offline from disk, no error, every signature with its examples, the reference rendered`, async () => {
      const { html } = await docs(join(FIXTURES, model), { name: model });
      const { api } = await generate(join(FIXTURES, model), { name: model });
      const file = join(dir, `${model}.html`);
      writeFileSync(file, html);
      const { page, problems, requests } = await open(pathToFileURL(file).href, true);
      assert.deepStrictEqual(problems, []);
      assert.deepStrictEqual(requests, [], 'no request leaves the page');
      const sections = await page.locator('section.t2o-signature').evaluateAll((els) => els.map((e) => e.getAttribute('data-signature')));
      assert.deepStrictEqual(sections.sort(), api.signatures.map((s) => s.key).sort());
      for (const sig of api.signatures) {
        const section = page.locator(`section.t2o-signature[data-signature="${sig.key}"]`);
        assert.equal(await section.locator('table.t2o-tensors').first().locator('tbody tr').count(), sig.inputs.length, sig.key);
        const examples = await section
          .locator('figure.t2o-example')
          .evaluateAll((els) => els.map((e) => ({ title: e.querySelector('figcaption')!.textContent!, text: e.querySelector('code')!.textContent! })));
        assert.ok(examples.length >= 2, sig.key);
        // Each example is a body TF Serving takes or writes, or says why it is not spelled out.
        for (const e of examples) assert.ok(/^Not spelled out/.test(e.text) || JSON.parse(e.text), `${sig.key} ${e.title}`);
        assert.match((await section.locator('pre.t2o-curl').textContent()) ?? '', /Host: \$SERVICE_HOSTNAME/);
      }
      assert.ok((await page.locator('#reference .opblock').count()) >= 9);
      assert.equal(await page.locator('#reference .try-out__btn').count(), 0, 'try-it is off on a page from disk');
      await page.context().close();
    });
  }

  it('hostile names: every model string shown as text, no script from it runs', async () => {
    const { html } = await docs(join(FIXTURES, 'hostile_names'), { name: 'hostile_names' });
    const file = join(dir, 'hostile.html');
    writeFileSync(file, html);
    const { page, problems, requests } = await open(pathToFileURL(file).href, true);
    // Let the reference render fully (expanded operations render their schemas' names too).
    await page.locator('#reference .opblock-summary').first().click();
    await page.waitForTimeout(300);
    assert.deepStrictEqual(problems, [], 'no dialog, no error');
    assert.deepStrictEqual(requests, []);
    const key = '</script><script>alert(1)</script>';
    const section = page.locator('section.t2o-signature').filter({ has: page.locator(`h2 code`, { hasText: key }) });
    assert.equal(await section.count(), 1);
    const aliases = await section.locator('table.t2o-tensors').first().locator('tbody tr td:first-child').allTextContents();
    assert.deepStrictEqual(aliases.sort(), ['</textarea><svg onload=alert(3)>', '<img src=x onerror=alert(2)>', 'in', 'javascript:alert(4)']);
    // Evaluated in the page (as text: this project's TypeScript has no DOM types).
    const injected = await page.evaluate(`({
      img: document.querySelectorAll('main img').length,
      svg: document.querySelectorAll('main svg[onload]').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      javascriptUrls: [...document.querySelectorAll('[href],[src]')].filter((e) => /^\\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? '')).length,
      scripts: document.querySelectorAll('script').length,
    })`);
    assert.deepStrictEqual(injected, { img: 0, svg: 0, handlers: 0, javascriptUrls: 0, scripts: 3 });
    await page.context().close();
  });

  it('KServe V2: the page offline, and try-it through serve --protocol v2 answered by the V2 mock', async () => {
    const { html } = await docs(join(FIXTURES, 'half_plus_two'), { name: 'half_plus_two', protocol: 'v2' });
    const file = join(dir, 'v2.html');
    writeFileSync(file, html);
    const offline = await open(pathToFileURL(file).href, true);
    assert.deepStrictEqual(offline.problems, []);
    assert.deepStrictEqual(offline.requests, []);
    assert.equal(await offline.page.locator('section.t2o-signature').count(), 1);
    assert.match((await offline.page.locator('pre.t2o-curl').textContent()) ?? '', /\/v2\/models\/half_plus_two\/infer/);
    await offline.page.context().close();
    const serving = await serve(join(FIXTURES, 'half_plus_two'), { name: 'half_plus_two', protocol: 'v2', port: 0 });
    servings.push(serving);
    assert.match(await tryIt(`${serving.url}/`), /"model_name": "half_plus_two"/);
  });

  it('through serve (mock): try-it sends the example request and shows the mock TF Serving answer', async () => {
    const serving = await serve(join(FIXTURES, 'half_plus_two'), { name: 'half_plus_two', port: 0 });
    servings.push(serving);
    assert.match(await tryIt(`${serving.url}/`), /"predictions"|"outputs"/);
  });
});
