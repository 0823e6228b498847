import type { CommandModule } from 'yargs';
import { EXIT_CODES } from '../../errors.js';
import { oneLine, out, readInput } from '../output.js';
import { defined, remote, tagList, withProtocol, withRemote, withTags, type RemoteArgs } from '../options.js';

interface Args extends RemoteArgs {
  model: string;
  request: string;
  signature?: string;
  api?: string;
  strict: boolean;
  protocol: string;
  tags?: string;
  version?: string;
}

export const validateCommand: CommandModule<object, Args> = {
  command: 'validate <model> <request>',
  describe:
    'Check a request body against a model or an OpenAPI document: errors are what TF Serving refuses, warnings what it accepts but the signature contradicts (exit 1 on errors)',
  builder: (y) =>
    withProtocol(withTags(withRemote(y)))
      .positional('model', { type: 'string', demandOption: true, describe: 'the SavedModel the request is for, or an OpenAPI document (.json/.yaml)' })
      .positional('request', { type: 'string', demandOption: true, describe: 'request JSON file, or - for stdin' })
      .option('signature', {
        alias: 's',
        type: 'string',
        describe: 'v1: the signature a body without signature_name runs; v2: the one signature the server serves',
      })
      .option('api', {
        type: 'string',
        choices: ['predict', 'classify', 'regress', 'infer'],
        describe: 'which API the request is sent to (v1: predict, the default, classify, regress; v2: infer)',
      })
      .option('strict', { type: 'boolean', default: false, describe: 'exit 1 on warnings too' })
      .option('version', { type: 'string', describe: 'version directory to read' }) as never,
  handler: async (args) => {
    const { validate } = await import('../../jobs/validate.js');
    const result = await validate(args.model, args.request, {
      ...defined({ signature: args.signature, api: args.api, tags: tagList(args.tags), version: args.version, protocol: args.protocol }),
      ...remote(args),
      stdin: readInput,
    });
    for (const p of result.problems) out(`${p.level} ${oneLine(p.pointer || '/')}: ${oneLine(p.message)} [${p.rule}]\n`);
    const errors = result.problems.filter((p) => p.level === 'error').length;
    const warnings = result.problems.length - errors;
    if (errors === 0)
      out(
        `${warnings ? `accepted by TF Serving, with ${warnings} warning(s):` : 'valid:'} ${result.api} request for signature ${oneLine(JSON.stringify(result.signature))}\n`,
      );
    if (errors > 0 || (args.strict && warnings > 0)) process.exitCode = EXIT_CODES.INVALID_REQUEST;
  },
};
