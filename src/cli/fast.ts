// The installed command's first stage, bundled as a small CommonJS file (dist/bin/fast.cjs): Node
// starts CommonJS faster than an ES module graph. `inspect <local model> [--json]`, the command run
// most, loads only inspect.cjs (the reader, bundled the same way); `generate <local model> [-o FILE]`
// and `validate <local model> <request>` load quick.cjs; every other command line loads the ES
// module bundle (main.mjs) and runs there.
import { pathToFileURL } from 'node:url';
import { quickInspectModel, quickLine } from './quick-args.js';

declare const __dirname: string;
declare const require: (id: string) => { run(args: unknown): void };

const argv = process.argv.slice(2);
// Paths built at run time: the bundler leaves them alone, and they resolve beside this file.
const quick = quickLine(argv);
if (quickInspectModel(argv, true) !== undefined) require(`${__dirname}/inspect.cjs`).run(argv.slice(1));
else if (quick) require(`${__dirname}/quick.cjs`).run(quick);
else void import(pathToFileURL(`${__dirname}/main.mjs`).href);
