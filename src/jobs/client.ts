// `tf2openapi client`: a ready-to-publish npm package with a typed client for one model.
import { defaultPackageName } from '../emitters/client/model.js';
import { defaultPythonName, pythonClientView, pythonModuleName } from '../emitters/client/python.js';
import { renderClient, renderClientPython, renderClientV2 } from '../emitters/client/render.js';
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
  /** The package's name: npm (default: <model name>-tfserving-client), or for Python a PEP 508 name
   * (default the same; the import name is it with [-.] as _). */
  packageName?: string;
  /** typescript (default): an npm package; python: a PEP 621 package, standard library only. */
  language?: 'typescript' | 'python';
  packageVersion?: string;
  /** v1 (default): TF Serving's REST API; v2: KServe V2 / the Open Inference Protocol. */
  protocol?: 'v1' | 'v2';
}

const NPM_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

export { defaultPackageName };
export { defaultPythonName, pythonModuleName };

/** PEP 508 names; compared after PEP 503 normalisation. */
const PYTHON_NAME = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
/** PEP 440 versions (public, canonical enough for a generated package). */
const PEP440 = /^(\d+!)?\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$/;
const PYTHON_V2 = '--language python writes TF Serving REST clients only; KServe V2 clients are TypeScript (drop --protocol v2)';

function pythonFiles(g: Generated<ProtocolApi>, opts: Pick<ClientOptions, 'packageName' | 'packageVersion' | 'protocol'>): Record<string, string> {
  if (opts.protocol === 'v2') throw new Tf2OpenApiError('USAGE', PYTHON_V2);
  const distributionName = opts.packageName ?? defaultPythonName(g.api.name);
  if (!PYTHON_NAME.test(distributionName) || distributionName.length > 200)
    throw new Tf2OpenApiError(
      'USAGE',
      `--package-name ${JSON.stringify(distributionName)} is not a valid Python package name (letters, digits, '.', '-', '_'; a letter or digit at each end)`,
    );
  const packageVersion = opts.packageVersion ?? '1.0.0';
  if (!PEP440.test(packageVersion))
    throw new Tf2OpenApiError('USAGE', `--package-version ${JSON.stringify(packageVersion)} is not a PEP 440 version (such as 1.0.0)`);
  const view = pythonClientView(g.api as ModelApi, { distributionName, moduleName: pythonModuleName(distributionName), packageVersion });
  return renderClientPython(view, g.document);
}

/** The package's files from an already generated spec (of either protocol): pure. */
export function clientFiles(
  g: Generated<ProtocolApi>,
  opts: Pick<ClientOptions, 'packageName' | 'packageVersion' | 'protocol' | 'language'> = {},
): Record<string, string> {
  if (opts.language === 'python') return pythonFiles(g, opts);
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
  const { protocol, language, ...rest } = opts;
  // Refused before the model is read.
  if (language === 'python' && protocol === 'v2') throw new Tf2OpenApiError('USAGE', PYTHON_V2);
  const generated = await generate<ProtocolApi>(location, { ...rest, ...(protocol === 'v2' ? { protocol: kserveV2 as never } : {}) });
  const files = clientFiles(generated, opts);
  await writePackage(outDir, files, { force: opts.force ?? false });
  return { files: Object.keys(files).sort(), generated };
}
