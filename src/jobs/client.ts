// `tf2openapi client`: a ready-to-publish npm package with a typed client for one model.
import { renderClient, renderClientV2 } from '../emitters/client/render.js';
import { clientViewV2 } from '../emitters/client/view-v2.js';
import { clientView } from '../emitters/client/view.js';
import { writePackage, type WritePackageOptions } from '../emitters/write-package.js';
import { Tf2OpenApiError } from '../errors.js';
import type { GenerateOptions } from '../openapi/context.js';
import { kserveV2 } from '../protocol/index.js';
import type { ProtocolApi } from '../protocol/protocol.js';
import type { ModelApi } from '../protocol/tfserving/describe.js';
import type { V2Api } from '../protocol/v2/describe.js';
import type { LoadOptions } from '../savedmodel/load-model.js';
import { generate, type Generated } from './generate.js';

export interface ClientOptions extends GenerateOptions, Omit<LoadOptions, 'version'> {
  /** npm package name (default: <model name>-tfserving-client). */
  packageName?: string;
  packageVersion?: string;
  /** v1 (default): TF Serving's REST API; v2: KServe V2 / the Open Inference Protocol. */
  protocol?: 'v1' | 'v2';
}

const NPM_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

export function defaultPackageName(model: string, protocol: 'v1' | 'v2' = 'v1'): string {
  const base =
    model
      .toLowerCase()
      .replace(/[^a-z0-9-._~]+/g, '-')
      .replace(/^[-._]+|[-.]+$/g, '') || 'model';
  return `${base}-${protocol === 'v2' ? 'v2' : 'tfserving'}-client`.slice(0, 214);
}

/** The package's files from an already generated spec (of either protocol): pure. */
export function clientFiles(g: Generated<ProtocolApi>, opts: Pick<ClientOptions, 'packageName' | 'packageVersion' | 'protocol'> = {}): Record<string, string> {
  const v2 = opts.protocol === 'v2';
  const packageName = opts.packageName ?? defaultPackageName(g.api.name, v2 ? 'v2' : 'v1');
  if (!NPM_NAME.test(packageName) || packageName.length > 214)
    throw new Tf2OpenApiError('USAGE', `--package-name ${JSON.stringify(packageName)} is not a valid npm package name`);
  const common = { packageName, packageVersion: opts.packageVersion ?? '1.0.0', typescriptVersion: '^5.5.0 || ^7.0.0' };
  return v2 ? renderClientV2(clientViewV2(g.api as V2Api, common), g.document) : renderClient(clientView(g.api as ModelApi, common), g.document);
}

export async function client(
  location: string,
  outDir: string,
  opts: ClientOptions & WritePackageOptions & { protocol: 'v2' },
): Promise<{ files: string[]; generated: Generated<V2Api> }>;
export async function client(location: string, outDir: string, opts?: ClientOptions & WritePackageOptions): Promise<{ files: string[]; generated: Generated }>;
export async function client(
  location: string,
  outDir: string,
  opts: ClientOptions & WritePackageOptions = {},
): Promise<{ files: string[]; generated: Generated<ProtocolApi> }> {
  const { protocol, ...rest } = opts;
  const generated = await generate<ProtocolApi>(location, { ...rest, ...(protocol === 'v2' ? { protocol: kserveV2 as never } : {}) });
  const files = clientFiles(generated, opts);
  await writePackage(outDir, files, { force: opts.force ?? false });
  return { files: Object.keys(files).sort(), generated };
}
