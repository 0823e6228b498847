// s3:// models through @aws-sdk/client-s3: AWS, and anything speaking S3 (MinIO, Huawei OBS)
// with an endpoint override. Credentials come from the SDK's standard chain (AWS_* variables,
// profiles, instance roles).
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Tf2OpenApiError } from '../../errors.js';
import type { ModelStore } from '../store.js';
import { cutRange, rangeStart, typedTransportError } from './fetch-range.js';
import { RangedObject } from './http-store.js';
import { memo } from './memo.js';
import { pageGuard } from './pages.js';
import type { ResolvedRemoteOptions } from './options.js';
import { parseBucketUri } from './uri.js';

export function s3Store(opts: ResolvedRemoteOptions): ModelStore {
  const client = new S3Client({
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(opts.s3Endpoint ? { endpoint: opts.s3Endpoint } : {}),
    forcePathStyle: opts.s3ForcePathStyle,
    maxAttempts: opts.retries + 1,
    requestHandler: { requestTimeout: opts.timeoutMs, connectionTimeout: opts.timeoutMs },
  });
  const fail = (uri: string, e: unknown): never => {
    if (e instanceof Tf2OpenApiError) throw e;
    const status = (e as S3ServiceException).$metadata?.httpStatusCode;
    const { bucket, key } = parseBucketUri(uri);
    const where = `bucket ${JSON.stringify(bucket)}, key ${JSON.stringify(key)}`;
    if (status === 404 || (e as Error).name === 'NoSuchBucket' || (e as Error).name === 'NoSuchKey')
      throw new Tf2OpenApiError('NOT_FOUND', `${uri}: not found (${where})`);
    if (status === 403 || status === 401) throw new Tf2OpenApiError('IO', `${uri}: access denied (${where}); check the AWS credentials`);
    throw new Tf2OpenApiError('IO', `${uri}: ${(e as Error).name ?? 'error'}: ${(e as Error).message}`);
  };
  const head = memo(async (uri: string): Promise<number | undefined> => {
    const { bucket, key } = parseBucketUri(uri);
    if (!key) return undefined;
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return out.ContentLength;
    } catch (e) {
      if ((e as S3ServiceException).$metadata?.httpStatusCode === 404 || (e as Error).name === 'NotFound') return undefined;
      return fail(uri, e);
    }
  });
  const list = async (uri: string): Promise<string[]> => {
    const { bucket, key } = parseBucketUri(uri);
    const prefix = key ? `${key}/` : '';
    const names = new Set<string>();
    let token: string | undefined;
    const next = pageGuard(uri);
    try {
      do {
        const out = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ...(token ? { ContinuationToken: token } : {}) }),
        );
        for (const o of out.Contents ?? []) names.add(o.Key!.slice(prefix.length));
        for (const p of out.CommonPrefixes ?? []) names.add(p.Prefix!.slice(prefix.length).replace(/\/$/, ''));
        token = next(out.IsTruncated ? out.NextContinuationToken : undefined);
      } while (token);
    } catch (e) {
      return fail(uri, e);
    }
    names.delete('');
    return [...names];
  };
  return {
    async kind(uri) {
      if ((await head(uri)) !== undefined) return 'file';
      return (await list(uri)).length ? 'dir' : 'missing';
    },
    list,
    async open(uri) {
      const size = await head(uri);
      if (size === undefined) throw new Tf2OpenApiError('NOT_FOUND', `${uri}: no such object`);
      const { bucket, key } = parseBucketUri(uri);
      return new RangedObject(
        uri,
        size,
        async (offset, length, stats) => {
          let body: AsyncIterable<Uint8Array> & { destroy?: () => void };
          let skip: number;
          try {
            const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${offset}-${offset + length - 1}` }));
            stats.reads++;
            // A store that ignores Range sends the whole object (no Content-Range): streamed and
            // cut as the HTTP store does, never buffered whole.
            skip = out.ContentRange === undefined ? offset : rangeStart(out.ContentRange, uri, offset);
            body = out.Body as unknown as AsyncIterable<Uint8Array> & { destroy?: () => void };
          } catch (e) {
            return fail(uri, e);
          }
          const it = body[Symbol.asyncIterator]();
          try {
            return await cutRange({ next: async () => (await it.next()).value as Uint8Array | undefined }, skip, length, stats, `${uri}: got`, offset);
          } catch (e) {
            throw typedTransportError(e, uri, offset);
          } finally {
            body.destroy?.();
          }
        },
        opts.chunkBytes,
      );
    },
    join: (dir, name) => `${dir.replace(/\/$/, '')}/${name}`,
  };
}
