// `generate` and `validate` in their plainest forms, as the installed command's first stage runs
// them (dist/bin/quick.cjs).
import { fdSink, redirect } from './output.js';
import { finish } from './pipes.js';
import type { QuickLine } from './quick-args.js';
import { runQuick } from './quick-run.js';

export function run(q: QuickLine): void {
  redirect(fdSink);
  void runQuick(q).then(finish);
}
