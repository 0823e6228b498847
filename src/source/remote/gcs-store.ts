// gs:// models through the Cloud Storage JSON API: object metadata for sizes, ranged media
// downloads, prefix listings for version directories. Anonymous for public buckets, or a bearer
// token (GOOGLE_OAUTH_ACCESS_TOKEN); STORAGE_EMULATOR_HOST points it elsewhere.
import { Tf2OpenApiError } from '../../errors.js';
import type { ModelStore } from '../store.js';
import { fetchRange, request, type HttpTarget } from './fetch-range.js';
import { RangedObject } from './http-store.js';
import { memo } from './memo.js';
import { pageGuard } from './pages.js';
import type { ResolvedRemoteOptions } from './options.js';
import { parseBucketUri } from './uri.js';

export function gcsStore(opts: ResolvedRemoteOptions): ModelStore {
  const headers: Record<string, string> = opts.gcsToken ? { Authorization: `Bearer ${opts.gcsToken}` } : {};
  const objectUrl = (bucket: string, key: string) => `${opts.gcsEndpoint}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(key)}`;
  const target = (uri: string, url: string): HttpTarget => ({ url, headers, name: uri });

  const metadata = memo(async (uri: string): Promise<{ size: number } | undefined> => {
    const { bucket, key } = parseBucketUri(uri);
    if (!key) return undefined;
    try {
      const res = await request(target(uri, objectUrl(bucket, key)), {}, opts, [200]);
      const meta = (await json(res, uri)) as { size?: unknown };
      const size = Number(meta.size);
      if (typeof meta.size !== 'string' || !Number.isSafeInteger(size) || size < 0)
        throw new Tf2OpenApiError('IO', `${uri}: Cloud Storage gave no object size (size ${JSON.stringify(meta.size ?? null)})`);
      return { size };
    } catch (e) {
      if (e instanceof Tf2OpenApiError && e.kind === 'NOT_FOUND') return undefined;
      throw e;
    }
  });
  const listing = async (uri: string): Promise<string[]> => {
    const { bucket, key } = parseBucketUri(uri);
    const prefix = key ? `${key.replace(/\/$/, '')}/` : '';
    const names = new Set<string>();
    let pageToken: string | undefined;
    const next = pageGuard(uri);
    do {
      const q = new URLSearchParams({ prefix, delimiter: '/', ...(pageToken ? { pageToken } : {}) });
      const res = await request(target(uri, `${opts.gcsEndpoint}/storage/v1/b/${encodeURIComponent(bucket)}/o?${q}`), {}, opts, [200]);
      const page = (await json(res, uri)) as { items?: unknown; prefixes?: unknown; nextPageToken?: unknown };
      const items = Array.isArray(page.items) ? page.items : [];
      const prefixes = Array.isArray(page.prefixes) ? page.prefixes : [];
      for (const i of items) if (typeof (i as { name?: unknown })?.name === 'string') names.add((i as { name: string }).name.slice(prefix.length));
      for (const p of prefixes) if (typeof p === 'string') names.add(p.slice(prefix.length).replace(/\/$/, ''));
      pageToken = next(typeof page.nextPageToken === 'string' ? page.nextPageToken : undefined);
    } while (pageToken);
    names.delete('');
    return [...names];
  };
  return {
    async kind(uri) {
      if (await metadata(uri)) return 'file';
      return (await listing(uri)).length ? 'dir' : 'missing';
    },
    list: listing,
    async open(uri) {
      const meta = await metadata(uri);
      if (!meta) throw new Tf2OpenApiError('NOT_FOUND', `${uri}: no such object`);
      const { bucket, key } = parseBucketUri(uri);
      const media = target(uri, `${objectUrl(bucket, key)}?alt=media`);
      return new RangedObject(uri, meta.size, (o, l, stats) => fetchRange(media, o, l, opts, stats), opts.chunkBytes);
    },
    join: (dir, name) => `${dir.replace(/\/$/, '')}/${name}`,
  };
}

/** The JSON API's answer as an object, or a typed error naming the URI. */
async function json(res: Response, uri: string): Promise<object> {
  const text = await res.text();
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch {
    // below
  }
  throw new Tf2OpenApiError('IO', `${uri}: Cloud Storage answered with something that is not a JSON object: ${JSON.stringify(text.slice(0, 80))}`);
}
