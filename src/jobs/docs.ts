// `tf2openapi docs`: one self-contained HTML page for a model (or a spec tf2openapi wrote): a section
// per servable signature, the URL variants once, and the full OpenAPI reference, all offline. Over
// TF Serving's REST API by default, or KServe V2 (`protocol: 'v2'`).
import { docsViewV2 } from '../emitters/docs/view-v2.js';
import { docsView } from '../emitters/docs/view.js';
import { renderDocsPage } from '../emitters/docs/render.js';
import { Tf2OpenApiError } from '../errors.js';
import type { Document, GenerateOptions } from '../openapi/context.js';
import { kserveV2 } from '../protocol/index.js';
import type { ModelApi } from '../protocol/tfserving/describe.js';
import type { V2Api } from '../protocol/v2/runtime/contract.js';
import type { LoadOptions } from '../savedmodel/load-model.js';
import { generate } from './generate.js';
import { isSpecPath, readSpec } from './spec-input.js';

export interface DocsOptions extends GenerateOptions, Omit<LoadOptions, 'version'> {
  /** v1 (default): TF Serving's REST API; v2: KServe V2. A spec says which itself. */
  protocol?: 'v1' | 'v2';
}

/** A described model, by protocol: what `docs` and `serve` start from. */
export type Described =
  { protocol: 'v1'; api: ModelApi; document: Document; warnings: string[] } | { protocol: 'v2'; api: V2Api; document: Document; warnings: string[] };

/** The page for an already described model: pure. */
export const docsPage = (d: Pick<Described, 'protocol' | 'api' | 'document'>): string =>
  renderDocsPage(d.protocol === 'v2' ? docsViewV2(d.api as V2Api, d.document) : docsView(d.api as ModelApi), d.document);

export async function describeForDocs(location: string, opts: DocsOptions = {}): Promise<Described> {
  if (isSpecPath(location)) {
    const { doc, api, protocol } = await readSpec(location);
    if (!api) throw new Tf2OpenApiError('BAD_INPUT', `${location}: not a document tf2openapi wrote (no x-tf2openapi extension): give the model instead`);
    if (opts.protocol && (protocol.id === kserveV2.id) !== (opts.protocol === 'v2'))
      throw new Tf2OpenApiError('BAD_INPUT', `${location}: a ${protocol.id} document, not the --protocol ${opts.protocol} asked for`);
    return protocol.id === kserveV2.id
      ? { protocol: 'v2', api: api as V2Api, document: doc, warnings: [] }
      : { protocol: 'v1', api: api as ModelApi, document: doc, warnings: [] };
  }
  const { protocol, ...rest } = opts;
  if (protocol === 'v2') {
    const g = await generate<V2Api>(location, { ...rest, protocol: kserveV2 });
    return { protocol: 'v2', api: g.api, document: g.document, warnings: g.warnings };
  }
  const g = await generate(location, rest);
  return { protocol: 'v1', api: g.api, document: g.document, warnings: g.warnings };
}

export async function docs(location: string, opts: DocsOptions = {}): Promise<{ html: string; warnings: string[] }> {
  const described = await describeForDocs(location, opts);
  return { html: docsPage(described), warnings: described.warnings };
}
