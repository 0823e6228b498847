// Renders the docs page: one self-contained HTML file (templates/docs), with HTML escaping on for
// every value. The only unescaped pieces are the page's assets, each made safe for the raw-text
// element it is inlined in (no `</script` or `</style` can end it early), and the Content Security
// Policy allows exactly those scripts by hash: a model string that escaped escaping still could not run.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { packageFile } from '../../util/package-root.js';
import type { DocsView } from './view.js';

const TEMPLATES = packageFile('templates/docs');
const require = createRequire(import.meta.url);
/** Swagger UI, from npm (swagger-ui-dist): the maintained renderer with try-it (README says why). */
const SWAGGER_UI = join(require.resolve('swagger-ui-dist/package.json'), '..');

/** Text made safe inside <script>…</script>: `</script`, `<!--` and `<script` cannot occur. */
export const scriptText = (s: string) => s.replace(/<(\/?script|!--)/gi, '<\\$1');
/** Text made safe inside <style>…</style>. */
export const styleText = (s: string) => s.replace(/<\/(style)/gi, '<\\/$1');
/** JSON inside a <script type="application/json"> data block: no `<`, `>` or `&`, no line separators. */
export const scriptJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

let cache: { template: Handlebars.TemplateDelegate; rendererJs: string; rendererCss: string; pageCss: string; initJs: string } | undefined;
function load() {
  if (cache) return cache;
  const hb = Handlebars.create();
  // Escaping stays on (the default): every {{value}} is HTML-escaped; assets come in as SafeStrings.
  const template = hb.compile(readFileSync(join(TEMPLATES, 'page.html.hbs'), 'utf8'), { strict: true });
  cache = {
    template,
    rendererJs: scriptText(readFileSync(join(SWAGGER_UI, 'swagger-ui-bundle.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/m, '')),
    rendererCss: styleText(readFileSync(join(SWAGGER_UI, 'swagger-ui.css'), 'utf8').replace(/\/\*# sourceMappingURL=.*?\*\//g, '')),
    pageCss: styleText(readFileSync(join(TEMPLATES, 'page.css'), 'utf8')),
    initJs: scriptText(readFileSync(join(TEMPLATES, 'init.js'), 'utf8')),
  };
  return cache;
}

/** The page: HTML text. `document` is the OpenAPI document the reference renders. */
export function renderDocsPage(view: DocsView, document: object): string {
  const { template, rendererJs, rendererCss, pageCss, initJs } = load();
  const safe = (s: string) => new Handlebars.SafeString(s);
  // No request leaves the page but the served page's own try-it ('self'); scripts only by hash.
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(rendererJs)} ${sha256(initJs)}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return template({
    view,
    csp,
    assets: { rendererJs: safe(rendererJs), rendererCss: safe(rendererCss), pageCss: safe(pageCss), initJs: safe(initJs), spec: safe(scriptJson(document)) },
  });
}
