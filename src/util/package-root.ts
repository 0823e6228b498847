// The package's own files (templates/) relative to this module, wherever the module was built
// to: src/, dist/ or the bundled dist/bin/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageFile(relative: string, from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`tf2openapi's ${relative} is missing from its installation`);
    dir = up;
  }
}
