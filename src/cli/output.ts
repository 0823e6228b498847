// What the CLI prints. Model strings, URIs and server messages can hold control characters: they
// are escaped so that one message stays one line and no terminal escape sequence gets through.
export const oneLine = (s: string) =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

export const out = (text: string) => process.stdout.write(text);
export const warn = (line: string) => process.stderr.write(`tf2openapi: warning: ${oneLine(line)}\n`);
export const warnAll = (lines: string[]) => lines.forEach(warn);
/** Progress for work that takes seconds, on stderr and only for a person at a terminal. */
export const progress = (line: string) => {
  if (process.stderr.isTTY) process.stderr.write(`${oneLine(line)}\n`);
};
