// A reader that stops early (`| head`) is not an error: stop quietly, as Unix tools do.

function quietOnClosedPipe(stream: NodeJS.WriteStream) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
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
