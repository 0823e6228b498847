/** The model of `inspect <model> [--json]` (a local path, when `localOnly`), or undefined for any
 * other command line: options, --help and the rest go through yargs. No imports: the installed
 * command's first stage decides with it before loading anything. */
export function quickInspectModel(argv: string[], localOnly = false): string | undefined {
  const rest = argv.slice(1);
  const models = rest.filter((a) => a !== '--json');
  if (argv[0] !== 'inspect' || rest.length - models.length > 1 || models.length !== 1 || models[0]!.startsWith('-')) return undefined;
  return localOnly && models[0]!.includes('://') ? undefined : models[0];
}
