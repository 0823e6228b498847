#!/usr/bin/env node
// The tf2openapi command line: each command parses its flags and calls one library function.
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { TextFormat } from '../emitters/write-output.js';
import { EXIT_CODES, isTf2OpenApiError } from '../errors.js';

// Jobs are imported when their command runs: `inspect` should not pay for loading swagger-parser.
const jobs = {
  inspect: () => import('../jobs/inspect.js'),
  generate: () => import('../jobs/generate.js'),
  validate: () => import('../jobs/validate.js'),
  output: () => import('../emitters/write-output.js'),
};

const tagList = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((t) => t.trim()).filter(Boolean));
const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };

/** Options every command that reads a model takes for gs://, s3:// and http(s):// locations. */
const remoteOptions = (y: Argv) =>
  y
    .option('timeout', { type: 'number', describe: 'seconds per request to a remote store (default 30)' })
    .option('s3-endpoint', { type: 'string', describe: 'S3-compatible endpoint (MinIO, OBS); also AWS_ENDPOINT_URL' });
const remote = (args: { timeout?: number; 's3-endpoint'?: string }) => ({
  remote: defined({ timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000, s3Endpoint: args['s3-endpoint'] }),
});

const generateOptions = (y: Argv) =>
  remoteOptions(y)
    .option('name', { alias: 'n', type: 'string', default: 'model', describe: 'model name in the URL (/v1/models/NAME)' })
    .option('version', { alias: 'v', type: 'string', describe: 'model version: info.version and the Go tool\'s /versions/N:predict path; with a model base, also the version read' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the spec to this file (atomically) instead of stdout' })
    .option('signature', { alias: 's', type: 'string', describe: 'describe only this signature' })
    .option('tags', { alias: 't', type: 'string', default: 'serve', describe: 'tag set of the meta graph (comma-separated)' })
    .option('format', { type: 'string', choices: ['json', 'yaml'], describe: 'output format (default: from the -o extension, else json)' })
    .option('openapi', { type: 'string', choices: ['3.0', '3.1'], default: '3.0', describe: 'OpenAPI version (3.0.3 or 3.1.0)' })
    .option('server-url', { type: 'string', describe: 'servers[0].url, e.g. http://host:8501' });

type GenerateArgs = { timeout?: number; 's3-endpoint'?: string; name: string; version?: string; output?: string; signature?: string; tags: string; format?: string; openapi: string; 'server-url'?: string };

async function runGenerate(model: string, args: GenerateArgs): Promise<void> {
  const [{ generate }, { formatDocument, writeAtomic }] = await Promise.all([jobs.generate(), jobs.output()]);
  const { document, warnings } = await generate(
    model,
    {
      ...defined({
        name: args.name,
        version: args.version,
        signature: args.signature,
        tags: tagList(args.tags),
        openapi: args.openapi as '3.0' | '3.1',
        serverUrl: args['server-url'],
      }),
      ...remote(args),
    },
  );
  for (const w of warnings) process.stderr.write(`tf2openapi: warning: ${w}\n`);
  const format = (args.format ?? (args.output && /\.ya?ml$/i.test(args.output) ? 'yaml' : 'json')) as TextFormat;
  const text = formatDocument(document, format);
  if (args.output) await writeAtomic(args.output, text);
  else process.stdout.write(text);
}

async function main(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('tf2openapi')
    .usage('$0 <command> [options]\n$0 -m <saved_model.pb> [-n name] [-v version] [-o file] [-s signature] [-t tags]  (the Go tool\'s flags: same as generate)')
    .command(
      '$0',
      false,
      (y) => generateOptions(y).option('model', { alias: 'm', type: 'string', describe: 'the SavedModel (as for generate)' }),
      async (args) => {
        if (!args.model) throw new UsageError('Name a command (inspect, generate, validate) or give -m <model>');
        await runGenerate(args.model, args as GenerateArgs);
      },
    )
    .command(
      'inspect <model>',
      "List a SavedModel's meta graphs and signatures",
      (y) =>
        remoteOptions(y)
          .positional('model', { type: 'string', demandOption: true, describe: 'saved_model.pb, SavedModel directory or model base with versions' })
          .option('tags', { alias: 't', type: 'string', describe: 'only the meta graph with this tag set (comma-separated)' })
          .option('version', { type: 'string', describe: 'version directory to read (default: the highest)' })
          .option('json', { type: 'boolean', default: false, describe: 'print JSON in the reference.json format' }),
      async (args) => {
        const { inspect } = await jobs.inspect();
        const result = await inspect(args.model, { ...defined({ tags: tagList(args.tags), version: args.version }), ...remote(args) });
        process.stdout.write(args.json ? JSON.stringify(result.json(), null, 2) + '\n' : result.text());
      },
    )
    .command(
      'generate <model>',
      "Write the OpenAPI 3 spec of the model's TF Serving REST API",
      (y) => generateOptions(y).positional('model', { type: 'string', demandOption: true, describe: 'saved_model.pb, SavedModel directory or model base' }),
      (args) => runGenerate(args.model, args as GenerateArgs),
    )
    .command(
      'validate <model> <request>',
      'Check a request body the way TF Serving parses it (exit 0 valid, 1 invalid)',
      (y) =>
        remoteOptions(y)
          .positional('model', { type: 'string', demandOption: true, describe: 'the SavedModel the request is for' })
          .positional('request', { type: 'string', demandOption: true, describe: 'request JSON file, or - for stdin' })
          .option('signature', { alias: 's', type: 'string', describe: 'signature, where the body does not name one' })
          .option('api', { type: 'string', choices: ['predict', 'classify', 'regress'], default: 'predict', describe: 'which API the request is sent to' })
          .option('tags', { alias: 't', type: 'string', default: 'serve', describe: 'tag set of the meta graph' })
          .option('version', { type: 'string', describe: 'version directory to read' }),
      async (args) => {
        const { validate } = await jobs.validate();
        const result = await validate(
          args.model,
          args.request,
          { ...defined({ signature: args.signature, api: args.api as 'predict' | 'classify' | 'regress', tags: tagList(args.tags), version: args.version }), ...remote(args) },
        );
        if (result.problems.length === 0) {
          process.stdout.write(`valid ${result.api} request for signature ${JSON.stringify(result.signature)}\n`);
          return;
        }
        for (const p of result.problems) process.stdout.write(`${p.pointer || '/'}: ${p.message}\n`);
        process.exitCode = EXIT_CODES.INVALID_REQUEST;
      },
    )
    .strict()
    .version(false)
    .help()
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    })
    .parseAsync();
}

class UsageError extends Error {}

main(hideBin(process.argv)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`tf2openapi: ${e.message.replace(/\s*\n\s*/g, ' ')} (see tf2openapi --help)\n`);
    process.exit(EXIT_CODES.USAGE);
  }
  if (isTf2OpenApiError(e)) {
    process.stderr.write(`tf2openapi: ${e.message}\n`);
    process.exit(e.exitCode);
  }
  process.stderr.write(`tf2openapi: internal error: ${(e as Error)?.message ?? String(e)} (a bug: please report it)\n`);
  if (process.env.TF2OPENAPI_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
  process.exit(EXIT_CODES.INTERNAL);
});
