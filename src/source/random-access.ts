// The one interface between where bytes live and the decoder. Local files, buffers and (later)
// gs://, s3:// and http(s):// objects all implement it; the decoder never knows which it reads.
import { close, fstat, open, read, type Stats } from 'node:fs';
import { Tf2OpenApiError } from '../errors.js';

export interface RandomAccess {
  /** What to call this object in messages: a path or a URI. */
  readonly name: string;
  /** Total size in bytes. */
  readonly size: number;
  /** Exactly `length` bytes from `offset`; the range must lie inside [0, size). */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
  /** Bytes worth fetching per read (remote round trips cost more than bytes). */
  readonly preferredChunk?: number;
  /** Fills `target` with the bytes at `offset` (the range inside the source): for scans that reuse
   * one buffer, where a fresh megabyte per read costs more than the read itself. */
  readInto?(target: Uint8Array, offset: number): Promise<void>;
}

/** Counts what was asked of a source: how many reads and how many bytes. */
export interface ReadStats {
  reads: number;
  bytes: number;
}

export class BufferSource implements RandomAccess {
  readonly size: number;
  constructor(
    readonly name: string,
    private readonly bytes: Uint8Array,
  ) {
    this.size = bytes.length;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.bytes.subarray(offset, offset + length);
  }
  async readInto(target: Uint8Array, offset: number): Promise<void> {
    if (offset + target.length > this.size) throw new Tf2OpenApiError('TRUNCATED', `${this.name}: ends before byte ${offset + target.length}`);
    target.set(this.bytes.subarray(offset, offset + target.length));
  }
  async close(): Promise<void> {}
}

/** A callback-style fs call as a promise: node:fs/promises is a module of its own to load, about
 * 2% of a start, and inspect reads a handful of ranges. */
export const fsCall = <T>(f: (done: (e: NodeJS.ErrnoException | null, v: T) => void) => void): Promise<T> =>
  new Promise<T>((resolve, reject) => f((e, v) => (e ? reject(e) : resolve(v))));

export class FileSource implements RandomAccess {
  readonly stats: ReadStats = { reads: 0, bytes: 0 };
  private constructor(
    readonly name: string,
    readonly size: number,
    private readonly fd: number,
  ) {}

  static async open(path: string): Promise<FileSource> {
    let fd: number;
    try {
      fd = await fsCall<number>((done) => open(path, 'r', done));
    } catch (e) {
      throw ioError(path, e);
    }
    const { size } = await fsCall<Stats>((done) => fstat(fd, done));
    return new FileSource(path, size, fd);
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const buf = new Uint8Array(length);
    await this.readInto(buf, offset);
    return buf;
  }

  async readInto(target: Uint8Array, offset: number): Promise<void> {
    const length = target.length;
    let done = 0;
    while (done < length) {
      const bytesRead = await fsCall<number>((cb) => read(this.fd, target, done, length - done, offset + done, cb));
      if (bytesRead === 0) throw new Tf2OpenApiError('TRUNCATED', `${this.name}: file shrank while being read`);
      done += bytesRead;
    }
    this.stats.reads++;
    this.stats.bytes += length;
  }

  async close(): Promise<void> {
    await fsCall<void>((done) => close(this.fd, (e) => done(e, undefined)));
  }
}

export function ioError(path: string, e: unknown): Tf2OpenApiError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new Tf2OpenApiError('NOT_FOUND', `${path}: no such file or directory`);
  if (code === 'EACCES' || code === 'EPERM') return new Tf2OpenApiError('IO', `${path}: permission denied`);
  if (code === 'EISDIR') return new Tf2OpenApiError('IO', `${path}: is a directory`);
  return new Tf2OpenApiError('IO', `${path}: ${(e as Error)?.message ?? String(e)}`);
}
