// `tf2openapi inspect <model> [--json]` without yargs: what `commands/inspect.ts` does for that
// form, at about half the start-up. Everything else about inspect goes through the command table.
import { EXIT_CODES } from '../errors.js';
import { out, report } from './output.js';

export async function quickInspect(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const model = args.find((a) => a !== '--json')!;
  try {
    const { inspect } = await import('../jobs/inspect.js');
    const result = await inspect(model, { remote: {} });
    out(json ? JSON.stringify(result.json(), null, 2) + '\n' : result.text());
    return 0;
  } catch (e) {
    return report(e, { internal: EXIT_CODES.INTERNAL });
  }
}
