import type { CommandModule } from 'yargs';
import { out } from '../output.js';
import { defined, MODEL_DESCRIPTION, remote, tagList, withRemote, withTags, type RemoteArgs } from '../options.js';

interface Args extends RemoteArgs {
  model: string;
  tags?: string;
  version?: string;
  json: boolean;
}

export const inspectCommand: CommandModule<object, Args> = {
  command: 'inspect <model>',
  describe: "List a SavedModel's meta graphs and signatures",
  builder: (y) =>
    withTags(withRemote(y), 'only the meta graph with exactly this tag set (comma-separated)')
      .positional('model', { type: 'string', demandOption: true, describe: MODEL_DESCRIPTION })
      .option('version', { type: 'string', describe: 'version directory to read (default: the highest)' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON in the reference.json format' }) as never,
  handler: async (args) => {
    const { inspect } = await import('../../jobs/inspect.js');
    const result = await inspect(args.model, { ...defined({ tags: tagList(args.tags), version: args.version }), ...remote(args) });
    out(args.json ? JSON.stringify(result.json(), null, 2) + '\n' : result.text());
  },
};
