import type { CommandModule } from 'yargs';
import { Tf2OpenApiError } from '../../errors.js';
import { out, warnAll } from '../output.js';
import { MODEL_DESCRIPTION, specOptions, withProtocol, withSpec, type SpecArgs } from '../options.js';

interface Args extends SpecArgs {
  model: string;
  output?: string;
  format?: string;
  check?: boolean;
  protocol?: string;
}

export async function runGenerate(model: string, args: Args): Promise<void> {
  const [{ generate }, { formatDocumentPieces, writeAtomic }] = await Promise.all([import('../../jobs/generate.js'), import('../../emitters/write-output.js')]);
  const { protocolFor } = await import('../../protocol/index.js');
  const { document, warnings } = await generate(model, {
    ...specOptions(args),
    check: args.check === true,
    protocol: protocolFor(args.protocol ?? 'v1') as never,
  });
  warnAll(warnings);
  const format = args.format ?? (args.output && /\.ya?ml$/i.test(args.output) ? 'yaml' : 'json');
  const pieces = formatDocumentPieces(document, format as 'json' | 'yaml');
  if (args.output) await writeAtomic(args.output, pieces);
  else for (const piece of pieces) out(piece);
}

const withOutput = <T>(y: import('yargs').Argv<T>) =>
  withProtocol(y)
    .option('output', { alias: 'o', type: 'string', describe: 'write the spec to this file (atomically) instead of stdout' })
    .option('format', { type: 'string', choices: ['json', 'yaml'], describe: 'output format (default: from the -o extension, else json)' })
    .option('check', {
      type: 'boolean',
      default: false,
      describe: "also validate the document with swagger-parser before writing it (the tests prove every fixture's documents valid)",
    });

export const generateCommand: CommandModule<object, Args> = {
  command: 'generate <model>',
  describe: "Write the OpenAPI 3 spec of the model's TF Serving REST API",
  builder: (y) => withOutput(withSpec(y)).positional('model', { type: 'string', demandOption: true, describe: MODEL_DESCRIPTION }) as never,
  handler: (args) => runGenerate(args.model, args),
};

/** KServe's Go tool's flags, kept so its users lose nothing: `tf2openapi -m saved_model.pb …`. */
export const goCompatibleCommand: CommandModule<object, Omit<Args, 'model'> & { model?: string }> = {
  command: '$0',
  describe: false,
  builder: (y) => withOutput(withSpec(y)).option('model', { alias: 'm', type: 'string', describe: 'the SavedModel (as for generate)' }) as never,
  handler: async (args) => {
    if (!args.model) throw new Tf2OpenApiError('USAGE', 'name a command (see the list above) or give -m <model>');
    await runGenerate(args.model, args as Args);
  },
};
