#!/usr/bin/env node
// The installed command: closed pipes handled as Unix tools do, then the command line (run.ts).
import { hideBin } from 'yargs/helpers';

/** A reader that stops early (`| head`) is not an error: stop quietly, as Unix tools do. */
function quietOnClosedPipe(stream: NodeJS.WriteStream) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);
const argv = hideBin(process.argv);
// `inspect <model> [--json]`, the command run most and the one that must start fast, skips yargs and
// the command table; any other form (options, --help) goes through run() and yargs.
const rest = argv.slice(1);
const quickInspect =
  argv[0] === 'inspect' &&
  rest.filter((a) => a === '--json').length <= 1 &&
  rest.filter((a) => a !== '--json').length === 1 &&
  !rest.some((a) => a !== '--json' && a.startsWith('-'));
(quickInspect ? import('./quick-inspect.js').then((m) => m.quickInspect(argv.slice(1))) : import('./run.js').then((m) => m.run(argv))).then((code) => {
  // Pending output to a pipe is written before the process ends; exit() now could cut it short.
  if (code !== 0 && typeof process.exitCode !== 'number') process.exit(code);
  process.exitCode = code;
});
