import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { packageFile } from '../../util/package-root.js';
import { out } from '../output.js';

export const toolVersion = (): string => JSON.parse(readFileSync(packageFile('package.json'), 'utf8')).version;

export const versionCommand: CommandModule = {
  command: 'version',
  describe: "Print tf2openapi's version",
  handler: () => {
    out(`tf2openapi ${toolVersion()}\n`);
  },
};
