import type { CommandModule } from 'yargs';
import { EXIT_CODES } from '../../errors.js';
import { err, isTTY, oneLine, out } from '../output.js';
import { remote, withRemote, type RemoteArgs } from '../options.js';

interface Args extends RemoteArgs {
  config: string;
  check: boolean;
  force: boolean;
  'allow-outside': boolean;
}

export const buildCommand: CommandModule<object, Args> = {
  command: 'build',
  describe: 'Regenerate the specs and client packages listed in a config, only where their model, options or outputs changed',
  builder: (y) =>
    withRemote(y)
      .option('config', { alias: 'c', type: 'string', default: 'tf2openapi.config.json', describe: 'the build config' })
      .option('check', { type: 'boolean', default: false, describe: 'write nothing; exit 18 and name the stale outputs if any' })
      .option('force', { type: 'boolean', default: false, describe: 'regenerate every model, even those up to date' })
      .option('allow-outside', { type: 'boolean', default: false, describe: "let outputs lie outside the config's directory" }) as never,
  handler: async (args) => {
    const { build } = await import('../../jobs/build.js');
    const r = await build(args.config, {
      check: args.check,
      force: args.force,
      allowOutside: args['allow-outside'],
      ...remote(args),
      progress: (i, n, name, outcome) => {
        if (n > 1 || isTTY()) err(`[${i}/${n}] ${oneLine(name)}: ${outcome}\n`);
      },
    });
    if (args.check && r.stale.length) {
      err(`tf2openapi: stale: ${oneLine(r.stale.join(', '))}; run tf2openapi build\n`);
      process.exitCode = EXIT_CODES.STALE;
      return;
    }
    out(args.check ? `all ${r.upToDate.length} up to date\n` : `${r.generated.length} generated, ${r.upToDate.length} up to date\n`);
  },
};
