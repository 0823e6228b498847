// A read-ahead window over a RandomAccess: field headers are tiny and many, so they are served
// from one cached chunk; large values are read directly and never enter the cache.
import type { RandomAccess } from '../source/random-access.js';

export const DEFAULT_CHUNK = 64 * 1024;

export class ByteWindow {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  private readonly chunk: number;
  constructor(
    readonly source: RandomAccess,
    chunk?: number,
  ) {
    this.chunk = chunk ?? source.preferredChunk ?? DEFAULT_CHUNK;
  }

  get size(): number {
    return this.source.size;
  }

  /** `length` bytes at `offset`, clamped to the end of the source. */
  async bytes(offset: number, length: number): Promise<Uint8Array> {
    const want = Math.max(0, Math.min(length, this.source.size - offset));
    if (offset >= this.start && offset + want <= this.start + this.buf.length) {
      return this.buf.subarray(offset - this.start, offset - this.start + want);
    }
    if (want > this.chunk) return this.source.read(offset, want);
    const take = Math.min(this.chunk, this.source.size - offset);
    this.buf = await this.source.read(offset, take);
    this.start = offset;
    return this.buf.subarray(0, want);
  }
}
