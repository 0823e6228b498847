// http(s):// models: a saved_model.pb URL, or a SavedModel directory URL (plain HTTP cannot list
// directories, so a model base with versions needs an object store URI or a version in the URL).
import { Tf2OpenApiError } from '../../errors.js';
import type { RandomAccess, ReadStats } from '../random-access.js';
import type { EntryKind, ModelStore } from '../store.js';
import { fetchRange, request, type HttpTarget } from './fetch-range.js';
import { memo } from './memo.js';
import type { ResolvedRemoteOptions } from './options.js';

/** A remote object read by ranges; `size` comes from the store's metadata call. */
export class RangedObject implements RandomAccess {
  readonly stats: ReadStats = { reads: 0, bytes: 0 };
  constructor(
    readonly name: string,
    readonly size: number,
    private readonly readRange: (offset: number, length: number, stats: ReadStats) => Promise<Uint8Array>,
    readonly preferredChunk?: number,
  ) {}
  read(offset: number, length: number): Promise<Uint8Array> {
    return this.readRange(offset, length, this.stats);
  }
  async close(): Promise<void> {}
}

export function httpStore(opts: ResolvedRemoteOptions): ModelStore {
  const target = (url: string): HttpTarget => ({ url, name: url });
  const sizeOf = memo(async (url: string): Promise<number | undefined> => {
    try {
      const res = await request(target(url), { method: 'HEAD' }, opts, [200]);
      const len = res.headers.get('content-length');
      return len === null ? undefined : Number(len);
    } catch (e) {
      if (e instanceof Tf2OpenApiError && e.kind === 'NOT_FOUND') return undefined;
      throw e;
    }
  });
  return {
    // HTTP has no directories: a URL is a SavedModel directory when <url>/saved_model.pb exists.
    async kind(location): Promise<EntryKind> {
      const exists = async (url: string) => (await sizeOf(url)) !== undefined;
      // A file URL is fetched as it is: no probe for a saved_model.pb below it.
      if (/\.pb(txt)?$/.test(new URL(location).pathname)) return (await exists(location)) ? 'file' : 'missing';
      if (await exists(`${location.replace(/\/$/, '')}/saved_model.pb`)) return 'dir';
      throw new Tf2OpenApiError(
        'NO_SAVED_MODEL',
        `${location}: no saved_model.pb at this URL, and plain HTTP cannot list version directories; give a version's URL (${location.replace(/\/$/, '')}/1) or its saved_model.pb`,
      );
    },
    async list(location) {
      return (await sizeOf(`${location.replace(/\/$/, '')}/saved_model.pb`)) !== undefined ? ['saved_model.pb'] : [];
    },
    async open(location) {
      const size = await sizeOf(location);
      if (size === undefined) throw new Tf2OpenApiError('NOT_FOUND', `${location}: not found, or the server gives no Content-Length`);
      return new RangedObject(location, size, (o, l, stats) => fetchRange(target(location), o, l, opts, stats), opts.chunkBytes);
    },
    join: (dir, name) => `${dir.replace(/\/$/, '')}/${name}`,
  };
}
