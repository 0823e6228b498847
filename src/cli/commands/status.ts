import type { CommandModule } from 'yargs';
import { Tf2OpenApiError } from '../../errors.js';
import { oneLine, out } from '../output.js';
import { clusterOptions, defined, remote, withCluster, withRemote, type ClusterArgs, type RemoteArgs } from '../options.js';

interface Args extends ClusterArgs, RemoteArgs {
  name: string;
  json: boolean;
  'check-models': boolean;
  'ingress-namespace'?: string;
  'ingress-service'?: string;
}

export const statusCommand: CommandModule<object, Args> = {
  command: 'status <name>',
  describe: "A service's URL, readiness, attached specs, the cluster ingress address and a curl line that reaches it",
  builder: (y) =>
    withRemote(withCluster(y))
      .positional('name', { type: 'string', demandOption: true })
      .option('json', { type: 'boolean', default: false, describe: 'print it as JSON' })
      .option('check-models', { type: 'boolean', default: false, describe: 'read each annotated model and say whether it still gives the attached spec' })
      .option('ingress-namespace', { type: 'string', describe: 'namespace of the ingress Service (default: istio-system, then kourier-system)' })
      .option('ingress-service', { type: 'string', describe: 'the ingress Service (default: istio-ingressgateway, then kourier)' }) as never,
  handler: async (args) => {
    if ((args['ingress-namespace'] === undefined) !== (args['ingress-service'] === undefined))
      throw new Tf2OpenApiError('USAGE', '--ingress-namespace and --ingress-service go together');
    const { status } = await import('../../jobs/status.js');
    const s = await status({
      name: args.name,
      ...clusterOptions(args),
      checkModels: args['check-models'],
      ...(args['ingress-service'] ? { ingress: { namespace: args['ingress-namespace']!, service: args['ingress-service'] } } : {}),
      ...remote(args),
    });
    if (args.json) return void out(JSON.stringify(s, null, 2) + '\n');
    const lines = [
      `${s.kind} ${s.namespace}/${s.name}: ${s.ready === undefined ? 'no Ready condition yet' : s.ready ? 'ready' : `not ready${s.readyMessage ? ` (${s.readyMessage})` : ''}`}${s.url ? `, ${s.url}` : ''}`,
      ...s.conditions.filter((c) => c.type !== 'Ready').map((c) => `  ${c.type}: ${c.status}${c.message ? ` (${c.message})` : ''}`),
      ...(s.canaryPercent !== undefined ? [`  canary takes ${s.canaryPercent}% of the traffic`] : []),
      ...s.specs.map(
        (p) =>
          `  ${p.role} spec ${p.configMap} (sha256 ${p.sha.slice(0, 12)}…): ${p.stored === 'intact' ? 'stored intact' : p.stored === 'missing' ? 'MISSING' : 'CHANGED since deploy'}; model ${p.model}${
            p.modelMatches === undefined
              ? ''
              : p.modelMatches === true
                ? ' gives it still'
                : p.modelMatches === false
                  ? ' gives ANOTHER spec now: redeploy'
                  : ` (${p.modelMatches})`
          }`,
      ),
      s.ingress ? `ingress: ${s.ingress.address} (${s.ingress.source})` : 'ingress: none found (give --ingress-namespace and --ingress-service)',
      ...(s.curl ? [s.curl] : []),
    ];
    out(lines.map(oneLine).join('\n') + '\n');
  },
};

export const deleteCommand: CommandModule<object, ClusterArgs & { name: string }> = {
  command: 'delete <name>',
  describe: 'Delete a service and the spec ConfigMaps tf2openapi attached to it (nothing else)',
  builder: (y) => withCluster(y).positional('name', { type: 'string', demandOption: true }) as never,
  handler: async (args) => {
    const { remove } = await import('../../jobs/status.js');
    const dryRun = args['dry-run'] !== undefined;
    const r = await remove({ name: args.name, ...clusterOptions(args), ...defined({}), dryRun });
    const verb = dryRun ? 'would delete' : 'deleted';
    if (!r.service && r.configMaps.length === 0)
      throw new Tf2OpenApiError('NOT_FOUND', `${r.kind} ${r.namespace}/${args.name}: not found, and no spec ConfigMaps of it`);
    out(
      `${verb} ${r.service ? `${r.kind} ${r.namespace}/${args.name}` : `no ${r.kind} (none was there)`} and ${r.configMaps.length} spec ConfigMap(s)${r.configMaps.length ? `: ${r.configMaps.join(', ')}` : ''}\n`,
    );
  },
};
