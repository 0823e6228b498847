// Paged listings end when the server says so: a page token that comes back, or more pages than any
// version directory needs, means a listing that never ends (a broken or hostile server), not a loop.
import { Tf2OpenApiError } from '../../errors.js';

/** At 1,000 names a page: ten million entries under one model prefix. */
export const MAX_LIST_PAGES = 10_000;

/** Call with each next-page token; throws when one repeats or the pages pass the limit. */
export function pageGuard(uri: string, limit = MAX_LIST_PAGES): (token: string | undefined) => string | undefined {
  const seen = new Set<string>();
  return (token) => {
    if (token === undefined || token === '') return undefined;
    if (seen.has(token)) throw new Tf2OpenApiError('IO', `${uri}: the listing's next-page token came back a second time; the server's listing never ends`);
    seen.add(token);
    if (seen.size >= limit) throw new Tf2OpenApiError('IO', `${uri}: the listing passed ${limit} pages; give the version's URI`);
    return token;
  };
}
