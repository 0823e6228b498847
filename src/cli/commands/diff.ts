import type { CommandModule } from 'yargs';
import { EXIT_CODES } from '../../errors.js';
import { out } from '../output.js';
import { defined, remote, tagList, withProtocol, withRemote, withTags, type RemoteArgs } from '../options.js';

interface Args extends RemoteArgs {
  old: string;
  new: string;
  tags?: string;
  json: boolean;
  protocol: string;
  signature?: string;
}

export const diffCommand: CommandModule<object, Args> = {
  command: 'diff <old> <new>',
  describe: "Compare two models' REST APIs (a model or a spec tf2openapi wrote on either side); exit 16 if the new one breaks the old one's clients",
  builder: (y) =>
    withProtocol(withTags(withRemote(y)))
      .positional('old', { type: 'string', demandOption: true })
      .positional('new', { type: 'string', demandOption: true })
      .option('json', { type: 'boolean', default: false, describe: 'print {"breaking": bool, "changes": [...]} for CI' })
      .option('signature', {
        alias: 's',
        type: 'string',
        describe: 'compare this signature only (v2: the one the server serves; default serving_default)',
      }) as never,
  handler: async (args) => {
    const { diff } = await import('../../jobs/diff.js');
    const r = await diff(args.old, args.new, { ...defined({ tags: tagList(args.tags), protocol: args.protocol, signature: args.signature }), ...remote(args) });
    out(args.json ? JSON.stringify({ breaking: r.breaking, changes: r.changes }, null, 2) + '\n' : r.text);
    if (r.breaking) process.exitCode = EXIT_CODES.BREAKING_CHANGES;
  },
};
