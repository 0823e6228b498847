import type { CommandModule } from 'yargs';
import { out, warnAll } from '../output.js';
import { specOptions, withProtocol, withSpec, type SpecArgs } from '../options.js';

interface Args extends SpecArgs {
  model: string;
  output?: string;
  protocol?: string;
}

export const docsCommand: CommandModule<object, Args> = {
  command: 'docs <model>',
  describe:
    "Write the model's API docs as one self-contained HTML page (offline: every script and style inlined; TF Serving REST, or KServe V2 with --protocol v2)",
  builder: (y) =>
    withProtocol(withSpec(y))
      .positional('model', { type: 'string', demandOption: true, describe: 'the SavedModel (as for generate), or a spec tf2openapi wrote (.json/.yaml)' })
      .option('output', { alias: 'o', type: 'string', describe: 'write the page to this file (atomically) instead of stdout' }) as never,
  handler: async (args) => {
    const [{ docs }, { writeAtomic }] = await Promise.all([import('../../jobs/docs.js'), import('../../emitters/write-output.js')]);
    const { html, warnings } = await docs(args.model, { ...specOptions(args), ...(args.protocol === 'v2' ? { protocol: 'v2' as const } : {}) });
    warnAll(warnings);
    if (args.output) await writeAtomic(args.output, html);
    else out(html);
  },
};
