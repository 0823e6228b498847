/** The model of `inspect <model> [--json]` (a local path, when `localOnly`), or undefined for any
 * other command line: options, --help and the rest go through yargs. No imports: the installed
 * command's first stage decides with it before loading anything. */
export function quickInspectModel(argv: string[], localOnly = false): string | undefined {
  const rest = argv.slice(1);
  const models = rest.filter((a) => a !== '--json');
  if (argv[0] !== 'inspect' || rest.length - models.length > 1 || models.length !== 1 || models[0]!.startsWith('-')) return undefined;
  return localOnly && models[0]!.includes('://') ? undefined : models[0];
}

/** A command line the first stage runs without yargs. */
export type QuickLine = { command: 'generate'; model: string; output?: string } | { command: 'validate'; model: string; request: string };

/** `generate <model> [-o FILE | --output FILE]` or `validate <model> <request>` for a local model,
 * all else defaulted; undefined for any other command line. */
export function quickLine(argv: string[]): QuickLine | undefined {
  const local = (model: string | undefined) => model !== undefined && !model.startsWith('-') && !model.includes('://');
  if (argv[0] === 'validate')
    return argv.length === 3 && local(argv[1]) && (argv[2] === '-' || !argv[2]!.startsWith('-'))
      ? { command: 'validate', model: argv[1]!, request: argv[2]! }
      : undefined;
  if (argv[0] !== 'generate' || (argv.length !== 2 && argv.length !== 4)) return undefined;
  const rest = argv.slice(1);
  const at = rest.findIndex((a) => a === '-o' || a === '--output');
  const output = at >= 0 ? rest[at + 1] : undefined;
  if (argv.length === 4 && (at < 0 || output === undefined)) return undefined;
  const model = at === 0 ? rest[2] : rest[0];
  if (!local(model) || output?.startsWith('-')) return undefined;
  return output === undefined ? { command: 'generate', model: model! } : { command: 'generate', model: model!, output };
}
