// Remote sources: http(s):// with and without Range, gs:// against a stand-in for the Cloud
// Storage JSON API, s3:// against s3rver; all on loopback, all counting the bytes moved.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { writePaddedModel } from '../bench/make-padded.js';
import { FIXTURES as MODELS } from '../fixtures/models.js';
import { toReferenceJson } from '../src/emitters/reference-json.js';
import { isTf2OpenApiError } from '../src/errors.js';
import { generate } from '../src/jobs/generate.js';
import { loadModel } from '../src/savedmodel/load-model.js';
import { readSavedModel } from '../src/savedmodel/read.js';
import type { RangedObject } from '../src/source/remote/http-store.js';
import { storeFor } from '../src/source/stores.js';
import { startFileServer, type FileServer } from './file-server.js';
import { FIXTURES } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'tf2openapi-remote-'));
after(() => rmSync(root, { recursive: true, force: true }));
const PADDED_MB = 100;
const padded = join(root, 'bucket/padded/1/saved_model.pb');
let local: ReturnType<typeof toReferenceJson>;

before(async () => {
  mkdirSync(join(root, 'bucket/padded/1'), { recursive: true });
  await writePaddedModel(padded, MODELS['half_plus_two/00000123']!.metaGraphs[0]!, PADDED_MB * 1e6);
  for (const v of ['00000123', '00000124']) {
    mkdirSync(join(root, 'bucket/hpt', v), { recursive: true });
    copyFileSync(join(FIXTURES, 'half_plus_two', v, 'saved_model.pb'), join(root, 'bucket/hpt', v, 'saved_model.pb'));
  }
  local = toReferenceJson((await loadModel(padded)).model);
});

/** Reads through a store and reports what the source fetched. */
async function readRemote(uri: string, remote = {}) {
  const store = await storeFor(uri, remote);
  const src = (await store.open(uri)) as RangedObject;
  const model = await readSavedModel(src);
  return { json: toReferenceJson(model), stats: src.stats };
}

describe('http(s)://', () => {
  let server: FileServer;
  before(async () => (server = await startFileServer({ root })));
  after(() => server.close());

  it(`reads the signatures of a ${PADDED_MB} MB model with a few small ranged requests`, async () => {
    server.requests = 0;
    server.bytesSent = 0;
    const { json, stats } = await readRemote(`${server.url}/bucket/padded/1/saved_model.pb`, { retries: 0 });
    assert.deepStrictEqual(json, local);
    assert.ok(server.bytesSent < 1e6, `${server.bytesSent} bytes sent`);
    assert.ok(server.requests <= 4, `${server.requests} requests`);
    assert.ok(stats.reads <= 3);
  });
  it('handles a server that ignores Range by streaming and stopping early', async () => {
    server.options.ranges = false;
    try {
      const { json } = await readRemote(`${server.url}/bucket/hpt/00000123/saved_model.pb`);
      assert.deepStrictEqual(json, toReferenceJson((await loadModel(join(FIXTURES, 'half_plus_two/00000123'))).model));
    } finally {
      server.options.ranges = true;
    }
  });
  it("a 206 whose Content-Range names other bytes than asked is an IO error, not the file's bytes", async () => {
    server.options.lieRange = true;
    try {
      await assert.rejects(
        readRemote(`${server.url}/bucket/padded/1/saved_model.pb`, { retries: 0 }),
        (e) => isTf2OpenApiError(e) && e.kind === 'IO' && /Content-Range/.test(e.message),
      );
    } finally {
      server.options.lieRange = false;
    }
  });
  it('a body dropped mid-way is a typed error naming the object, not a crash', async () => {
    server.options.cutAfter = 100;
    try {
      await assert.rejects(
        readRemote(`${server.url}/bucket/hpt/00000123/saved_model.pb`, { retries: 0 }),
        (e) => isTf2OpenApiError(e) && (e.kind === 'IO' || e.kind === 'TRUNCATED') && /saved_model\.pb/.test(e.message),
      );
    } finally {
      delete server.options.cutAfter;
    }
  });
  it('retries 500s with backoff', async () => {
    server.options.failFirst = 2;
    const { json } = await readRemote(`${server.url}/bucket/hpt/00000124/saved_model.pb`, { retries: 3 });
    assert.equal(json.meta_graphs.length, 1);
  });
  it('gives up on persistent 500s with one clear error', async () => {
    server.options.failFirst = 100;
    try {
      await assert.rejects(
        readRemote(`${server.url}/bucket/hpt/00000124/saved_model.pb`, { retries: 1 }),
        (e) => isTf2OpenApiError(e) && e.kind === 'IO' && /HTTP 500 after 2 attempts/.test(e.message),
      );
    } finally {
      server.options.failFirst = 0;
    }
  });
  it('times out a slow server', async () => {
    server.options.delayMs = 500;
    try {
      await assert.rejects(
        readRemote(`${server.url}/bucket/hpt/00000124/saved_model.pb`, { timeoutMs: 100, retries: 0 }),
        (e) => isTf2OpenApiError(e) && /no answer within 100 ms/.test(e.message),
      );
    } finally {
      server.options.delayMs = 0;
    }
  });
  it('names a missing object', async () => {
    await assert.rejects(loadModel(`${server.url}/bucket/none/saved_model.pb`), (e) => isTf2OpenApiError(e) && e.kind === 'NOT_FOUND');
  });
  it('takes a SavedModel directory URL', async () => {
    const { model } = await loadModel(`${server.url}/bucket/hpt/00000124`);
    assert.equal(model.metaGraphs[0]!.signatures.length, 5);
  });
  it('through loadModel, the path users take, a .pb URL costs three requests: no probe below it', async () => {
    server.requests = 0;
    await loadModel(`${server.url}/bucket/padded/1/saved_model.pb`);
    assert.equal(server.requests, 3, 'HEAD, the first window, the signatures');
  });
  it('a model base URL says HTTP cannot list versions and names the URL to give', async () => {
    await assert.rejects(
      loadModel(`${server.url}/bucket/hpt`),
      (e) => isTf2OpenApiError(e) && e.kind === 'NO_SAVED_MODEL' && e.message.includes(`give a version's URL (${server.url}/bucket/hpt/1)`),
    );
  });
});

