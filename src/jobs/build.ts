// `tf2openapi build`: the build-time codegen step. Reads a config listing models and their outputs
// (spec file, client package) and regenerates only what changed: each model's outputs are keyed by
// a hash of its signatures, the options and the generator itself, kept in .tf2openapi-build.json.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Ajv } from 'ajv';
import { toReferenceJson } from '../emitters/reference-json.js';
import { formatDocument, writeAtomic } from '../emitters/write-output.js';
import { Tf2OpenApiError } from '../errors.js';
import { findMetaGraph, SERVE_TAGS } from '../savedmodel/meta-graph.js';
import type { RemoteOptions } from '../source/remote/options.js';
import { sha256 } from '../util/hash.js';
import { keyedObject } from '../util/keyed.js';
import { packageFile } from '../util/package-root.js';
import { clientFiles } from './client.js';
import { docsPage } from './docs.js';
import { packageIntact, writePackage } from '../emitters/write-package.js';
import { generateFromModel, loadForSpec } from './generate.js';
import { protocolFor } from '../protocol/index.js';

export interface BuildModel {
  name: string;
  model: string;
  version?: string;
  tags?: string[];
  signature?: string;
  openapi?: '3.0' | '3.1';
  serverUrl?: string;
  /** v1 (default): TF Serving's REST API; v2: KServe V2 (spec only, for now). */
  protocol?: 'v1' | 'v2';
  /** Spec file to write (.json, .yaml or .yml). */
  spec?: string;
  /** Client package directory to write. */
  client?: string;
  /** Docs page to write (.html): one self-contained page, of the model's protocol. */
  docs?: string;
  packageName?: string;
  /** The client package's language: typescript (default) or python. */
  language?: 'typescript' | 'python';
}

export interface BuildConfig {
  models: BuildModel[];
}

const CONFIG_SCHEMA = {
  type: 'object',
  required: ['models'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    models: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'model'],
        additionalProperties: false,
        anyOf: [{ required: ['spec'] }, { required: ['client'] }, { required: ['docs'] }],
        properties: {
          name: { type: 'string', minLength: 1 },
          model: { type: 'string', minLength: 1 },
          version: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' } },
          signature: { type: 'string' },
          openapi: { enum: ['3.0', '3.1'] },
          serverUrl: { type: 'string' },
          protocol: { enum: ['v1', 'v2'] },
          spec: { type: 'string', pattern: '\\.(json|ya?ml)$' },
          client: { type: 'string' },
          docs: { type: 'string', pattern: '\\.html?$' },
          packageName: { type: 'string' },
          language: { enum: ['typescript', 'python'] },
        },
      },
    },
  },
};

export const STATE_FILE = '.tf2openapi-build.json';

export interface BuildOptions {
  /** Only report what is stale; write nothing. */
  check?: boolean;
  /** Regenerate every model, even those up to date. */
  force?: boolean;
  /** Let outputs lie outside the config's directory (by default refused: a config must not write elsewhere). */
  allowOutside?: boolean;
  remote?: RemoteOptions;
  /** Called once per model with its outcome, for progress output. */
  progress?: (index: number, total: number, name: string, outcome: 'up to date' | 'generated' | 'stale') => void;
}

export interface BuildResult {
  generated: string[];
  upToDate: string[];
  stale: string[];
}

