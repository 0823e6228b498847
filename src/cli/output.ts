// What the CLI prints. Model strings, URIs and server messages can hold control characters: they
// are escaped so that one message stays one line and no terminal escape sequence gets through.
import { writeSync } from 'node:fs';
import { endOnClosedPipe, quietOnClosedPipe } from './pipes.js';
export const oneLine = (s: string) =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** Where the CLI writes: the process's streams, or (for in-process tests) a capture. */
export interface Sink {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  /** Standard input, for a capture that supplies it. */
  input?: string;
}
const processSink: Sink = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  get isTTY() {
    return !!process.stderr.isTTY;
  },
};
/**
 * Writes straight to file descriptors 1 and 2, for the quick inspect path: process.stdout and
 * process.stderr load Node's stream modules (about 5% of a start). A closed pipe ends the process
 * quietly; a pipe that is full (EAGAIN) hands the rest to the stream, which waits for the reader.
 */
export const fdSink: Sink = {
  out: fdWriter(1, () => process.stdout),
  err: fdWriter(2, () => process.stderr),
  // Asked only before progress lines (remote models): the stream is made then, not at start.
  get isTTY() {
    return !!process.stderr.isTTY;
  },
};

/** Once a descriptor's pipe is found full, its stream takes that write's rest and every later one,
 * so that output stays in order. */
function fdWriter(fd: number, stream: () => NodeJS.WriteStream): (text: string) => void {
  let taken: NodeJS.WriteStream | undefined;
  return (text) => {
    if (taken) return void taken.write(text);
    const bytes = Buffer.from(text);
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(fd, bytes, done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') endOnClosedPipe();
      if (code !== 'EAGAIN') throw e;
      taken = quietOnClosedPipe(stream());
      taken.write(bytes.subarray(done));
    }
  };
}

let sink: Sink = processSink;
/** Sends the CLI's output to `s` until the returned function is called. */
export function redirect(s: Sink): () => void {
  sink = s;
  return () => void (sink = processSink);
}

export const out = (text: string) => sink.out(text);
export const err = (text: string) => sink.err(text);
export const warn = (line: string) => sink.err(`tf2openapi: warning: ${oneLine(line)}\n`);
export const warnAll = (lines: string[]) => lines.forEach(warn);
/** Progress for work that takes seconds, on stderr and only for a person at a terminal. */
export const progress = (line: string) => {
  if (sink.isTTY) sink.err(`${oneLine(line)}\n`);
};
export const isTTY = () => sink.isTTY;

/** Standard input as text (a capture's, else the process's). */
export async function readInput(): Promise<string> {
  if (sink.input !== undefined) return sink.input;
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A failure as one line on stderr; returns the exit code (the README's table). */
export function report(e: unknown, codes: { internal: number }): number {
  const known = e as { name?: string; kind?: string; exitCode?: number; message?: string };
  if (e instanceof Error && typeof known.exitCode === 'number' && typeof known.kind === 'string') {
    const hint = known.kind === 'USAGE' ? ' (see tf2openapi --help)' : '';
    err(`tf2openapi: ${oneLine(e.message.replace(/\s*\n\s*/g, ' '))}${hint}\n`);
    return known.exitCode;
  }
  err(`tf2openapi: internal error: ${oneLine((e as Error)?.message ?? String(e))} (a bug: please report it)\n`);
  if (process.env.TF2OPENAPI_DEBUG) err(`${(e as Error)?.stack}\n`);
  return codes.internal;
}