describe('gs:// (Cloud Storage JSON API on a stand-in server)', () => {
  let server: FileServer;
  before(async () => (server = await startFileServer({ root })));
  after(() => server.close());

  it('finds the highest version under a prefix and reads it', async () => {
    const { resolved, model } = await loadModel('gs://bucket/hpt', { remote: { gcsEndpoint: server.url } });
    assert.equal(resolved.version, '00000124');
    assert.deepStrictEqual(resolved.versions, ['00000123', '00000124']);
    assert.equal(model.file, 'gs://bucket/hpt/00000124/saved_model.pb');
  });
  it("a base of 3,000 versions costs its listing and the newest version's checks, not requests per version", async () => {
    const many = join(root, 'bucket/many');
    for (let v = 1; v <= 3000; v++) mkdirSync(join(many, String(v)), { recursive: true });
    copyFileSync(join(root, 'bucket/hpt/00000124/saved_model.pb'), join(many, '3000', 'saved_model.pb'));
    copyFileSync(join(root, 'bucket/hpt/00000124/saved_model.pb'), join(many, '7', 'saved_model.pb'));
    server.requests = 0;
    const { resolved } = await loadModel('gs://bucket/many', { remote: { gcsEndpoint: server.url } });
    assert.equal(resolved.version, '3000');
    assert.ok(server.requests <= 8, `${server.requests} requests`);
    server.requests = 0;
    assert.equal((await loadModel('gs://bucket/many', { version: '7', remote: { gcsEndpoint: server.url } })).resolved.version, '7');
    assert.ok(server.requests <= 8, `${server.requests} requests`);
  });
  it(`reads a ${PADDED_MB} MB model moving under 1 MB`, async () => {
    server.bytesSent = 0;
    const { json } = await readRemote('gs://bucket/padded/1/saved_model.pb', { gcsEndpoint: server.url });
    assert.deepStrictEqual(json, local);
    assert.ok(server.bytesSent < 1e6, `${server.bytesSent} bytes`);
  });
  it('gives the same spec as the local file', async () => {
    const remote = await generate('gs://bucket/hpt', { remote: { gcsEndpoint: server.url } });
    const here = await generate(join(FIXTURES, 'half_plus_two'));
    assert.deepStrictEqual(remote.document, here.document);
  });
  it('names bucket and key when an object is missing', async () => {
    await assert.rejects(
      loadModel('gs://bucket/missing', { remote: { gcsEndpoint: server.url } }),
      (e) => isTf2OpenApiError(e) && e.kind === 'NOT_FOUND' && /gs:\/\/bucket\/missing/.test(e.message),
    );
  });
});

