// Writes a generated package into a directory the tool owns, and touches nothing else there.
// Ownership is a manifest, `.tf2openapi.json`, listing every file the tool wrote (with its
// sha256, so `build --check` sees an edited or deleted output). A directory that is not empty
// and has no manifest belongs to someone else: refused unless `force`. On regeneration only the
// listed files are replaced or removed: `node_modules/`, `dist/`, lock files and anything else
// the user put there stay.
//
// Crash safety: the manifest is written first listing the old and the new files together, then
// each file atomically, then the manifest with just the new ones. A run killed at any point leaves
// every file whole (old or new) and a manifest that covers all of them, so the next run resumes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Tf2OpenApiError } from '../errors.js';
import { sha256 } from '../util/hash.js';
import { keyedObject } from '../util/keyed.js';
import { ioError, writeAtomic } from './write-output.js';

export const MANIFEST = '.tf2openapi.json';

export interface Manifest {
  generator: 'tf2openapi';
  /** Package-relative path (always `/`-separated) → sha256 of its content. */
  files: Record<string, string>;
}

/** The manifest of `dir`: null when there is none; throws when the directory is someone else's. */
export function readManifest(dir: string): Manifest | null {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw ioError(join(dir, MANIFEST), e);
  }
  try {
    const m = JSON.parse(text) as Manifest;
    if (m?.generator !== 'tf2openapi' || typeof m.files !== 'object' || m.files === null) throw new Error('not a tf2openapi manifest');
    return { generator: 'tf2openapi', files: keyedObject(Object.entries(m.files)) };
  } catch {
    throw new Tf2OpenApiError('OUTPUT_NOT_OURS', `${join(dir, MANIFEST)}: not a manifest tf2openapi wrote; move it away or use --force`);
  }
}

/** Paths listed in a manifest must stay inside the directory (a hand-edited manifest could say `../x`). */
function inside(dir: string, rel: string): string {
  const p = resolve(dir, rel);
  if (!p.startsWith(resolve(dir) + sep))
    throw new Tf2OpenApiError('OUTPUT_NOT_OURS', `${join(dir, MANIFEST)}: lists ${JSON.stringify(rel)}, outside the directory`);
  return p;
}

/** Whether every file the manifest lists is there with the content the tool wrote. */
export function packageIntact(dir: string): boolean {
  const m = readManifest(dir);
  if (!m) return false;
  return Object.entries(m.files).every(([rel, hash]) => {
    try {
      return sha256(readFileSync(inside(dir, rel))) === hash;
    } catch {
      return false;
    }
  });
}

export interface WritePackageOptions {
  /** Take over a non-empty directory that has no manifest (files of the same name are replaced; nothing is deleted). */
  force?: boolean;
}

export async function writePackage(dir: string, files: Record<string, string>, opts: WritePackageOptions = {}): Promise<void> {
  let st;
  try {
    st = statSync(dir); // follows a symlink to a directory
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(dir, e);
  }
  if (st && !st.isDirectory()) throw new Tf2OpenApiError('OUTPUT_NOT_OURS', `${dir}: exists and is not a directory`);
  const old = st ? readManifest(dir) : null;
  for (const rel of Object.keys(old?.files ?? {})) inside(dir, rel);
  if (st && !old && !opts.force) {
    const entries = readdirSync(dir);
    if (entries.length)
      throw new Tf2OpenApiError(
        'OUTPUT_NOT_OURS',
        `${dir}: not empty and not written by tf2openapi (no ${MANIFEST}); choose an empty or new directory, or --force to write into it (nothing there is deleted)`,
      );
  }
  for (const rel of Object.keys(files)) inside(dir, rel);
  const next: Manifest = { generator: 'tf2openapi', files: keyedObject(Object.entries(files).map(([rel, content]) => [rel, sha256(content)] as const)) };
  const manifestText = (m: Manifest) =>
    JSON.stringify({ generator: m.generator, files: Object.fromEntries(Object.entries(m.files).sort(([a], [b]) => (a < b ? -1 : 1))) }, null, 2) + '\n';
  try {
    await mkdir(dir, { recursive: true });
    // Both generations listed while files are being swapped.
    await writeAtomic(join(dir, MANIFEST), manifestText({ generator: 'tf2openapi', files: { ...(old?.files ?? {}), ...next.files } }));
    for (const [rel, content] of Object.entries(files)) {
      const p = join(dir, rel);
      await mkdir(dirname(p), { recursive: true });
      await writeAtomic(p, content);
    }
    for (const rel of Object.keys(old?.files ?? {})) {
      if (rel in next.files) continue;
      await rm(inside(dir, rel), { force: true });
      await removeEmptyParents(dir, dirname(inside(dir, rel)));
    }
    await writeAtomic(join(dir, MANIFEST), manifestText(next));
  } catch (e) {
    if (e instanceof Tf2OpenApiError) throw e;
    throw ioError(dir, e);
  }
}

/** After removing a file the tool wrote, the folders it made for it go too, if nothing else is in them. */
async function removeEmptyParents(root: string, dir: string): Promise<void> {
  const top = resolve(root);
  for (let d = resolve(dir); d.startsWith(top + sep); d = dirname(d)) {
    try {
      if (readdirSync(d).length) return;
      await rmdir(d);
    } catch {
      return;
    }
  }
}
