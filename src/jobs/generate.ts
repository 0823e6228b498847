// `tf2openapi generate`: the OpenAPI 3 document of a model's TF Serving REST API (checked by
// swagger-parser with `check`; the tests prove every fixture's documents valid).
import type { OpenAPI } from 'openapi-types';
import { Tf2OpenApiError } from '../errors.js';
import { context, type Document, type GenerateOptions } from '../openapi/context.js';
import { tfserving, type Protocol } from '../protocol/index.js';
import type { ProtocolApi } from '../protocol/protocol.js';
import type { ModelApi } from '../protocol/tfserving/describe.js';
import { loadModel, type LoadOptions } from '../savedmodel/load-model.js';
import type { SavedModel } from '../savedmodel/saved-model.js';

export interface Generated<Api extends ProtocolApi = ModelApi> {
  document: Document;
  api: Api;
  /** One line per signature left out, naming it and why. */
  warnings: string[];
}

/** From an already read model: pure apart from the validation. */
export interface GenerateJobOptions<Api extends ProtocolApi> extends GenerateOptions {
  /** Run swagger-parser on the document. */
  check?: boolean;
  /** The serving protocol described (default: TF Serving's REST API). */
  protocol?: Protocol<Api>;
}

export async function generateFromModel<Api extends ProtocolApi = ModelApi>(
  model: SavedModel,
  opts: GenerateJobOptions<Api> & { modelVersion?: string } = {},
): Promise<Generated<Api>> {
  const ctx = context(opts);
  const protocol = opts.protocol ?? (tfserving as unknown as Protocol<Api>);
  const api = protocol.describe(model, {
    name: ctx.name,
    tags: ctx.tags,
    ...(ctx.signature !== undefined ? { signature: ctx.signature } : {}),
    ...((ctx.version ?? opts.modelVersion) ? { version: ctx.version ?? String(BigInt(opts.modelVersion!)) } : {}),
  });
  const document = protocol.document(api, ctx);
  // swagger-parser costs about half a second: on request only; the tests check every fixture.
  if (opts.check) await checkDocument(document);
  const warnings = protocol.warnings(api);
  if (api.signatures.length === 0) warnings.push(`${model.file}: no signature can be served over REST; the spec describes only status and metadata`);
  return { document, api, warnings };
}

/** How every spec-making job reads a model: -v picks the version directory of a model base and
 * only labels a single SavedModel; classify/regress features are read from the graph. */
export function loadForSpec(location: string, opts: LoadOptions = {}) {
  return loadModel(location, { ...opts, versionOptional: true, exampleFeatures: true });
}

export async function generate<Api extends ProtocolApi = ModelApi>(
  location: string,
  opts: GenerateJobOptions<Api> & LoadOptions = {},
): Promise<Generated<Api>> {
  const { model, resolved } = await loadForSpec(location, opts);
  return generateFromModel<Api>(model, { ...opts, ...(resolved.version ? { modelVersion: resolved.version } : {}) });
}

export async function checkDocument(document: Document): Promise<void> {
  try {
    // Loaded only here: swagger-parser (and the ajv under it) is most of a start, and only --check needs it.
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    await SwaggerParser.validate(structuredClone(document) as OpenAPI.Document);
  } catch (e) {
    throw new Tf2OpenApiError(
      'INTERNAL',
      `the generated OpenAPI document is invalid (a bug in tf2openapi, please report it): ${(e as Error).message.split('\n')[0]}`,
    );
  }
}
