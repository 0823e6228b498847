import type { CommandModule } from 'yargs';
import { out, warnAll } from '../output.js';
import { defined, MODEL_DESCRIPTION, specOptions, withProtocol, withSpec, type SpecArgs } from '../options.js';

interface Args extends SpecArgs {
  model: string;
  output: string;
  'package-name'?: string;
  'package-version': string;
  force: boolean;
  protocol?: string;
  language: string;
}

export const clientCommand: CommandModule<object, Args> = {
  command: 'client <model>',
  describe: 'Generate a typed client package for the model: TypeScript (npm; TF Serving REST, or KServe V2 with --protocol v2) or Python (--language python)',
  builder: (y) =>
    withProtocol(withSpec(y))
      .positional('model', { type: 'string', demandOption: true, describe: MODEL_DESCRIPTION })
      .option('output', {
        alias: 'o',
        type: 'string',
        demandOption: true,
        describe: 'package directory: new, empty, or one tf2openapi wrote (only its own files are replaced)',
      })
      .option('language', { choices: ['typescript', 'python'], default: 'typescript', describe: 'the package language' })
      .option('package-name', {
        type: 'string',
        describe: 'package name, npm or PEP 508 (default: NAME-tfserving-client, NAME-v2-client with --protocol v2)',
      })
      .option('package-version', { type: 'string', default: '1.0.0' })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'write into a non-empty directory tf2openapi did not write (same-named files are replaced, nothing is deleted)',
      }) as never,
  handler: async (args) => {
    const { client } = await import('../../jobs/client.js');
    const r = await client(args.model, args.output, {
      ...specOptions(args),
      ...defined({ packageName: args['package-name'], packageVersion: args['package-version'] }),
      force: args.force,
      protocol: args.protocol === 'v2' ? 'v2' : 'v1',
      language: args.language === 'python' ? 'python' : 'typescript',
    });
    warnAll(r.generated.warnings);
    out(`wrote ${r.files.length} files to ${args.output}\n`);
  },
};
