// RFC 6901 JSON pointers. Model names may hold '/' and '~', which must neither split a pointer
// nor be read as an escape.

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export const pointer = (...segments: (string | number)[]): string => segments.map((s) => `/${escapePointer(String(s))}`).join('');
