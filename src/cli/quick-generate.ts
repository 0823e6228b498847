// `tf2openapi generate <model> [-o FILE]` without yargs: the command's own code with every other
// option at its default, run by the installed command's first stage (dist/bin/generate.cjs).
import { EXIT_CODES } from '../errors.js';
import { runGenerate } from './commands/generate.js';
import { SPEC_DEFAULTS } from './options.js';
import { report } from './output.js';

export async function quickGenerate(args: { model: string; output?: string }): Promise<number> {
  try {
    await runGenerate(args.model, { ...SPEC_DEFAULTS, model: args.model, ...(args.output !== undefined ? { output: args.output } : {}) });
    return 0;
  } catch (e) {
    return report(e, { internal: EXIT_CODES.INTERNAL });
  }
}
