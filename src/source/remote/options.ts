// Options of every remote store, defaulted in one place.

export interface RemoteOptions {
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Attempts for a request that failed with 5xx, 429, a timeout or a network error. */
  retries?: number;
  /** S3 endpoint (MinIO, Huawei OBS, …); also AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL. */
  s3Endpoint?: string;
  /** Path-style S3 URLs (MinIO); also S3_FORCE_PATH_STYLE=true. Defaults to true when an endpoint is set. */
  s3ForcePathStyle?: boolean;
  /** GCS endpoint; also STORAGE_EMULATOR_HOST. */
  gcsEndpoint?: string;
  /** GCS bearer token; also GOOGLE_OAUTH_ACCESS_TOKEN. Anonymous (public buckets) without one. */
  gcsToken?: string;
  /** Bytes fetched per read at least: the read-ahead that makes header walks cheap. */
  chunkBytes?: number;
}

export interface ResolvedRemoteOptions {
  timeoutMs: number;
  retries: number;
  s3Endpoint: string | undefined;
  s3ForcePathStyle: boolean;
  gcsEndpoint: string;
  gcsToken: string | undefined;
  chunkBytes: number;
}

export function remoteOptions(o: RemoteOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedRemoteOptions {
  const s3Endpoint = o.s3Endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const emulator = env.STORAGE_EMULATOR_HOST;
  return {
    timeoutMs: o.timeoutMs ?? 30_000,
    retries: o.retries ?? 4,
    s3Endpoint,
    s3ForcePathStyle: o.s3ForcePathStyle ?? (env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : s3Endpoint !== undefined),
    gcsEndpoint: (o.gcsEndpoint ?? (emulator ? (/^https?:\/\//.test(emulator) ? emulator : `http://${emulator}`) : 'https://storage.googleapis.com')).replace(
      /\/$/,
      '',
    ),
    gcsToken: o.gcsToken ?? env.GOOGLE_OAUTH_ACCESS_TOKEN,
    chunkBytes: o.chunkBytes ?? 256 * 1024,
  };
}
