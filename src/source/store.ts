// Where model files are looked up: a tiny file-system view. Local disk implements it here;
// object stores implement the same four calls, so layout rules (resolve.ts) are written once.
import { readdir, stat, type Stats } from 'node:fs';
import { join } from 'node:path';
import { FileSource, fsCall, ioError, type RandomAccess } from './random-access.js';

export type EntryKind = 'file' | 'dir' | 'missing';

export interface ModelStore {
  kind(location: string): Promise<EntryKind>;
  /** Names of the entries directly inside a directory. */
  list(location: string): Promise<string[]>;
  open(location: string): Promise<RandomAccess>;
  join(dir: string, name: string): string;
}

export const localStore: ModelStore = {
  async kind(location) {
    try {
      const s = await fsCall<Stats>((done) => stat(location, done));
      return s.isDirectory() ? 'dir' : 'file';
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return 'missing';
      throw ioError(location, e);
    }
  },
  async list(location) {
    try {
      return await fsCall<string[]>((done) => readdir(location, done));
    } catch (e) {
      throw ioError(location, e);
    }
  },
  open: (location) => FileSource.open(location),
  join: (dir, name) => join(dir, name),
};
