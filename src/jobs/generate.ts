// `tf2openapi generate`: the OpenAPI 3 document of a model's TF Serving REST API (checked by
// swagger-parser with `check`; the tests prove every fixture's documents valid).
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { Tf2OpenApiError } from '../errors.js';
import { context, type Document, type GenerateOptions } from '../openapi/context.js';
import { buildDocument } from '../openapi/document.js';
import { describeModelApi, type ModelApi } from '../protocol/tfserving/describe.js';
import { loadModel, type LoadOptions } from '../savedmodel/load-model.js';
import type { SavedModel } from '../savedmodel/saved-model.js';

export interface Generated {
  document: Document;
  api: ModelApi;
  /** One line per signature left out, naming it and why. */
  warnings: string[];
}

/** From an already read model: pure apart from the validation. */
export async function generateFromModel(model: SavedModel, opts: GenerateOptions & { modelVersion?: string; check?: boolean } = {}): Promise<Generated> {
  const ctx = context(opts);
  const api = describeModelApi(model, {
    name: ctx.name,
    tags: ctx.tags,
    ...(ctx.signature !== undefined ? { signature: ctx.signature } : {}),
    ...((ctx.version ?? opts.modelVersion) ? { version: ctx.version ?? String(BigInt(opts.modelVersion!)) } : {}),
  });
  const document = buildDocument(api, ctx);
  // swagger-parser costs about half a second: on request only; the tests check every fixture.
  if (opts.check) await checkDocument(document);
  const warnings = api.skipped.map((s) => `signature ${JSON.stringify(s.key)} left out: ${s.reason}`);
  // A signature that declares classify/regress but cannot run there stays on :predict only.
  for (const s of api.signatures)
    for (const m of ['classify', 'regress'] as const)
      if (s.methodName === `tensorflow/serving/${m}` && !s.endpoints.includes(m))
        warnings.push(`signature ${JSON.stringify(s.key)} is not offered on :${m}: ${s.ineligible?.[m]}; it stays reachable on :predict with signature_name`);
  if (api.signatures.length === 0) warnings.push(`${model.file}: no signature can be served over REST; the spec describes only status and metadata`);
  return { document, api, warnings };
}

/** How every spec-making job reads a model: -v picks the version directory of a model base and
 * only labels a single SavedModel; classify/regress features are read from the graph. */
export function loadForSpec(location: string, opts: LoadOptions = {}) {
  return loadModel(location, { ...opts, versionOptional: true, exampleFeatures: true });
}

export async function generate(location: string, opts: GenerateOptions & LoadOptions & { check?: boolean } = {}): Promise<Generated> {
  const { model, resolved } = await loadForSpec(location, opts);
  return generateFromModel(model, { ...opts, ...(resolved.version ? { modelVersion: resolved.version } : {}) });
}

export async function checkDocument(document: Document): Promise<void> {
  try {
    await SwaggerParser.validate(structuredClone(document) as OpenAPI.Document);
  } catch (e) {
    throw new Tf2OpenApiError(
      'INTERNAL',
      `the generated OpenAPI document is invalid (a bug in tf2openapi, please report it): ${(e as Error).message.split('\n')[0]}`,
    );
  }
}
