// Options shared by several commands, declared once: every command that reads a model takes the
// same --tags, --timeout and --s3-endpoint, with the same meaning and default.
import type { Argv } from 'yargs';
import { API_VERSIONS, DEFAULT_API_VERSION, type ServiceApiVersion } from '../deploy/api-versions.js';
import type { RemoteOptions } from '../source/remote/options.js';
import { Tf2OpenApiError } from '../errors.js';
import { progress } from './output.js';

/** Drops undefined values, so that library defaults apply. */
export const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };

export const tagList = (s: string | undefined) =>
  s === undefined
    ? undefined
    : s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);

export interface RemoteArgs {
  timeout?: number;
  's3-endpoint'?: string;
}

/** gs://, s3:// and http(s):// reading. */
export const withRemote = <T>(y: Argv<T>) =>
  y
    .option('timeout', { type: 'number', describe: 'seconds per request to a remote store (default 30)' })
    .option('s3-endpoint', { type: 'string', describe: 'S3-compatible endpoint (MinIO, OBS); also AWS_ENDPOINT_URL' });

/** Remote-store options, and progress lines for reads that take seconds (shown at a terminal only). */
export const remote = (args: RemoteArgs): { remote: RemoteOptions; onProgress: (line: string) => void } => ({
  remote: defined({ timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000, s3Endpoint: args['s3-endpoint'] }),
  onProgress: progress,
});

/** The meta graph tag set: one declaration, "serve" unless the command says otherwise. */
export const withTags = <T>(y: Argv<T>, describe = 'tag set of the meta graph, comma-separated (default serve)') =>
  y.option('tags', { alias: 't', type: 'string', describe });

export const MODEL_DESCRIPTION = 'saved_model.pb, SavedModel directory, model base with version directories, or a gs://, s3://, http(s):// URI';

export interface SpecArgs extends RemoteArgs {
  name: string;
  version?: string;
  signature?: string;
  tags?: string;
  openapi: string;
  'server-url'?: string;
  examples: string;
}

/** What shapes a spec: shared by generate, client and the Go-compatible bare form. */
/** What a spec is made with when the command line says nothing (also the quick generate path's). */
export const SPEC_DEFAULTS = { name: 'model', openapi: '3.0', examples: 'compact' } as const;

export const withSpec = <T>(y: Argv<T>) =>
  withTags(withRemote(y))
    .option('name', { alias: 'n', type: 'string', default: SPEC_DEFAULTS.name, describe: 'model name in the URL (/v1/models/NAME)' })
    .option('version', {
      alias: 'v',
      type: 'string',
      describe: "model version: info.version and the Go tool's /versions/N:predict path; with a model base, also the version read",
    })
    .option('signature', { alias: 's', type: 'string', describe: 'describe only this signature' })
    .option('openapi', { type: 'string', choices: ['3.0', '3.1'], default: SPEC_DEFAULTS.openapi, describe: 'OpenAPI version (3.0.3 or 3.1.0)' })
    .option('server-url', { type: 'string', describe: 'servers[0].url, e.g. http://host:8501' })
    .option('examples', {
      type: 'string',
      choices: ['compact', 'full', 'none'],
      default: SPEC_DEFAULTS.examples,
      describe: 'example bodies: bounded to 2,048 values (compact), all values (full), or none',
    });

export const specOptions = (args: SpecArgs) => ({
  ...defined({
    name: args.name,
    version: args.version,
    signature: args.signature,
    tags: tagList(args.tags),
    openapi: args.openapi as '3.0' | '3.1',
    serverUrl: args['server-url'],
    examples: args.examples as 'compact' | 'full' | 'none',
  }),
  ...remote(args),
});

export interface ClusterArgs {
  'api-version': string;
  namespace?: string;
  kubeconfig?: string;
  context?: string;
  'force-conflicts': boolean;
  'dry-run'?: DryRun;
  'request-timeout'?: number;
}

export type DryRun = 'client' | 'server';
/** kubectl's --dry-run: alone or =client prints what would be applied; =server has the API server check it. */
const dryRunValue = (v: unknown): DryRun | undefined => {
  if (v === undefined || v === false || v === 'none') return undefined;
  if (v === '' || v === true || v === 'client') return 'client';
  if (v === 'server') return 'server';
  throw new Tf2OpenApiError('USAGE', `--dry-run=${String(v)}: give --dry-run (client), --dry-run=server or --dry-run=none`);
};

/** Where and as what a service lives: deploy, promote and rollout. */
export const withCluster = <T>(y: Argv<T>) =>
  y
    .option('api-version', {
      type: 'string',
      default: DEFAULT_API_VERSION,
      choices: [...API_VERSIONS],
      describe: "the service kind: KServe's InferenceService (default), or the seed's KFService with serving.kubeflow.org/v1alpha1",
    })
    .option('namespace', { type: 'string', describe: "namespace (default: the kubeconfig context's)" })
    .option('kubeconfig', { type: 'string', describe: 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config)' })
    .option('context', { type: 'string', describe: 'kubeconfig context (default: its current one)' })
    .option('force-conflicts', { type: 'boolean', default: false, describe: 'take over fields another field manager owns' })
    .option('request-timeout', { type: 'number', describe: 'seconds to wait for each answer of the API server (default 30)' })
    .option('dry-run', {
      type: 'string',
      coerce: dryRunValue,
      describe:
        'print what would be applied instead of applying it; =server sends it with dryRun=All, so the API server validates, defaults and prunes it without storing it',
    });

export const clusterOptions = (args: ClusterArgs) => ({
  ...defined({ apiVersion: args['api-version'] as ServiceApiVersion, namespace: args.namespace }),
  cluster: {
    force: args['force-conflicts'],
    ...defined({
      kubeconfigPath: args.kubeconfig,
      context: args.context,
      requestTimeoutMs: args['request-timeout'] === undefined ? undefined : args['request-timeout'] * 1000,
    }),
  },
});

/** --protocol: TF Serving's REST API (v1, the default) or KServe V2 (the Open Inference Protocol). */
export const PROTOCOL_DEFAULT = 'v1';
export const withProtocol = <T>(y: Argv<T>) =>
  y.option('protocol', {
    type: 'string',
    choices: ['v1', 'v2'],
    default: PROTOCOL_DEFAULT,
    describe: "v1: TF Serving's REST API; v2: KServe V2 / Open Inference Protocol (one signature: serving_default or -s)",
  });