describe('s3:// (s3rver on loopback)', () => {
  let s3rver: S3rver;
  let endpoint: string;
  before(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(root, 's3rver'), configureBuckets: [{ name: 'models', configs: [] }] });
    const { port } = (await s3rver.run()) as AddressInfo;
    endpoint = `http://127.0.0.1:${port}`;
    const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true });
    const put = (key: string, file: string) =>
      client.send(new PutObjectCommand({ Bucket: 'models', Key: key, Body: readFileSync(file), ContentLength: statSync(file).size }));
    await put('padded/1/saved_model.pb', padded);
    for (const v of ['00000123', '00000124']) await put(`hpt/${v}/saved_model.pb`, join(root, 'bucket/hpt', v, 'saved_model.pb'));
  });
  after(() => s3rver.close());

  it(`reads the ${PADDED_MB} MB model's signatures moving under 1 MB in at most 3 reads`, async () => {
    const { json, stats } = await readRemote('s3://models/padded/1/saved_model.pb', { s3Endpoint: endpoint });
    assert.deepStrictEqual(json, local);
    assert.ok(stats.bytes < 1e6, `${stats.bytes} bytes`);
    assert.ok(stats.reads <= 3, `${stats.reads} reads`);
  });
  it('lists versions under a prefix and picks the highest', async () => {
    const { resolved } = await loadModel('s3://models/hpt', { remote: { s3Endpoint: endpoint } });
    assert.equal(resolved.version, '00000124');
  });
  it('a store that ignores Range: the object streamed and cut, not buffered whole', async () => {
    const plain = await startFileServer({ root, ranges: false });
    try {
      const { json, stats } = await readRemote('s3://bucket/padded/1/saved_model.pb', { s3Endpoint: plain.url, retries: 0 });
      assert.deepStrictEqual(json, local);
      // Each read consumed the body only up to the end of its range (the signatures sit at the end).
      assert.ok(stats.reads <= 3, `${stats.reads} reads`);
    } finally {
      await plain.close();
    }
  });
  it('names bucket and key when they do not exist', async () => {
    await assert.rejects(loadModel('s3://models/nope', { remote: { s3Endpoint: endpoint } }), (e) => isTf2OpenApiError(e) && e.kind === 'NOT_FOUND');
    await assert.rejects(
      loadModel('s3://no-bucket/x/saved_model.pb', { remote: { s3Endpoint: endpoint, retries: 0 } }),
      (e) => isTf2OpenApiError(e) && /no-bucket/.test(e.message),
    );
  });
});

// Listings that never end and answers that are not what the API writes: each a typed error, fast.
describe('misbehaving storage servers', () => {
  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
    let requests = 0;
    const server = createServer((req, res) => (requests++, handler(req, res)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests: () => requests,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }
  const json = (res: ServerResponse, status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);

  it('gs://: a next-page token that comes back is an IO error after two pages, not a loop', async () => {
    const s = await serve((req, res) =>
      new URL(req.url!, 'http://x').pathname.endsWith('/o')
        ? json(res, 200, JSON.stringify({ prefixes: ['m/1/'], nextPageToken: 'again' }))
        : json(res, 404, '{}'),
    );
    try {
      await assert.rejects(
        loadModel('gs://b/m', { remote: { gcsEndpoint: s.url } }),
        (e) => isTf2OpenApiError(e) && e.kind === 'IO' && /gs:\/\/b\/m: the listing's next-page token came back a second time/.test(e.message),
      );
      assert.ok(s.requests() <= 4, `${s.requests()} requests`);
    } finally {
      await s.close();
    }
  });

  it('gs://: an answer that is not a JSON object, or an object with no size, is an IO error naming the URI', async () => {
    for (const body of ['<html>proxy login</html>', '[1]', '{"name": "m"}']) {
      const s = await serve((_req, res) => json(res, 200, body));
      try {
        await assert.rejects(
          loadModel('gs://b/m/1/saved_model.pb', { remote: { gcsEndpoint: s.url } }),
          (e) => isTf2OpenApiError(e) && e.kind === 'IO' && e.message.startsWith('gs://b/m/1/saved_model.pb: Cloud Storage '),
          body,
        );
      } finally {
        await s.close();
      }
    }
  });

  it('s3://: IsTruncated with the same continuation token forever is an IO error, not a loop', async () => {
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
    const s = await serve((req, res) => {
      if (req.method === 'HEAD') return res.writeHead(404).end();
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>m/</Prefix>' +
            '<KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>' +
            '<NextContinuationToken>same</NextContinuationToken><CommonPrefixes><Prefix>m/1/</Prefix></CommonPrefixes></ListBucketResult>',
        );
    });
    try {
      await assert.rejects(
        loadModel('s3://b/m', { remote: { s3Endpoint: s.url } }),
        (e) => isTf2OpenApiError(e) && e.kind === 'IO' && /next-page token came back a second time/.test(e.message),
      );
      assert.ok(s.requests() <= 6, `${s.requests()} requests`);
    } finally {
      await s.close();
    }
  });
});
