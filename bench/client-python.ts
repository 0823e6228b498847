// Benchmark: a 1,000,000-float predict request through the generated Python client against a plain
// json.dumps + urllib request, side by side in one Python process (interleaved, medians), as a
// ratio. The server (here, in Node.js) drains the body and answers like TF Serving for 1000 rows.
// Run: npm run bench:client-python
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { client } from '../src/jobs/client.js';
import { startAnswerServer } from './answer-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '.data/client-python-shapes');
await client(join(here, '../fixtures/shapes'), dir, { name: 'shapes', language: 'python' });

const { base, server } = await startAnswerServer();
// The server must answer while Python runs: the child is waited for asynchronously.
const out = await new Promise<string>((resolve, reject) =>
  execFile(
    'python3',
    [join(here, 'client_python.py'), base, '9'],
    { env: { ...process.env, PYTHONPATH: join(dir, 'src'), PYTHONDONTWRITEBYTECODE: '1' } },
    (e, stdout, stderr) => (e ? reject(new Error(stderr)) : resolve(stdout)),
  ),
);
console.log(out.trim());
server.close();
