#!/usr/bin/env node
// The tf2openapi command line: each command parses its flags and calls one library function.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_CODES, isTf2OpenApiError } from '../errors.js';
import { inspect } from '../jobs/inspect.js';

const tagList = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((t) => t.trim()).filter(Boolean));

async function main(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('tf2openapi')
    .usage('$0 <command> [options]')
    .command(
      'inspect <model>',
      "List a SavedModel's meta graphs and signatures",
      (y) =>
        y
          .positional('model', { type: 'string', demandOption: true, describe: 'saved_model.pb, SavedModel directory or model base with versions' })
          .option('tags', { alias: 't', type: 'string', describe: 'only the meta graph with this tag set (comma-separated)' })
          .option('version', { type: 'string', describe: 'version directory to read (default: the highest)' })
          .option('json', { type: 'boolean', default: false, describe: 'print JSON in the reference.json format' }),
      async (args) => {
        const tags = tagList(args.tags);
        const result = await inspect(args.model, { ...(tags ? { tags } : {}), ...(args.version ? { version: args.version } : {}) });
        process.stdout.write(args.json ? JSON.stringify(result.json(), null, 2) + '\n' : result.text());
      },
    )
    .demandCommand(1, 'Name a command: inspect')
    .strict()
    .version(false)
    .help()
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`tf2openapi: ${msg.replace(/\s*\n\s*/g, ' ')} (see tf2openapi --help)\n`);
      process.exit(EXIT_CODES.USAGE);
    })
    .parseAsync();
}

main(hideBin(process.argv)).catch((e: unknown) => {
  if (isTf2OpenApiError(e)) {
    process.stderr.write(`tf2openapi: ${e.message}\n`);
    process.exit(e.exitCode);
  }
  process.stderr.write(`tf2openapi: internal error: ${(e as Error)?.message ?? String(e)} (a bug: please report it)\n`);
  if (process.env.TF2OPENAPI_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
  process.exit(EXIT_CODES.INTERNAL);
});
