// Ranged HTTP GETs with retries: the transport under the http(s):// and gs:// stores.
import { Tf2OpenApiError } from '../../errors.js';
import type { ResolvedRemoteOptions } from './options.js';

export interface HttpTarget {
  url: string;
  headers?: Record<string, string>;
  /** Names the object in error messages, e.g. "gs://bucket/key". */
  name: string;
}

const FINAL_NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const RETRYABLE = (status: number) => status >= 500 || status === 429 || status === 408;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request with timeout and retries; 4xx other than 408/429 are final and named. */
export async function request(target: HttpTarget, init: RequestInit, opts: ResolvedRemoteOptions, acceptStatus: number[] = [200, 206]): Promise<Response> {
  let last = '';
  for (let attempt = 0; attempt <= opts.retries; attempt++) {
    if (attempt > 0) await sleep(Math.min(2000, 100 * 2 ** (attempt - 1)) * (0.5 + Math.random()));
    let res: Response;
    try {
      res = await fetch(target.url, {
        ...init,
        headers: { ...target.headers, ...(init.headers as Record<string, string>) },
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (e) {
      const err = e as Error;
      const code = (err.cause as NodeJS.ErrnoException | undefined)?.code;
      // Nothing listens, or the name does not resolve: retrying will not change that.
      if (code && FINAL_NETWORK_ERRORS.has(code)) throw new Tf2OpenApiError('IO', `${new URL(target.url).host}: cannot connect (${code})`);
      last =
        err.name === 'TimeoutError'
          ? `no answer within ${opts.timeoutMs} ms`
          : `${err.message}${(err.cause as Error | undefined)?.message ? ` (${(err.cause as Error).message})` : ''}`;
      continue;
    }
    if (acceptStatus.includes(res.status)) return res;
    await res.body?.cancel();
    if (res.status === 404) throw new Tf2OpenApiError('NOT_FOUND', `${target.name}: not found (HTTP 404)`);
    if (res.status === 401 || res.status === 403) {
      throw new Tf2OpenApiError('IO', `${target.name}: access denied (HTTP ${res.status}); check the credentials or the object's permissions`);
    }
    if (res.status === 416) throw new Tf2OpenApiError('TRUNCATED', `${target.name}: range not satisfiable (HTTP 416): the object is shorter than it claimed`);
    last = `HTTP ${res.status}`;
    if (!RETRYABLE(res.status)) break;
  }
  throw new Tf2OpenApiError('IO', `${target.name}: ${last} after ${opts.retries + 1} attempts`);
}

/**
 * Bytes [offset, offset + length) of the object. A server that ignores Range (200 instead of 206)
 * is streamed: bytes before the range are skipped, the rest of the body is cancelled, and nothing
 * beyond the range is kept.
 */
export async function fetchRange(
  target: HttpTarget,
  offset: number,
  length: number,
  opts: ResolvedRemoteOptions,
  stats?: { reads: number; bytes: number },
): Promise<Uint8Array> {
  const res = await request(target, { headers: { Range: `bytes=${offset}-${offset + length - 1}` } }, opts);
  if (stats) stats.reads++;
  const skip = res.status === 206 ? rangeStart(res.headers.get('content-range'), target.name, offset) : offset;
  const reader = res.body!.getReader();
  try {
    return await cutRange(
      {
        next: async () => {
          const { done, value } = await reader.read();
          return done ? undefined : value;
        },
      },
      skip,
      length,
      stats,
      `${target.name}: the server sent`,
      offset,
    );
  } catch (e) {
    throw typedTransportError(e, target.name, offset);
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** Where a 206 answer's bytes start relative to the range asked for: Content-Range must name the
 * offset asked for (a server answering another range would be read as the file's bytes). */
export function rangeStart(header: string | null | undefined, name: string, offset: number): number {
  if (header === null || header === undefined) return 0; // some servers omit it on 206: trust the status
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header.trim());
  if (!m || Number(m[1]) !== offset)
    throw new Tf2OpenApiError('IO', `${name}: asked for bytes from ${offset}, the server answered Content-Range ${JSON.stringify(header)}`);
  return 0;
}

/** A body cut mid-way or timing out is the transport's fault, typed as IO (exit 14) with the cause. */
export function typedTransportError(e: unknown, name: string, offset: number): unknown {
  if (e instanceof Tf2OpenApiError) return e;
  const err = e as Error;
  const why = err?.name === 'TimeoutError' || err?.name === 'AbortError' ? 'the answer stopped (timeout)' : (err?.message ?? String(e));
  return new Tf2OpenApiError('IO', `${name}: reading the body at offset ${offset} failed: ${why}`);
}

/**
 * Bytes [skip, skip + length) of a body read chunk by chunk: bytes before are dropped, reading stops
 * once the range is filled, nothing beyond it is kept (a server that ignores Range sends everything).
 */
export async function cutRange(
  body: { next(): Promise<Uint8Array | undefined> },
  skip: number,
  length: number,
  stats: { reads: number; bytes: number } | undefined,
  what: string,
  offset: number,
): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const value = await body.next();
    if (value === undefined) break;
    if (stats) stats.bytes += value.length;
    let chunk = value;
    if (skip > 0) {
      if (chunk.length <= skip) {
        skip -= chunk.length;
        continue;
      }
      chunk = chunk.subarray(skip);
      skip = 0;
    }
    const take = Math.min(chunk.length, length - filled);
    out.set(chunk.subarray(0, take), filled);
    filled += take;
  }
  if (filled < length) throw new Tf2OpenApiError('TRUNCATED', `${what} ${filled} of ${length} bytes at offset ${offset}`);
  return out;
}
