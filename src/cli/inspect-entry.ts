// `inspect <model> [--json]` as the installed command's first stage runs it (dist/bin/inspect.cjs).
import { fdSink, redirect } from './output.js';
import { finish } from './pipes.js';
import { quickInspect } from './quick-inspect.js';

export function run(args: string[]): void {
  redirect(fdSink);
  void quickInspect(args).then(finish);
}
