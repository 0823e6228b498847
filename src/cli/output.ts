// What the CLI prints. Model strings, URIs and server messages can hold control characters: they
// are escaped so that one message stays one line and no terminal escape sequence gets through.
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