export async function readBuildConfig(file: string): Promise<BuildConfig> {
  let config: unknown;
  try {
    config = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Tf2OpenApiError('BAD_INPUT', `${file}: ${code === 'ENOENT' ? 'no such file' : `not valid JSON: ${(e as Error).message}`}`);
  }
  const ajv = new Ajv({ allErrors: false });
  if (!ajv.validate(CONFIG_SCHEMA, config)) {
    const err = ajv.errors![0]!;
    throw new Tf2OpenApiError(
      'BAD_INPUT',
      `${file}: ${err.instancePath || '/'} ${err.message}${err.params && 'additionalProperty' in err.params ? ` (${String(err.params.additionalProperty)})` : ''}`,
    );
  }
  const names = (config as BuildConfig).models.map((m) => m.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Tf2OpenApiError('BAD_INPUT', `${file}: model name ${JSON.stringify(dup)} appears twice`);
  return config as BuildConfig;
}

let generatorHash: string | undefined;
/** Changes when the templates or the tool change, so that outputs follow. */
async function generatorFingerprint(): Promise<string> {
  if (generatorHash) return generatorHash;
  const h = createHash('sha256');
  h.update(JSON.parse(await readFile(packageFile('package.json'), 'utf8')).version);
  // The docs page inlines Swagger UI: its version is part of what a build writes.
  h.update(JSON.parse(await readFile(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), 'utf8')).version);
  const walk = async (dir: string): Promise<void> => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else h.update(e.name).update(await readFile(p));
    }
  };
  // The templates and the runtimes copied into client packages.
  for (const dir of ['templates', 'src/protocol/tfserving/runtime', 'src/protocol/tfserving/runtime_py', 'src/protocol/v2/runtime'])
    await walk(packageFile(dir));
  return (generatorHash = h.digest('hex'));
}

interface StateEntry {
  hash: string;
  /** sha256 of the spec file as written, so an edited or deleted spec is stale. */
  spec?: string;
  /** sha256 of the docs page as written. */
  docs?: string;
}

/** An output path from the config: inside the config's directory (never the directory itself) unless allowed. */
function outputPath(base: string, configFile: string, p: string, what: string, allowOutside: boolean): string {
  const abs = resolve(base, p);
  const rel = relative(base, abs);
  const outside = rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (outside && !allowOutside) {
    throw new Tf2OpenApiError(
      'OUTPUT_NOT_OURS',
      `${configFile}: ${what} ${JSON.stringify(p)} ${rel === '' ? "is the config's own directory" : "lies outside the config's directory"}; outputs go below it (--allow-outside to permit)`,
    );
  }
  if (abs === resolve(configFile) || abs === join(base, STATE_FILE))
    throw new Tf2OpenApiError('OUTPUT_NOT_OURS', `${configFile}: ${what} ${JSON.stringify(p)} would overwrite the build's own files`);
  return abs;
}

function readState(stateFile: string): Record<string, StateEntry> {
  if (!existsSync(stateFile)) return keyedObject([]);
  try {
    const parsed = JSON.parse(readFileSync(stateFile, 'utf8'));
    return keyedObject(Object.entries(parsed as Record<string, StateEntry>));
  } catch (e) {
    throw new Tf2OpenApiError('BAD_INPUT', `${stateFile}: not valid JSON (${(e as Error).message}); delete it to rebuild everything`);
  }
}

function fileSha(p: string): string | undefined {
  try {
    return sha256(readFileSync(p));
  } catch {
    return undefined;
  }
}

