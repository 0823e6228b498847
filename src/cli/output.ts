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
