// The tf2openapi command line as a function: a table of commands (one module each, in commands/),
// each a thin layer that parses its flags and calls one library function. Jobs load when their
// command runs. `run` returns the exit code and never exits the process, so tests run it in-process.
import yargs from 'yargs';
import { EXIT_CODES, Tf2OpenApiError } from '../errors.js';
import { buildCommand } from './commands/build.js';
import { clientCommand } from './commands/client.js';
import { deployCommand } from './commands/deploy.js';
import { diffCommand } from './commands/diff.js';
import { docsCommand } from './commands/docs.js';
import { generateCommand, goCompatibleCommand } from './commands/generate.js';
import { inspectCommand } from './commands/inspect.js';
import { promoteCommand, rolloutCommand } from './commands/rollout.js';
import { serveCommand } from './commands/serve.js';
import { deleteCommand, statusCommand } from './commands/status.js';
import { validateCommand } from './commands/validate.js';
import { versionCommand } from './commands/version.js';
import { report } from './output.js';

const COMMANDS = [
  inspectCommand,
  generateCommand,
  validateCommand,
  clientCommand,
  docsCommand,
  serveCommand,
  buildCommand,
  deployCommand,
  diffCommand,
  promoteCommand,
  rolloutCommand,
  statusCommand,
  deleteCommand,
  versionCommand,
];
const NAMES = COMMANDS.map((c) => String(c.command).split(' ')[0]!);

/** Options declared repeatable (yargs `array: true`). */
const REPEATABLE = new Set(['label']);

/** Option values are single unless declared otherwise: `-n a -n b` is a mistake, not "a,b". */
function refuseRepeats(argv: Record<string, unknown>) {
  for (const [k, v] of Object.entries(argv)) {
    if (k === '_' || k === '$0' || k.length === 1 || /[A-Z]/.test(k) || REPEATABLE.has(k)) continue;
    if (Array.isArray(v)) throw new Tf2OpenApiError('USAGE', `--${k} is given ${v.length} times; give it once`);
    if (typeof v === 'number' && Number.isNaN(v)) throw new Tf2OpenApiError('USAGE', `--${k} needs a number`);
    if (typeof v === 'number' && v < 0) throw new Tf2OpenApiError('USAGE', `--${k} ${v} must not be negative`);
  }
}

async function parse(argv: string[]): Promise<void> {
  const y = yargs(argv);
  let cli = y
    .scriptName('tf2openapi')
    .wrap(Math.min(120, y.terminalWidth()))
    .usage(
      `$0 <command> [options]\n\ncommands: ${NAMES.join(', ')}\nKServe's Go tool's form also works: $0 -m <saved_model.pb> [-n name] [-v version] [-o file] [-s signature] [-t tags]`,
    )
    .epilogue('Exit codes are listed in the README. `tf2openapi version` prints the version.');
  for (const c of [goCompatibleCommand, ...COMMANDS]) cli = cli.command(c as never);
  await cli
    .middleware(refuseRepeats as never, true)
    .strict()
    .exitProcess(false)
    .version(false)
    .help()
    .fail((msg, err) => {
      if (err) throw err;
      const unknown = /^Unknown arguments?: (.*)$/.exec(msg ?? '');
      const first = argv.find((a) => !a.startsWith('-'));
      if (unknown && first !== undefined && !NAMES.includes(first) && argv.indexOf(first) === 0) {
        throw new Tf2OpenApiError('USAGE', `unknown command ${JSON.stringify(first)}; commands: ${NAMES.join(', ')}`);
      }
      throw new Tf2OpenApiError('USAGE', msg ?? 'bad usage');
    })
    .parseAsync();
}

/** Runs one command line; returns its exit code. Failures are one line on stderr. */
export async function run(argv: string[]): Promise<number> {
  try {
    await parse(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return report(e, { internal: EXIT_CODES.INTERNAL });
  }
}