export async function build(configFile: string, opts: BuildOptions = {}): Promise<BuildResult> {
  const config = await readBuildConfig(configFile);
  const base = dirname(resolve(configFile));
  const at = (p: string) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) ? p : resolve(base, p));
  const stateFile = join(base, STATE_FILE);
  const state = readState(stateFile);
  const result: BuildResult = { generated: [], upToDate: [], stale: [] };
  const next: Record<string, StateEntry> = { ...state };
  const total = config.models.length;
  // Every output is checked before anything is read or written: a bad entry stops the build up front.
  const outputs = config.models.map((m) => ({
    spec: m.spec ? outputPath(base, configFile, m.spec, 'spec', opts.allowOutside ?? false) : undefined,
    client: m.client ? outputPath(base, configFile, m.client, 'client', opts.allowOutside ?? false) : undefined,
    docs: m.docs ? outputPath(base, configFile, m.docs, 'docs', opts.allowOutside ?? false) : undefined,
  }));
  const all = outputs.flatMap((o) => [o.spec, o.client, o.docs].filter((p): p is string => !!p));
  const clash = all.find((p, i) => all.some((q, j) => j !== i && (q === p || q.startsWith(p + sep))));
  if (clash) throw new Tf2OpenApiError('BAD_INPUT', `${configFile}: output ${relative(base, clash)} is written by two entries (or one lies inside another)`);

  for (const [i, m] of config.models.entries()) {
    const out = outputs[i]!;
    const { model, resolved } = await loadForSpec(at(m.model), {
      ...(m.version ? { version: m.version } : {}),
      ...(opts.remote ? { remote: opts.remote } : {}),
    });
    const metaGraph = findMetaGraph(model.metaGraphs, m.tags ?? SERVE_TAGS, model.file);
    const { model: _m, ...options } = m;
    const hash = createHash('sha256')
      .update(await generatorFingerprint())
      .update(JSON.stringify(toReferenceJson({ ...model, metaGraphs: [metaGraph] })))
      .update(JSON.stringify([...(metaGraph.exampleFeatures ?? [])]))
      .update(JSON.stringify({ options, version: resolved.version }))
      .digest('hex');
    const prev = state[m.name];
    const intact =
      (!out.spec || (prev?.spec !== undefined && fileSha(out.spec) === prev.spec)) &&
      (!out.docs || (prev?.docs !== undefined && fileSha(out.docs) === prev.docs)) &&
      (!out.client || packageIntact(out.client));
    if (!opts.force && prev?.hash === hash && intact) {
      result.upToDate.push(m.name);
      opts.progress?.(i + 1, total, m.name, 'up to date');
      continue;
    }
    if (opts.check) {
      result.stale.push(m.name);
      opts.progress?.(i + 1, total, m.name, 'stale');
      continue;
    }
    const g = await generateFromModel(model, {
      protocol: protocolFor(m.protocol ?? 'v1') as never,
      name: m.name,
      tags: m.tags ?? SERVE_TAGS,
      ...(m.signature ? { signature: m.signature } : {}),
      ...(m.openapi ? { openapi: m.openapi } : {}),
      ...(m.serverUrl ? { serverUrl: m.serverUrl } : {}),
      ...(m.version ? { version: m.version } : resolved.version ? { modelVersion: resolved.version } : {}),
    });
    // A build creates its output directories; `generate -o` and `client -o` leave that to the user.
    const entry: StateEntry = { hash };
    if (out.spec) {
      // A spec file is the build's own once its state records it; anything else there is the user's.
      if (prev?.spec === undefined && existsSync(out.spec) && !opts.force) {
        throw new Tf2OpenApiError(
          'OUTPUT_NOT_OURS',
          `${out.spec}: exists and was not written by this build (not in ${STATE_FILE}); move it away, or --force to replace it`,
        );
      }
      await mkdir(dirname(out.spec), { recursive: true });
      const text = formatDocument(g.document, /\.ya?ml$/i.test(out.spec) ? 'yaml' : 'json');
      await writeAtomic(out.spec, text);
      entry.spec = sha256(text);
    }
    if (out.docs) {
      if (prev?.docs === undefined && existsSync(out.docs) && !opts.force)
        throw new Tf2OpenApiError(
          'OUTPUT_NOT_OURS',
          `${out.docs}: exists and was not written by this build (not in ${STATE_FILE}); move it away, or --force to replace it`,
        );
      await mkdir(dirname(out.docs), { recursive: true });
      const html = docsPage({ protocol: m.protocol ?? 'v1', api: g.api, document: g.document } as Parameters<typeof docsPage>[0]);
      await writeAtomic(out.docs, html);
      entry.docs = sha256(html);
    }
    if (out.client) {
      await mkdir(dirname(out.client), { recursive: true });
      await writePackage(
        out.client,
        clientFiles(g, { ...(m.packageName ? { packageName: m.packageName } : {}), protocol: m.protocol ?? 'v1', language: m.language ?? 'typescript' }),
      );
    }
    next[m.name] = entry;
    // Saved after each model: a build stopped half-way keeps what it finished.
    await writeAtomic(stateFile, JSON.stringify(next, null, 2) + '\n');
    result.generated.push(m.name);
    opts.progress?.(i + 1, total, m.name, 'generated');
  }
  return result;
}
