// `generate <model> [-o FILE]` and `validate <model> <request>` without yargs: each command's own
// code with every other option at its default (declared once, in options.ts), run by the installed
// command's first stage from dist/bin/quick.cjs.
import { EXIT_CODES } from '../errors.js';
import { runGenerate } from './commands/generate.js';
import { validateCommand } from './commands/validate.js';
import { PROTOCOL_DEFAULT, SPEC_DEFAULTS } from './options.js';
import { report } from './output.js';
import type { QuickLine } from './quick-args.js';

export async function runQuick(q: QuickLine): Promise<number> {
  try {
    if (q.command === 'generate')
      await runGenerate(q.model, { ...SPEC_DEFAULTS, model: q.model, protocol: PROTOCOL_DEFAULT, ...(q.output !== undefined ? { output: q.output } : {}) });
    else await validateCommand.handler({ model: q.model, request: q.request, strict: false, protocol: PROTOCOL_DEFAULT } as never);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return report(e, { internal: EXIT_CODES.INTERNAL });
  }
}
