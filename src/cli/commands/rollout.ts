import type { CommandModule } from 'yargs';
import { out } from '../output.js';
import { clusterOptions, withCluster, type ClusterArgs } from '../options.js';

interface Args extends ClusterArgs {
  name: string;
  'canary-percent': number;
}

const printOrSay = async (dryRun: string | undefined, service: object, said: string) => {
  if (dryRun) out((await import('yaml')).stringify(service, { lineWidth: 0 }));
  else out(said);
};

export const promoteCommand: CommandModule<object, Omit<Args, 'canary-percent'>> = {
  command: 'promote <name>',
  describe: 'Make the canary the default model; its spec annotations follow',
  builder: (y) => withCluster(y).positional('name', { type: 'string', demandOption: true }) as never,
  handler: async (args) => {
    const { promote } = await import('../../jobs/deploy.js');
    const service = await promote({ name: args.name, ...clusterOptions(args), dryRun: args['dry-run'] });
    await printOrSay(args['dry-run'], service, `promoted the canary of ${args.name} to default\n`);
  },
};

export const rolloutCommand: CommandModule<object, Args> = {
  command: 'rollout <name>',
  describe: "Set the canary's share of traffic",
  builder: (y) =>
    withCluster(y).positional('name', { type: 'string', demandOption: true }).option('canary-percent', { type: 'number', demandOption: true }) as never,
  handler: async (args) => {
    const { rollout } = await import('../../jobs/deploy.js');
    const service = await rollout({ name: args.name, ...clusterOptions(args), canaryPercent: args['canary-percent'], dryRun: args['dry-run'] });
    await printOrSay(args['dry-run'], service, `${args.name}: canary takes ${args['canary-percent']}% of traffic\n`);
  },
};
