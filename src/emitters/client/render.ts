// Renders client packages from templates/client (TF Serving REST) and templates/client-v2 (KServe
// V2) with handlebars: the templates are the one place the generated code's shape lives.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { jsLiteral, quotedComment } from './escape.js';
import type { V2ClientView } from './view-v2.js';
import type { ClientView } from './view.js';

import { packageFile } from '../../util/package-root.js';

const TEMPLATE_DIR = packageFile('templates/client');
const TEMPLATE_DIR_V2 = packageFile('templates/client-v2');
/** The client runtimes: the project's own modules, copied as they are into every package. */
const RUNTIME_DIR = packageFile('src/protocol/tfserving/runtime');
const RUNTIME_DIR_V2 = packageFile('src/protocol/v2/runtime');
/** The V2 runtime reads JSON with TF Serving's reader and sends as its client does; in a package they sit side by side. */
const SHARED_WITH_V2 = ['http.ts', 'json.ts', 'pointer.ts'];

const sources = (dir: string, names?: string[]) =>
  readdirSync(dir)
    .sort()
    .filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && (!names || names.includes(n)))
    .map((n) => [n, readFileSync(join(dir, n), 'utf8')] as const);

export function runtimeFiles(protocol: 'v1' | 'v2' = 'v1'): Record<string, string> {
  const files: Record<string, string> = {};
  if (protocol === 'v1') for (const [n, text] of sources(RUNTIME_DIR)) files[`src/runtime/${n}`] = text;
  else {
    for (const [n, text] of sources(RUNTIME_DIR, SHARED_WITH_V2)) files[`src/runtime/${n}`] = text;
    for (const [n, text] of sources(RUNTIME_DIR_V2)) files[`src/runtime/${n}`] = text.replaceAll("from '../../tfserving/runtime/", "from './");
  }
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
const markdownCode = (v: unknown) => {
  const s = String(v).replace(/\s+/g, ' ');
  const ticks = '`'.repeat(Math.max(1, ...(s.match(/`+/g) ?? []).map((r) => r.length + 1)));
  return `${ticks} ${s} ${ticks}`;
};
hb.registerHelper('markdownCode', markdownCode);
// In a GFM table cell a pipe ends the cell even inside a code span, unless escaped.
hb.registerHelper('tableCode', (v: unknown) => markdownCode(v).replace(/\|/g, '\\|'));

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

function render(dir: string, view: object): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of templateFiles(dir)) {
    const template = hb.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: true });
    files[relative(dir, file).slice(0, -'.hbs'.length)] = template(view);
  }
  return files;
}

/** Package-relative path → content. */
export function renderClient(view: ClientView, openapi: object): Record<string, string> {
  return { ...render(TEMPLATE_DIR, view), ...runtimeFiles('v1'), 'openapi.json': JSON.stringify(openapi, null, 2) + '\n' };
}

/** The KServe V2 package: package-relative path → content. */
export function renderClientV2(view: V2ClientView, openapi: object): Record<string, string> {
  return { ...render(TEMPLATE_DIR_V2, view), ...runtimeFiles('v2'), 'openapi.json': JSON.stringify(openapi, null, 2) + '\n' };
}
