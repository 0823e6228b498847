// Committed example outputs (golden/), so that reviews see what users get: a spec in YAML and a
// client package's code (TypeScript and Python) for half_plus_two, the hostile-names and the image fixtures, over TF Serving's
// REST API and (half_plus_two, hostile_names) KServe V2. `npm run golden`
// rewrites them; test/golden.test.ts fails when they are out of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDocument } from '../src/emitters/write-output.js';
import { clientFiles } from '../src/jobs/client.js';
import { generate } from '../src/jobs/generate.js';
import { kserveV2 } from '../src/protocol/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GOLDEN_DIR = join(root, 'golden');

/** golden/-relative path → content. */
export async function goldenFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const model of ['half_plus_two', 'hostile_names', 'image_classifier']) {
    const g = await generate(join(root, 'fixtures', model), { name: model });
    files[`${model}/openapi.yaml`] = formatDocument(g.document, 'yaml');
    const client = clientFiles(g);
    for (const f of ['README.md', 'src/index.ts']) files[`${model}/client/${f}`] = client[f]!;
    const py = clientFiles(g, { language: 'python' });
    const init = Object.keys(py).find((f) => /^src\/[^/]+\/__init__\.py$/.test(f))!;
    for (const f of ['README.md', 'pyproject.toml', init]) files[`${model}/client-python/${f === init ? '__init__.py' : f}`] = py[f]!;
    if (model === 'image_classifier') continue;
    const v2 = await generate(join(root, 'fixtures', model), { name: model, protocol: kserveV2 as never });
    files[`${model}/v2/openapi.yaml`] = formatDocument(v2.document, 'yaml');
    const v2Client = clientFiles(v2, { protocol: 'v2' });
    for (const f of ['README.md', 'src/index.ts']) files[`${model}/v2/client/${f}`] = v2Client[f]!;
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [rel, text] of Object.entries(await goldenFiles())) {
    mkdirSync(dirname(join(GOLDEN_DIR, rel)), { recursive: true });
    writeFileSync(join(GOLDEN_DIR, rel), text);
    console.log(`wrote golden/${rel}`);
  }
}
