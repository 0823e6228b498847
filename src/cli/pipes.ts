// A reader that stops early (`| head`) is not an error: stop quietly, as Unix tools do.

/** The reader went away: end now, with the exit code already decided. */
export const endOnClosedPipe = (): never => process.exit(process.exitCode ?? 0);

export function quietOnClosedPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  return stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') endOnClosedPipe();
    throw e;
  });
}

export function quietOnClosedPipes(): void {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
}

/** Ends the process with `code` once pending output to a pipe is written (exit() now could cut it). */
export function finish(code: number): void {
  if (code !== 0 && typeof process.exitCode !== 'number') process.exit(code);
  process.exitCode = code;
}
