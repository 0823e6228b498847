// `tf2openapi client`: a ready-to-publish npm package with a typed client for one model.
import { renderClient } from '../emitters/client/render.js';
import { clientView } from '../emitters/client/view.js';
import { writePackage, type WritePackageOptions } from '../emitters/write-package.js';
import { Tf2OpenApiError } from '../errors.js';
import type { GenerateOptions } from '../openapi/context.js';
import type { LoadOptions } from '../savedmodel/load-model.js';
import { generate, type Generated } from './generate.js';

export interface ClientOptions extends GenerateOptions, Omit<LoadOptions, 'version'> {
  /** npm package name (default: <model name>-tfserving-client). */
  packageName?: string;
  packageVersion?: string;
}

const NPM_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

export function defaultPackageName(model: string): string {
  const base =
    model
      .toLowerCase()
      .replace(/[^a-z0-9-._~]+/g, '-')
      .replace(/^[-._]+|[-.]+$/g, '') || 'model';
  return `${base}-tfserving-client`.slice(0, 214);
}

/** The package's files from an already generated spec: pure. */
export function clientFiles(g: Generated, opts: Pick<ClientOptions, 'packageName' | 'packageVersion'> = {}): Record<string, string> {
  const packageName = opts.packageName ?? defaultPackageName(g.api.name);
  if (!NPM_NAME.test(packageName) || packageName.length > 214)
    throw new Tf2OpenApiError('USAGE', `--package-name ${JSON.stringify(packageName)} is not a valid npm package name`);
  const view = clientView(g.api, { packageName, packageVersion: opts.packageVersion ?? '1.0.0', typescriptVersion: '^5.5.0 || ^7.0.0' });
  return renderClient(view, g.document);
}

export async function client(
  location: string,
  outDir: string,
  opts: ClientOptions & WritePackageOptions = {},
): Promise<{ files: string[]; generated: Generated }> {
  const generated = await generate(location, opts);
  const files = clientFiles(generated, opts);
  await writePackage(outDir, files, { force: opts.force ?? false });
  return { files: Object.keys(files).sort(), generated };
}
