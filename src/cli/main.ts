#!/usr/bin/env node
// The command line as ES modules: closed pipes handled as Unix tools do, then `inspect <model>
// [--json]` without yargs, or run.ts. The installed command reaches it through fast.ts.
import { hideBin } from 'yargs/helpers';
import { finish, quietOnClosedPipes } from './pipes.js';
import { quickInspectModel } from './quick-args.js';

quietOnClosedPipes();
const argv = hideBin(process.argv);
(quickInspectModel(argv) !== undefined
  ? import('./quick-inspect.js').then((m) => m.quickInspect(argv.slice(1)))
  : import('./run.js').then((m) => m.run(argv))
).then(finish);
