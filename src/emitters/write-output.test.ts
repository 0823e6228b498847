// -o replaces regular files atomically, writes through FIFOs and devices, follows symlinks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isTf2OpenApiError } from '../errors.js';
import { formatDocument, formatDocumentPieces, writeAtomic } from './write-output.js';

const root = mkdtempSync(join(tmpdir(), 'tf2openapi-out-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('writeAtomic', () => {
  it('replaces a regular file, keeping its permissions, and leaves no temporary file', async () => {
    const f = join(root, 'spec.json');
    writeFileSync(f, 'old', { mode: 0o600 });
    await writeAtomic(f, 'new');
    assert.equal(readFileSync(f, 'utf8'), 'new');
    assert.equal(lstatSync(f).mode & 0o777, 0o600);
    assert.deepStrictEqual(
      readdirSync(root).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });
  it('follows a symlink: the link stays, its target gets the content', async () => {
    const target = join(root, 'real.json');
    const link = join(root, 'link.json');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    await writeAtomic(link, 'new');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), target);
    assert.equal(readFileSync(target, 'utf8'), 'new');
  });
  it('writes through a FIFO instead of replacing it', { skip: spawnSync('mkfifo', ['--version']).status === 0 ? false : 'skipped: no mkfifo' }, async () => {
    const fifo = join(root, 'pipe');
    spawnSync('mkfifo', [fifo]);
    const child = (await import('node:child_process')).spawn('cat', [fifo]);
    let got = '';
    child.stdout.on('data', (d) => (got += d));
    // Listened for before writing: cat may read, exit and close before writeAtomic's promise resolves.
    const closed = new Promise((r) => child.on('close', r));
    await writeAtomic(fifo, 'through');
    await closed;
    assert.equal(got, 'through');
    assert.ok(lstatSync(fifo).isFIFO());
  });
  it('writes through a character device (/dev/null stays a device)', async () => {
    await writeAtomic('/dev/null', 'gone');
    assert.ok(lstatSync('/dev/null').isCharacterDevice());
  });
  const refused: [string, () => string, RegExp][] = [
    ['a directory', () => (mkdirSync(join(root, 'd')), join(root, 'd')), /is a directory/],
    ['a dangling symlink', () => (symlinkSync(join(root, 'nowhere'), join(root, 'dangling')), join(root, 'dangling')), /does not exist/],
    ['a missing directory', () => join(root, 'no/such/spec.json'), /no such directory/],
  ];
  for (const [what, given, want] of refused) {
    it(`refuses ${what} with one line`, async () => {
      await assert.rejects(writeAtomic(given(), 'x'), (e) => isTf2OpenApiError(e) && e.kind === 'IO' && want.test(e.message) && !e.message.includes('\n'));
    });
  }
  it('cleans up temporaries a killed run left (older than a minute)', async () => {
    const f = join(root, 'out.yaml');
    const stale = join(root, '.out.yaml.0123456789ab.tmp');
    writeFileSync(stale, 'half');
    utimesSync(stale, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    await writeAtomic(f, 'whole');
    assert.deepStrictEqual(
      readdirSync(root).filter((n) => n.startsWith('.out.yaml')),
      [],
    );
  });
});

describe('formatDocumentPieces', () => {
  it('writes what formatDocument writes, piece by piece', async () => {
    const big = Object.fromEntries(
      Array.from({ length: 3000 }, (_, k) => [`Schema.${k}`, { type: 'array', items: { type: 'number' }, description: 'x'.repeat(400) }]),
    );
    const given: unknown[] = [
      {},
      [],
      'text',
      null,
      { a: undefined, b: () => 1, c: 1 },
      { a: { b: { c: { d: { e: [1, { f: 'g' }] } } } }, empty: {}, list: [] },
      { 'key "quoted"\n': 'line\nbreak \u2028 </script>', nested: { '': { '': [] } }, date: new Date(0) },
      { components: { schemas: big }, paths: { '/v1/models/m:predict': { post: { summary: 's' } } } },
    ];
    for (const doc of given) {
      const pieces = [...formatDocumentPieces(doc, 'json')];
      assert.equal(pieces.join(''), formatDocument(doc, 'json'));
      assert.ok(pieces.every((p) => p.length < 2 << 20));
    }
    // YAML: strings on many lines (a blank one among them), keys the library quotes or writes as `? key`.
    const yamlGiven: unknown[] = [
      // (a function is no YAML value: the library refuses it, whole or in pieces)
      ...given.filter((d) => !Object.values(d ?? {}).some((v) => typeof v === 'function')),
      {
        a: { b: { c: 'one\ntwo\n\nfour\n', d: ['x', { e: 'f\n\ng' }] }, empty: {} },
        'key: with colon': { '#': { '': 1 } },
        ['k'.repeat(1100)]: { x: { y: 1 } },
      },
      { paths: { '/v1/models/m:predict': { post: { description: 'line\n\n  indented\n' } } }, 'x-list': [{ a: { b: 1 } }] },
    ];
    for (const doc of yamlGiven) assert.equal([...formatDocumentPieces(doc, 'yaml')].join(''), formatDocument(doc, 'yaml'), JSON.stringify(doc).slice(0, 80));
    const f = join(root, 'pieces.json');
    await writeAtomic(f, formatDocumentPieces(given.at(-1), 'json'));
    assert.equal(readFileSync(f, 'utf8'), formatDocument(given.at(-1), 'json'));
  });
});
