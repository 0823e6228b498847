#!/usr/bin/env node
// The tf2openapi command line: each command parses its flags and calls one library function.
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { TextFormat } from '../emitters/write-output.js';
import { API_VERSIONS, DEFAULT_API_VERSION, type ServiceApiVersion } from '../deploy/api-versions.js';
import { EXIT_CODES, isTf2OpenApiError } from '../errors.js';

// Jobs are imported when their command runs: `inspect` should not pay for loading swagger-parser.
const jobs = {
  inspect: () => import('../jobs/inspect.js'),
  generate: () => import('../jobs/generate.js'),
  validate: () => import('../jobs/validate.js'),
  deploy: () => import('../jobs/deploy.js'),
  client: () => import('../jobs/client.js'),
  build: () => import('../jobs/build.js'),
  output: () => import('../emitters/write-output.js'),
};

const API_VERSION_OPTION = { type: 'string', default: DEFAULT_API_VERSION, choices: [...API_VERSIONS], describe: 'the service kind to deploy' } as const;

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

const rolloutOptions = (y: Argv) =>
  y
    .option('api-version', API_VERSION_OPTION)
    .option('namespace', { type: 'string' })
    .option('force-conflicts', { type: 'boolean', default: false });
const rolloutArgs = (args: { name: string; 'api-version': string; namespace?: string; 'force-conflicts': boolean }) => ({
  ...defined({ name: args.name, apiVersion: args['api-version'] as ServiceApiVersion, namespace: args.namespace }),
  cluster: { force: args['force-conflicts'] },
});

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
  const y = yargs(argv);
  await y
    .scriptName('tf2openapi')
    .wrap(Math.min(120, y.terminalWidth()))
    .usage('$0 <command> [options]\n$0 -m <saved_model.pb> [-n name] [-v version] [-o file] [-s signature] [-t tags]  (the Go tool\'s flags: same as generate)')
    .command(
      '$0',
      false,
      (y) => generateOptions(y).option('model', { alias: 'm', type: 'string', describe: 'the SavedModel (as for generate)' }),
      async (args) => {
        if (!args.model) throw new UsageError('Name a command (inspect, generate, validate, deploy, diff, promote, rollout) or give -m <model>');
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
      'Check a request body the way TF Serving parses it, against a model or an OpenAPI document (exit 0 valid, 1 invalid)',
      (y) =>
        remoteOptions(y)
          .positional('model', { type: 'string', demandOption: true, describe: 'the SavedModel the request is for, or an OpenAPI document (.json/.yaml)' })
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
    .command(
      'client <model>',
      'Generate a typed TypeScript client package (npm) for the model',
      (y) =>
        remoteOptions(y)
          .positional('model', { type: 'string', demandOption: true, describe: 'saved_model.pb, SavedModel directory, model base or URI' })
          .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'package directory to write (replaced atomically)' })
          .option('name', { alias: 'n', type: 'string', default: 'model', describe: 'model name in the URL (/v1/models/NAME)' })
          .option('package-name', { type: 'string', describe: 'npm package name (default: NAME-tfserving-client)' })
          .option('package-version', { type: 'string', default: '1.0.0' })
          .option('version', { alias: 'v', type: 'string', describe: 'version directory of a model base to read' })
          .option('signature', { alias: 's', type: 'string', describe: 'only this signature' })
          .option('tags', { alias: 't', type: 'string', default: 'serve', describe: 'meta graph tag set' }),
      async (args) => {
        const { client } = await jobs.client();
        const r = await client(args.model, args.output, {
          ...defined({ name: args.name, packageName: args['package-name'], packageVersion: args['package-version'], version: args.version, signature: args.signature, tags: tagList(args.tags) }),
          ...remote(args),
        });
        for (const w of r.generated.warnings) process.stderr.write(`tf2openapi: warning: ${w}\n`);
        process.stdout.write(`wrote ${r.files.length} files to ${args.output}\n`);
      },
    )
    .command(
      'build',
      'Regenerate the specs and client packages listed in a config, only where their model or options changed',
      (y) =>
        remoteOptions(y)
          .option('config', { alias: 'c', type: 'string', default: 'tf2openapi.config.json', describe: 'the build config' })
          .option('check', { type: 'boolean', default: false, describe: 'write nothing; exit 18 and name the stale outputs if any' }),
      async (args) => {
        const { build } = await jobs.build();
        const r = await build(args.config, {
          check: args.check,
          ...remote(args),
          progress: (i, n, name, outcome) => {
            if (n > 1 || process.stderr.isTTY) process.stderr.write(`[${i}/${n}] ${name}: ${outcome}\n`);
          },
        });
        if (args.check && r.stale.length) {
          process.stderr.write(`tf2openapi: stale: ${r.stale.join(', ')}; run tf2openapi build\n`);
          process.exitCode = EXIT_CODES.STALE;
          return;
        }
        process.stdout.write(args.check ? `all ${r.upToDate.length} up to date\n` : `${r.generated.length} generated, ${r.upToDate.length} up to date\n`);
      },
    )
    .command(
      'deploy <name>',
      'Create or update a KFService / InferenceService with the OpenAPI spec of each model attached',
      (y) =>
        remoteOptions(y)
          .positional('name', { type: 'string', demandOption: true, describe: 'service name (DNS-1035 label); also the TF Serving model name' })
          .option('model', { type: 'string', demandOption: true, describe: 'default model: a path or gs://, s3://, http(s):// URI' })
          .option('canary', { type: 'string', describe: 'canary model URI' })
          .option('canary-percent', { type: 'number', describe: 'share of traffic for the canary, 0-100' })
          .option('api-version', API_VERSION_OPTION)
          .option('namespace', { type: 'string', describe: 'namespace (default: the kubeconfig context\'s)' })
          .option('runtime-version', { type: 'string', describe: 'TensorFlow Serving image version' })
          .option('min-replicas', { type: 'number' })
          .option('max-replicas', { type: 'number' })
          .option('cpu', { type: 'string', describe: 'CPU request and limit, e.g. 1 or 500m' })
          .option('memory', { type: 'string', describe: 'memory request and limit, e.g. 2Gi' })
          .option('tags', { alias: 't', type: 'string', describe: 'meta graph tag set (default serve)' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'print the manifests (YAML, ConfigMaps first) instead of applying them' })
          .option('out', { type: 'string', describe: 'with --dry-run: write the YAML to this file' })
          .option('allow-breaking', { type: 'boolean', default: false, describe: "deploy a canary even if its API breaks the default's" })
          .option('force-conflicts', { type: 'boolean', default: false, describe: 'take over fields another field manager owns' })
          .option('wait', { type: 'number', describe: 'seconds to wait for the service to be ready, then print its URL and a curl line' }),
      async (args) => {
        const { deploy, curlLine } = await jobs.deploy();
        const resources = args.cpu || args.memory ? { requests: defined({ cpu: args.cpu, memory: args.memory }), limits: defined({ cpu: args.cpu, memory: args.memory }) } : undefined;
        let result;
        try {
          result = await deploy({
            ...defined({
              name: args.name,
              model: args.model,
              canary: args.canary,
              canaryPercent: args['canary-percent'],
              apiVersion: args['api-version'] as ServiceApiVersion,
              namespace: args.namespace,
              runtimeVersion: args['runtime-version'],
              minReplicas: args['min-replicas'],
              maxReplicas: args['max-replicas'],
              resources,
              tags: tagList(args.tags),
              waitSeconds: args.wait,
            }),
            dryRun: args['dry-run'],
            allowBreaking: args['allow-breaking'],
            cluster: { force: args['force-conflicts'] },
            ...remote(args),
          });
        } catch (e) {
          const changes = (e as { changes?: { severity: string }[] }).changes;
          if (changes) process.stderr.write((await import('../protocol/tfserving-diff.js')).formatChanges(changes as never));
          throw e;
        }
        for (const w of result.warnings) process.stderr.write(`tf2openapi: warning: ${w}\n`);
        if (result.changes.length) process.stderr.write((await import('../protocol/tfserving-diff.js')).formatChanges(result.changes));
        if (args['dry-run']) {
          if (args.out) await (await jobs.output()).writeAtomic(args.out, result.yaml);
          else process.stdout.write(result.yaml);
          return;
        }
        const a = result.applied!;
        process.stdout.write(`applied ${result.manifests.service.kind} ${args.name} (${a.created.length} spec ConfigMap(s) created, ${a.deleted.length} stale removed)\n`);
        if (result.url) process.stdout.write(`ready: ${result.url}\n${curlLine(result.url, args.name)}\n`);
      },
    )
    .command(
      'diff <old> <new>',
      "Compare two models' REST APIs; exit 16 if the new one breaks the old one's clients",
      (y) =>
        remoteOptions(y)
          .positional('old', { type: 'string', demandOption: true })
          .positional('new', { type: 'string', demandOption: true })
          .option('tags', { alias: 't', type: 'string', describe: 'meta graph tag set (default serve)' }),
      async (args) => {
        const { diff } = await jobs.deploy();
        const r = await diff(args.old, args.new, { ...defined({ tags: tagList(args.tags) }), ...remote(args) });
        process.stdout.write(r.text);
        if (r.breaking) process.exitCode = EXIT_CODES.BREAKING_CHANGES;
      },
    )
    .command(
      'promote <name>',
      'Make the canary the default model; its spec annotations follow',
      (y) => rolloutOptions(y).positional('name', { type: 'string', demandOption: true }),
      async (args) => {
        const { promote } = await jobs.deploy();
        await promote(rolloutArgs(args));
        process.stdout.write(`promoted the canary of ${args.name} to default\n`);
      },
    )
    .command(
      'rollout <name>',
      "Set the canary's share of traffic",
      (y) => rolloutOptions(y).positional('name', { type: 'string', demandOption: true }).option('canary-percent', { type: 'number', demandOption: true }),
      async (args) => {
        const { rollout } = await jobs.deploy();
        await rollout({ ...rolloutArgs(args), canaryPercent: args['canary-percent'] });
        process.stdout.write(`${args.name}: canary takes ${args['canary-percent']}% of traffic\n`);
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
