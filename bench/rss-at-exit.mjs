// Preloaded into each measured process: reports its peak resident memory when it exits.
import { writeSync } from 'node:fs';
process.on('exit', () => writeSync(2, `\nBENCH_MAXRSS_KB ${process.resourceUsage().maxRSS}\n`));
