// Renders the client package from templates/client with handlebars: the templates are the one
// place the generated code's shape lives.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { jsLiteral, quotedComment } from './escape.js';
import type { ClientView } from './view.js';

import { packageFile } from '../../util/package-root.js';

const TEMPLATE_DIR = packageFile('templates/client');
/** The client runtime: the project's own modules, copied as they are into every package. */
const RUNTIME_DIR = packageFile('src/protocol/tfserving/runtime');

export function runtimeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(RUNTIME_DIR).sort())
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files[`src/runtime/${name}`] = readFileSync(join(RUNTIME_DIR, name), 'utf8');
  return files;
}

const hb = Handlebars.create();
hb.registerHelper('json', jsLiteral);
hb.registerHelper('comment', quotedComment);
hb.registerHelper('markdown', (v: unknown) =>
  String(v)
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&')
    .replace(/\s+/g, ' '),
);
hb.registerHelper('markdownCode', (v: unknown) => {
  const s = String(v).replace(/\s+/g, ' ');
  const ticks = '`'.repeat(Math.max(1, ...(s.match(/`+/g) ?? []).map((r) => r.length + 1)));
  return `${ticks} ${s} ${ticks}`;
});

// Partials (templates/client/partials/NAME.hbs) are shared pieces, not files of the package.
const PARTIALS = join(TEMPLATE_DIR, 'partials');
for (const file of readdirSync(PARTIALS)) hb.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(join(PARTIALS, file), 'utf8'));

function templateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (p === PARTIALS) return [];
    return statSync(p).isDirectory() ? templateFiles(p) : n.endsWith('.hbs') ? [p] : [];
  });
}

/** Package-relative path → content. */
export function renderClient(view: ClientView, openapi: object): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of templateFiles(TEMPLATE_DIR)) {
    const template = hb.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: true });
    files[relative(TEMPLATE_DIR, file).slice(0, -'.hbs'.length)] = template(view);
  }
  Object.assign(files, runtimeFiles());
  files['openapi.json'] = JSON.stringify(openapi, null, 2) + '\n';
  return files;
}
