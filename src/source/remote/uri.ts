// gs://bucket/key and s3://bucket/key.
import { Tf2OpenApiError } from '../../errors.js';

export function parseBucketUri(uri: string): { scheme: string; bucket: string; key: string } {
  const m = /^([a-z0-9]+):\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m) throw new Tf2OpenApiError('BAD_INPUT', `${uri}: not a bucket URI (expected scheme://bucket/path)`);
  return { scheme: m[1]!, bucket: m[2]!, key: m[3]!.replace(/\/+$/, '') };
}
