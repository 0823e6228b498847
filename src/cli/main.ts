#!/usr/bin/env node
// The installed command: closed pipes handled as Unix tools do, then the command line (run.ts).
import { hideBin } from 'yargs/helpers';
import { run } from './run.js';

/** A reader that stops early (`| head`) is not an error: stop quietly, as Unix tools do. */
function quietOnClosedPipe(stream: NodeJS.WriteStream) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);
run(hideBin(process.argv)).then((code) => {
  // Pending output to a pipe is written before the process ends; exit() now could cut it short.
  if (code !== 0 && typeof process.exitCode !== 'number') process.exit(code);
  process.exitCode = code;
});
