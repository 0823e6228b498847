// The README's screenshots of the docs page, taken in Debian's Chromium: the page of the 224×224×3
// image fixture from disk, and half_plus_two through `serve` with a try-it answer from the mock.
// Run: node --import tsx scripts/screenshots.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { docs } from '../src/jobs/docs.js';
import { serve } from '../src/jobs/serve.js';
import { launch } from '../test/browser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs/screenshots');
const tmp = mkdtempSync(join(tmpdir(), 'tf2openapi-shots-'));
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const { html } = await docs(join(root, 'fixtures/image_classifier'), { name: 'image_classifier' });
  writeFileSync(join(tmp, 'image.html'), html);
  await page.goto(pathToFileURL(join(tmp, 'image.html')).href);
  await page.waitForSelector('#reference .opblock');
  await page.screenshot({ path: join(out, 'image_classifier-signature.png') });
  const serving = await serve(join(root, 'fixtures/half_plus_two'), { name: 'half_plus_two', port: 0 });
  try {
    await page.goto(`${serving.url}/`);
    await page.waitForSelector('#reference .opblock');
    const op = page.locator('#reference .opblock-post').first();
    await op.locator('.opblock-summary').click();
    await op.locator('.try-out__btn').click();
    await op.locator('.execute').click();
    await op.locator('.live-responses-table tbody .response-col_status').first().waitFor();
    await page.locator('#t2o-reference').scrollIntoViewIfNeeded();
    await op.screenshot({ path: join(out, 'half_plus_two-try-it.png') });
  } finally {
    await serving.close();
  }
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`wrote ${out}`);
