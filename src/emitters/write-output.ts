// Writes an output file without ever leaving half of it: a temporary file beside the target, then
// a rename, so a reader sees the old file or the new one and a failure leaves the old one as it
// was. Only regular files are replaced by a rename: a FIFO or character device (`-o /dev/stdout`)
// is written through, a symlink is followed to the file it names (the link stays a link), and
// anything else (a directory, a socket) is refused.
import { lstatSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { Tf2OpenApiError } from '../errors.js';

export type TextFormat = 'json' | 'yaml';

/** The yaml library, loaded when YAML is written: a JSON run need not compile its 114 KB. (The
 * CommonJS bundle of the quick generate path has `require` and no import.meta.url.) */
declare const require: NodeJS.Require | undefined;
const yaml = (): typeof import('yaml') => (typeof require === 'function' ? require : createRequire(import.meta.url))('yaml') as typeof import('yaml');

export function formatDocument(doc: unknown, format: TextFormat): string {
  // YAML quoting of model-supplied strings is the yaml library's job; it never emits aliases here.
  return format === 'yaml' ? yaml().stringify(doc, YAML_OPTIONS) : JSON.stringify(doc, null, 2) + '\n';
}

/** `formatDocument`'s text in pieces of about a megabyte: a document's whole text (and the buffer
 * it is encoded to, and for YAML the library's tree of it) is never held at once. */
export function* formatDocumentPieces(doc: unknown, format: TextFormat): Generator<string> {
  let batch = '';
  for (const piece of format === 'yaml' ? yamlPieces(doc, 3, '') : jsonPieces(doc, 3, '')) {
    batch += piece;
    if (batch.length >= 1 << 20) {
      yield batch;
      batch = '';
    }
  }
  yield format === 'yaml' ? batch : batch + '\n';
}

const YAML_OPTIONS = { aliasDuplicateObjects: false, lineWidth: 0 } as const;
const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !('toJSON' in v) && Object.getPrototypeOf(v) === Object.prototype;

/** The yaml library's text of a mapping, written member by member down to `depth` levels: each
 * member is the library's own text of `{key: value}`, its lines moved under the enclosing key. A key
 * the library writes in any other form than `key:` (an explicit `? key`) takes its member whole. */
function* yamlPieces(value: unknown, depth: number, indent: string): Generator<string> {
  const text = (v: unknown) => {
    const t = yaml().stringify(v, YAML_OPTIONS);
    // Only lines with text move: an empty line inside a block scalar stays empty, as in the whole text.
    return indent ? t.replace(/^(?=.)/gm, indent) : t;
  };
  const members = isMapping(value) ? written(value) : [];
  if (depth === 0 || members.length === 0) return yield text(value);
  for (const [k, v] of members) {
    const head = isMapping(v) && written(v).length > 0 ? yaml().stringify({ [k]: {} }, YAML_OPTIONS) : '';
    const key = head.endsWith(': {}\n') ? head.slice(0, -': {}\n'.length) : '';
    if (key && !key.includes('\n') && !key.startsWith('?')) {
      yield `${indent}${key}:\n`;
      yield* yamlPieces(v, depth - 1, `${indent}  `);
    } else yield text({ [k]: v });
  }
}

/** The members JSON.stringify and the yaml library write: not undefined, functions or symbols. */
const written = (o: object): [string, unknown][] => Object.entries(o).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');

/** JSON.stringify(value, null, 2), written member by member down to `depth` levels of objects. */
function* jsonPieces(value: unknown, depth: number, indent: string): Generator<string> {
  if (depth === 0 || !isMapping(value)) {
    const text = JSON.stringify(value, null, 2);
    // A string in JSON text holds no raw line break, so every one is the layout's.
    return yield indent ? text.replace(/\n/g, `\n${indent}`) : text;
  }
  const members = written(value);
  if (members.length === 0) return yield '{}';
  const inner = `${indent}  `;
  yield '{\n';
  for (let k = 0; k < members.length; k++) {
    yield `${inner}${JSON.stringify(members[k]![0])}: `;
    yield* jsonPieces(members[k]![1], depth - 1, inner);
    yield k < members.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

/** Temporary files are `.<target>.<12 hex>.tmp`: distinctive enough to clean up after a killed run. */
const TEMP = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;
const STALE_TEMP_MS = 60_000;

/** 48 random bits: uniqueness, not secrecy (the file is created exclusively), so no node:crypto to load. */
const tempSuffix = () =>
  Math.floor(Math.random() * 2 ** 48)
    .toString(16)
    .padStart(12, '0');
export const tempPathFor = (file: string) => join(dirname(file), `.${basename(file)}.${tempSuffix()}.tmp`);

/** Removes temporaries a killed run left beside `file` (older than a minute: not a live writer's). */
export function removeStaleTemps(file: string): void {
  const dir = dirname(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (TEMP.exec(n)?.[1] !== basename(file)) continue;
    const p = join(dir, n);
    try {
      if (Date.now() - lstatSync(p).mtimeMs > STALE_TEMP_MS) rmSync(p, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to judge: leave it.
    }
  }
}

/** What writing to `file` means: replace a regular file (or create one; `perm` is the replaced file's), or write through a stream-like node. */
function target(file: string): { mode: 'replace' | 'through'; path: string; perm?: number } {
  let st;
  try {
    st = lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { mode: 'replace', path: file };
    throw e;
  }
  if (st.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      throw new Tf2OpenApiError('IO', `${file}: cannot write: a symbolic link to a path that does not exist`);
    }
    return target(real);
  }
  if (st.isFile()) return { mode: 'replace', path: file, perm: st.mode & 0o777 };
  if (st.isFIFO() || st.isCharacterDevice()) return { mode: 'through', path: file };
  throw new Tf2OpenApiError('IO', `${file}: cannot write: ${st.isDirectory() ? 'is a directory' : 'not a regular file, FIFO or character device'}`);
}

/** Writes the text (or its pieces, in order) to `file`; see the top of this module. */
export async function writeAtomic(file: string, text: string | Uint8Array | Iterable<string>): Promise<void> {
  let t: ReturnType<typeof target>;
  try {
    t = target(file);
  } catch (e) {
    if (e instanceof Tf2OpenApiError) throw e;
    throw ioError(file, e);
  }
  if (t.mode === 'through') {
    const fh = await open(t.path, 'w').catch((e) => Promise.reject(ioError(file, e)));
    try {
      await writeAll(fh, text);
    } catch (e) {
      throw ioError(file, e);
    } finally {
      await fh.close().catch(() => undefined);
    }
    return;
  }
  removeStaleTemps(t.path);
  const tmp = tempPathFor(t.path);
  try {
    // Keep the permissions of the file being replaced (a user's 0600 spec stays 0600).
    const fh = await open(tmp, 'wx', t.perm);
    try {
      await writeAll(fh, text);
    } finally {
      await fh.close();
    }
    await rename(tmp, t.path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw ioError(file, e);
  }
}

async function writeAll(fh: FileHandle, text: string | Uint8Array | Iterable<string>): Promise<void> {
  if (typeof text === 'string' || text instanceof Uint8Array) return fh.writeFile(text);
  for (const piece of text) await fh.writeFile(piece);
}

export function ioError(file: string, e: unknown): Tf2OpenApiError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? `no such directory ${dirname(file)}`
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'no space left on the device'
          : code === 'EISDIR'
            ? 'is a directory'
            : code === 'ENOTDIR'
              ? `${dirname(file)} is not a directory`
              : ((e as Error).message ?? String(e)).split('\n')[0]!;
  return new Tf2OpenApiError('IO', `${file}: cannot write: ${why}`);
}
