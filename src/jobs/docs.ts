// `tf2openapi docs`: one self-contained HTML page for a model (or a spec tf2openapi wrote): a section
// per servable signature, the URL variants once, and the full OpenAPI reference, all offline.
import { docsView } from '../emitters/docs/view.js';
import { renderDocsPage } from '../emitters/docs/render.js';
import { Tf2OpenApiError } from '../errors.js';
import type { Document, GenerateOptions } from '../openapi/context.js';
import type { ModelApi } from '../protocol/tfserving/describe.js';
import type { LoadOptions } from '../savedmodel/load-model.js';
import { generate } from './generate.js';
import { isSpecPath, readSpec } from './spec-input.js';

export interface DocsOptions extends GenerateOptions, Omit<LoadOptions, 'version'> {}

/** The page for an already described model: pure. */
export const docsPage = (api: ModelApi, document: Document): string => renderDocsPage(docsView(api), document);

/** The model (or spec) at `location`, described: what `docs` and `serve` start from. */
export async function describeForDocs(location: string, opts: DocsOptions = {}): Promise<{ api: ModelApi; document: Document; warnings: string[] }> {
  if (isSpecPath(location)) {
    const { doc, api, protocol } = await readSpec(location);
    if (!api) throw new Tf2OpenApiError('BAD_INPUT', `${location}: not a document tf2openapi wrote (no x-tf2openapi extension): give the model instead`);
    if (protocol.id !== 'tfserving-rest-v1')
      throw new Tf2OpenApiError('BAD_INPUT', `${location}: a ${protocol.id} document; docs and serve describe TF Serving's REST API (give the model)`);
    return { api: api as ModelApi, document: doc, warnings: [] };
  }
  const g = await generate(location, opts);
  return { api: g.api, document: g.document, warnings: g.warnings };
}

export async function docs(location: string, opts: DocsOptions = {}): Promise<{ html: string; warnings: string[] }> {
  const { api, document, warnings } = await describeForDocs(location, opts);
  return { html: docsPage(api, document), warnings };
}
