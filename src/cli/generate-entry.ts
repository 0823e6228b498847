// `generate <local model> [-o FILE]` as the installed command's first stage runs it (dist/bin/generate.cjs).
import { fdSink, redirect } from './output.js';
import { finish } from './pipes.js';
import { quickGenerate } from './quick-generate.js';

export function run(args: { model: string; output?: string }): void {
  redirect(fdSink);
  void quickGenerate(args).then(finish);
}
