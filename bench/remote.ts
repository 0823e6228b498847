// Benchmark: bytes moved and round trips to read the signatures of a padded model over HTTP
// ranges (the transport of http(s):// and gs://), against the file's size (what a download moves).
// Run: npm run bench:remote [-- --sizes 100,1000]
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from '../fixtures/models.js';
import { readSavedModel } from '../src/savedmodel/read.js';
import type { RangedObject } from '../src/source/remote/http-store.js';
import { storeFor } from '../src/source/stores.js';
import { startFileServer } from '../test/file-server.js';
import { writePaddedModel } from './make-padded.js';

const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf('--sizes');
const sizes = (i > 0 ? process.argv[i + 1]! : '100,1000').split(',').map(Number);
const dataDir = join(here, '.data');
mkdirSync(dataDir, { recursive: true });
const server = await startFileServer({ root: dataDir });
console.log('| model | via | requests | bytes moved | moved / file size |');
console.log('| --- | --- | --- | --- | --- |');
for (const mb of sizes) {
  const name = `padded-${mb}mb.pb`;
  const file = join(dataDir, name);
  if (!existsSync(file)) await writePaddedModel(file, FIXTURES['half_plus_two/00000123']!.metaGraphs[0]!, mb * 1e6);
  const size = statSync(file).size;
  for (const via of ['http', 'gs'] as const) {
    server.requests = 0;
    server.bytesSent = 0;
    // For gs:// the server's root is bench/, so bucket ".data" holds the padded models.
    server.options.root = via === 'gs' ? here : dataDir;
    const uri = via === 'http' ? `${server.url}/${name}` : `gs://.data/${name}`;
    const src = (await (await storeFor(uri, { gcsEndpoint: server.url })).open(uri)) as RangedObject;
    await readSavedModel(src);
    console.log(
      `| ${(size / 1e6).toFixed(0)} MB | ${via} | ${server.requests} | ${(server.bytesSent / 1024).toFixed(0)} KiB | ${(server.bytesSent / size).toExponential(1)} |`,
    );
  }
}
await server.close();
