// Renders client packages with handlebars: one template folder and helper set per language and
// protocol (templates/client: TypeScript for TF Serving REST; client-v2: TypeScript for KServe V2;
// client-python: Python for TF Serving REST). The templates are the one place a package's shape lives.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { asciiQuoted, jsLiteral, markdownText, quotedComment } from './escape.js';
import type { PythonClientView } from './python.js';
import type { V2ClientView } from './view-v2.js';
import type { ClientView } from './view.js';

import { packageFile } from '../../util/package-root.js';

/** The client runtimes: the project's own modules, copied as they are into every package. */
const RUNTIME_DIR = packageFile('src/protocol/tfserving/runtime');
const RUNTIME_DIR_V2 = packageFile('src/protocol/v2/runtime');
const RUNTIME_DIR_PY = packageFile('src/protocol/tfserving/runtime_py');
/** The V2 runtime reads JSON with TF Serving's reader and sends as its client does; in a package they sit side by side. */
const SHARED_WITH_V2 = ['http.ts', 'json.ts', 'pointer.ts'];

const sources = (dir: string, ext: string, names?: string[]) =>
  readdirSync(dir)
    .sort()
    .filter((n) => n.endsWith(ext) && !n.endsWith(`.test${ext}`) && !n.startsWith('test_') && (!names || names.includes(n)))
    .map((n) => [n, readFileSync(join(dir, n), 'utf8')] as const);

export function runtimeFiles(protocol: 'v1' | 'v2' | 'python' = 'v1'): Record<string, string> {
  const files: Record<string, string> = {};
  if (protocol === 'python') for (const [n, text] of sources(RUNTIME_DIR_PY, '.py')) files[n] = text;
  else if (protocol === 'v1') for (const [n, text] of sources(RUNTIME_DIR, '.ts')) files[`src/runtime/${n}`] = text;
  else {
    for (const [n, text] of sources(RUNTIME_DIR, '.ts', SHARED_WITH_V2)) files[`src/runtime/${n}`] = text;
    for (const [n, text] of sources(RUNTIME_DIR_V2, '.ts')) files[`src/runtime/${n}`] = text.replaceAll("from '../../tfserving/runtime/", "from './");
  }
  return files;
}

type Helpers = Record<string, (v: unknown) => string>;

const markdownCode = (v: unknown) => {
  const s = String(v).replace(/\s+/g, ' ');
  const ticks = '`'.repeat(Math.max(1, ...(s.match(/`+/g) ?? []).map((r) => r.length + 1)));
  return `${ticks} ${s} ${ticks}`;
};
const TYPESCRIPT_HELPERS: Helpers = {
  json: jsLiteral,
  comment: quotedComment,
  markdown: markdownText,
  markdownCode,
  // In a GFM table cell a pipe ends the cell even inside a code span, unless escaped.
  tableCode: (v) => markdownCode(v).replace(/\|/g, '\\|'),
};
/** A TOML basic string: quotes, backslashes and every control or non-ASCII character escaped. */
const tomlString = (v: unknown) => asciiQuoted(String(v), (hex) => `\\u00${hex}`);
const PYTHON_HELPERS: Helpers = { toml: tomlString, markdownCode };

/** One language's templates: the folder, its helpers, its partials (`partials/NAME.hbs`, not files
 * of the package), and the view key whose value names a `__NAME__` path segment. */
function engine(dir: string, helpers: Helpers) {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
  const partials = join(dir, 'partials');
  if (existsSync(partials))
    for (const file of readdirSync(partials)) hb.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(join(partials, file), 'utf8'));
  const files = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      if (p === partials) return [];
      return statSync(p).isDirectory() ? files(p) : n.endsWith('.hbs') ? [p] : [];
    });
  const compiled = files(dir).map(
    (file) => [relative(dir, file).slice(0, -'.hbs'.length), hb.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: true })] as const,
  );
  return (view: object): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [path, template] of compiled) {
      // `__module__` in a path: the view's moduleName (`__init__` and the like stay as they are).
      const name = path.replace(/__([a-z]+)__/g, (m, key: string) => {
        const v = (view as Record<string, unknown>)[`${key}Name`];
        return typeof v === 'string' ? v : m;
      });
      out[name] = template(view);
    }
    return out;
  };
}

const typescript = engine(packageFile('templates/client'), TYPESCRIPT_HELPERS);
const typescriptV2 = engine(packageFile('templates/client-v2'), TYPESCRIPT_HELPERS);
const python = engine(packageFile('templates/client-python'), PYTHON_HELPERS);

/** Package-relative path → content. */
export function renderClient(view: ClientView, openapi: object): Record<string, string> {
  return { ...typescript(view), ...runtimeFiles('v1'), 'openapi.json': JSON.stringify(openapi, null, 2) + '\n' };
}

/** The KServe V2 package: package-relative path → content. */
export function renderClientV2(view: V2ClientView, openapi: object): Record<string, string> {
  return { ...typescriptV2(view), ...runtimeFiles('v2'), 'openapi.json': JSON.stringify(openapi, null, 2) + '\n' };
}

/** The Python package: package-relative path → content (the runtime in <module>/_runtime). */
export function renderClientPython(view: PythonClientView, openapi: object): Record<string, string> {
  const files = python(view);
  for (const [n, text] of Object.entries(runtimeFiles('python'))) files[`src/${view.moduleName}/_runtime/${n}`] = text;
  const doc = JSON.stringify(openapi, null, 2) + '\n';
  return { ...files, 'openapi.json': doc, [`src/${view.moduleName}/openapi.json`]: doc };
}
