// Writes an output file atomically: a temporary file beside it, then a rename, so a reader never
// sees half a spec and a failure leaves the old file as it was.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { Tf2OpenApiError } from '../errors.js';

export type TextFormat = 'json' | 'yaml';

export function formatDocument(doc: unknown, format: TextFormat): string {
  // YAML quoting of model-supplied strings is the yaml library's job; it never emits aliases here.
  return format === 'yaml' ? stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 }) : JSON.stringify(doc, null, 2) + '\n';
}

export async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `no such directory ${dirname(file)}` : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new Tf2OpenApiError('IO', `${file}: cannot write: ${why}`);
  }
}
