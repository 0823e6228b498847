// `inspect <model> [--json]` as the installed command's first stage runs it (dist/bin/inspect.cjs).
import { finish, quietOnClosedPipes } from './pipes.js';
import { quickInspect } from './quick-inspect.js';

export function run(args: string[]): void {
  quietOnClosedPipes();
  void quickInspect(args).then(finish);
}
