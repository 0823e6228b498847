import type { CommandModule } from 'yargs';
import { Tf2OpenApiError } from '../../errors.js';
import { err, oneLine, out, warnAll } from '../output.js';
import { clusterOptions, defined, remote, tagList, withCluster, withRemote, withTags, type ClusterArgs, type RemoteArgs } from '../options.js';

interface Args extends RemoteArgs, ClusterArgs {
  name: string;
  model: string;
  canary?: string;
  'canary-percent'?: number;
  'runtime-version'?: string;
  'min-replicas'?: number;
  'max-replicas'?: number;
  cpu?: string;
  memory?: string;
  tags?: string;
  out?: string;
  'allow-breaking': boolean;
  wait?: number;
  protocol: string;
  runtime?: string;
  'model-name'?: string;
}

export const deployCommand: CommandModule<object, Args> = {
  command: 'deploy <name>',
  describe: 'Create or update an InferenceService / KFService with the OpenAPI spec of each model attached',
  builder: (y) =>
    withTags(withCluster(withRemote(y)))
      .positional('name', { type: 'string', demandOption: true, describe: 'service name (DNS-1035 label); also the TF Serving model name' })
      .option('model', {
        type: 'string',
        demandOption: true,
        describe: 'default model: the model base (directory of version directories) as a gs://, s3:// or http(s):// URI',
      })
      .option('canary', { type: 'string', describe: 'canary model URI' })
      .option('canary-percent', { type: 'number', describe: 'share of traffic for the canary, 0-100' })
      .option('runtime-version', { type: 'string', describe: 'TensorFlow Serving image version' })
      .option('min-replicas', { type: 'number' })
      .option('max-replicas', { type: 'number' })
      .option('cpu', { type: 'string', describe: 'CPU request and limit, e.g. 1 or 500m' })
      .option('memory', { type: 'string', describe: 'memory request and limit, e.g. 2Gi' })
      .option('out', { type: 'string', describe: 'with --dry-run: write the YAML to this file' })
      .option('allow-breaking', { type: 'boolean', default: false, describe: "deploy a canary even if its API breaks the default's" })
      .option('wait', { type: 'number', describe: 'seconds to wait for the service to be ready, then print its URL and a curl line' })
      .option('protocol', {
        type: 'string',
        choices: ['v1', 'v2'],
        default: 'v1',
        describe:
          "v1: TF Serving's REST API; v2: the Open Inference Protocol through a V2 runtime (serving.kserve.io/v1beta1 only; --model is then a Triton model repository)",
      })
      .option('runtime', { type: 'string', describe: 'with --protocol v2: the KServe serving runtime (default kserve-tritonserver)' })
      .option('model-name', { type: 'string', describe: 'with --protocol v2: the model directory in a repository holding several' }) as never,
  handler: async (args) => {
    if (args.out !== undefined && !args['dry-run'])
      throw new Tf2OpenApiError('USAGE', '--out writes the manifests of a dry run: add --dry-run (without it, deploy applies to the cluster)');
    const [{ deploy, curlLine, BreakingCanaryError }, { formatChanges }] = await Promise.all([
      import('../../jobs/deploy.js'),
      import('../../protocol/changes.js'),
    ]);
    const limits = defined({ cpu: args.cpu, memory: args.memory });
    let result;
    try {
      result = await deploy({
        ...defined({
          name: args.name,
          model: args.model,
          canary: args.canary,
          canaryPercent: args['canary-percent'],
          runtimeVersion: args['runtime-version'],
          minReplicas: args['min-replicas'],
          maxReplicas: args['max-replicas'],
          resources: args.cpu || args.memory ? { requests: limits, limits } : undefined,
          tags: tagList(args.tags),
          waitSeconds: args.wait,
          protocol: args.protocol as 'v1' | 'v2',
          runtime: args.runtime,
          modelName: args['model-name'],
        }),
        ...clusterOptions(args),
        ...(args['dry-run'] ? { dryRun: args['dry-run'] } : {}),
        allowBreaking: args['allow-breaking'],
        ...remote(args),
      });
    } catch (e) {
      if (e instanceof BreakingCanaryError) err(formatChanges(e.changes) + 'tf2openapi: --allow-breaking deploys it anyway\n');
      throw e;
    }
    warnAll(result.warnings);
    if (result.changes.length) err(formatChanges(result.changes));
    if (args['dry-run']) {
      if (args['dry-run'] === 'server') err('tf2openapi: checked by the API server (dryRun=All); nothing was stored\n');
      if (args.out) await (await import('../../emitters/write-output.js')).writeAtomic(args.out, result.yaml);
      else out(result.yaml);
      return;
    }
    const a = result.applied!;
    out(`applied ${result.manifests.service.kind} ${args.name} (${a.created.length} spec ConfigMap(s) created, ${a.deleted.length} stale removed)\n`);
    if (result.url) out(`ready: ${oneLine(result.url)}\n${curlLine(result.url, args.name)}\n`);
  },
};
