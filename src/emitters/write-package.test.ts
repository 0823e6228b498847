// Packages are written only where the tool owns the directory, and only its own files are touched.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isTf2OpenApiError } from '../errors.js';
import { MANIFEST, packageIntact, writePackage } from './write-package.js';

const root = mkdtempSync(join(tmpdir(), 'tf2openapi-pkg-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `p${n++}`);
const v1 = { 'package.json': '{"v":1}', 'src/index.ts': 'export const v = 1;\n', 'src/old.ts': 'old\n' };
const v2 = { 'package.json': '{"v":2}', 'src/index.ts': 'export const v = 2;\n' };

describe('writePackage', () => {
  const refused: [string, (dir: string) => void, RegExp][] = [
    [
      "a directory of someone else's files",
      (d) => (mkdirSync(d), writeFileSync(join(d, 'notes.txt'), 'mine')),
      /not empty and not written by tf2openapi .*--force/,
    ],
    ['a directory holding a .git', (d) => mkdirSync(join(d, '.git'), { recursive: true }), /not empty and not written by tf2openapi/],
    ['a file', (d) => writeFileSync(d, 'x'), /exists and is not a directory/],
    ['a directory whose manifest is not ours', (d) => (mkdirSync(d), writeFileSync(join(d, MANIFEST), '{"files": 1}')), /not a manifest tf2openapi wrote/],
    [
      'a manifest that points outside',
      (d) => (mkdirSync(d), writeFileSync(join(d, MANIFEST), '{"generator":"tf2openapi","files":{"../x":"0"}}')),
      /outside the directory/,
    ],
  ];
  for (const [what, given, want] of refused) {
    it(`refuses ${what}, and leaves it as it was`, async () => {
      const dir = fresh();
      given(dir);
      const before = statSync(dir).isDirectory() ? readdirSync(dir) : undefined;
      await assert.rejects(writePackage(dir, v1), (e) => isTf2OpenApiError(e) && e.kind === 'OUTPUT_NOT_OURS' && want.test(e.message));
      if (before) assert.deepStrictEqual(readdirSync(dir), before);
    });
  }
  it('writes a new or empty directory, with a manifest of sha256s', async () => {
    const dir = fresh();
    mkdirSync(dir);
    await writePackage(dir, v1);
    assert.equal(readFileSync(join(dir, 'src/index.ts'), 'utf8'), v1['src/index.ts']);
    assert.deepStrictEqual(Object.keys(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')).files), ['package.json', 'src/index.ts', 'src/old.ts']);
    assert.ok(packageIntact(dir));
  });
  it('regenerates only its own files: node_modules, dist, lock files and user files stay; files it no longer writes go', async () => {
    const dir = fresh();
    await writePackage(dir, v1);
    mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
    mkdirSync(join(dir, 'dist'));
    for (const f of ['node_modules/x/index.js', 'dist/index.js', 'package-lock.json', 'src/mine.ts']) writeFileSync(join(dir, f), 'user');
    await writePackage(dir, v2);
    assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), '{"v":2}');
    assert.equal(existsSync(join(dir, 'src/old.ts')), false);
    for (const f of ['node_modules/x/index.js', 'dist/index.js', 'package-lock.json', 'src/mine.ts'])
      assert.equal(readFileSync(join(dir, f), 'utf8'), 'user', f);
    assert.deepStrictEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });
  it('an edited or deleted output is no longer intact (build --check sees it)', async () => {
    const dir = fresh();
    await writePackage(dir, v2);
    writeFileSync(join(dir, 'src/index.ts'), 'edited');
    assert.equal(packageIntact(dir), false);
    await writePackage(dir, v2);
    assert.ok(packageIntact(dir));
    rmSync(join(dir, 'src'), { recursive: true });
    assert.equal(packageIntact(dir), false);
  });
  it('--force writes into a foreign directory without deleting anything there', async () => {
    const dir = fresh();
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await writePackage(dir, v2, { force: true });
    assert.ok(existsSync(join(dir, '.git')));
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine');
    assert.ok(packageIntact(dir));
  });
});
