// The paths TF Serving serves for one model: predict/classify/regress (where the model has such
// signatures), status and metadata, each plain, per version and per label.
import type { OpenAPIV3 } from 'openapi-types';
import type { Method, ModelApi } from '../describe.js';
import { requestComponent, responseComponent, VERB, type SignatureComponents } from './components.js';
import { markdownCode, markdownText, ref, type Context } from '../../../openapi/context.js';
import { escapePointer } from '../runtime/pointer.js';

type Variant = { suffix: string; id: string; params: OpenAPIV3.ParameterObject[]; what: string };

const VARIANTS: Variant[] = [
  { suffix: '', id: '', params: [], what: 'the latest (or only) version' },
  {
    suffix: '/versions/{version}',
    id: 'Version',
    params: [{ name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 0, format: 'int64' }, description: 'Model version number' }],
    what: 'a given version',
  },
  {
    suffix: '/labels/{label}',
    id: 'Label',
    params: [{ name: 'label', in: 'path', required: true, schema: { type: 'string' }, description: 'Version label, e.g. stable or canary' }],
    what: 'the version a label points to',
  },
];

const json = (schema: OpenAPIV3.ReferenceObject, examples?: Record<string, OpenAPIV3.ReferenceObject>): OpenAPIV3.MediaTypeObject => ({
  schema,
  ...(examples && Object.keys(examples).length ? { examples } : {}),
});

const errors = (withBody: boolean): OpenAPIV3.ResponsesObject =>
  Object.fromEntries(
    (
      [
        ...(withBody ? ([['400', 'The request does not fit the signature']] as const) : []),
        ['404', withBody ? 'No such model, version, label or signature' : 'No such model, version or label'],
        ['500', 'The model failed to run'],
      ] as const
    ).map(([code, description]) => [code, { description, content: { 'application/json': json(ref('Error')) } }]),
  );

const exampleRef = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/examples/${escapePointer(name)}` });

/** Example names are free text in OpenAPI but are map keys: readable, unique, and the component's name. */
function exampleRefs(list: { key: string; form: string; example?: string | undefined }[]): Record<string, OpenAPIV3.ReferenceObject> {
  const out: Record<string, OpenAPIV3.ReferenceObject> = {};
  list.forEach((e, i) => {
    if (e.example) out[`${i + 1}. ${e.key} (${e.form})`.replace(/[\u0000-\u001f\u2028\u2029]/g, ' ')] = exampleRef(e.example);
  });
  return out;
}

/** serving_default first: tools show the first example. */
const defaultFirst = (sigs: SignatureComponents[]) => [...sigs].sort((a, b) => Number(b.sig.isDefault) - Number(a.sig.isDefault));

/** The request body and the 200 answer of an endpoint, once in components and referenced by each URL
 * variant: with 1,000 signatures their examples list is the bulk of the paths. */
function bodies(method: Method, sigs: SignatureComponents[]): { requestBody: OpenAPIV3.RequestBodyObject; response: OpenAPIV3.ResponseObject } {
  const verb = VERB[method];
  const ordered = defaultFirst(sigs);
  const reqs = ordered.flatMap((s) => s.requests.map((r) => ({ key: s.sig.key, ...r })));
  const resps = ordered.flatMap((s) => s.responses.map((r) => ({ key: s.sig.key, ...r })));
  // Examples too large to spell out are described here, once per body form.
  const omitted = (list: typeof reqs) =>
    list
      .filter((r) => r.omitted)
      .map((r) => `\n\n${markdownCode(r.key)} (${r.form}): ${markdownText(r.omitted!)}`)
      .join('');
  return {
    requestBody: {
      required: true,
      description: `The request, for one signature${omitted(reqs)}`,
      content: { 'application/json': json(ref(requestComponent(method)), exampleRefs(reqs)) },
    },
    response: { description: `${verb} result${omitted(resps)}`, content: { 'application/json': json(ref(responseComponent(method)), exampleRefs(resps)) } },
  };
}

/** Names of the shared request bodies and answers in components. */
export const BODY = { predict: 'PredictBody', classify: 'ClassifyBody', regress: 'RegressBody' } as const;
export const RESULT = { predict: 'PredictResult', classify: 'ClassifyResult', regress: 'RegressResult' } as const;

function invoke(method: Method, sigs: SignatureComponents[], v: Variant, api: ModelApi): OpenAPIV3.OperationObject {
  const keys = defaultFirst(sigs)
    .map((s) => markdownCode(s.sig.key))
    .join(', ');
  return {
    operationId: `${method}${v.id}`,
    tags: [method],
    summary: `${VERB[method]} with ${v.what} of the model`,
    description: `Signatures: ${keys}.${api.hasDefault ? '' : ' The model has no serving_default signature: every request must name one in signature_name.'}`,
    ...(v.params.length ? { parameters: v.params } : {}),
    requestBody: { $ref: `#/components/requestBodies/${BODY[method]}` },
    responses: { '200': { $ref: `#/components/responses/${RESULT[method]}` }, ...errors(true) },
  };
}

/** The shared request bodies and answers, for the methods the model has signatures for. */
export function buildBodies(perSignature: SignatureComponents[]): {
  requestBodies: Record<string, OpenAPIV3.RequestBodyObject>;
  responses: Record<string, OpenAPIV3.ResponseObject>;
} {
  const requestBodies: Record<string, OpenAPIV3.RequestBodyObject> = {};
  const responses: Record<string, OpenAPIV3.ResponseObject> = {};
  for (const method of ['predict', 'classify', 'regress'] as const) {
    const sigs = perSignature.filter((p) => p.method === method);
    if (!sigs.length) continue;
    const b = bodies(method, sigs);
    requestBodies[BODY[method]] = b.requestBody;
    responses[RESULT[method]] = b.response;
  }
  return { requestBodies, responses };
}

const withExample = (ctx: Context, key: string, name: string) => (ctx.examples === 'none' ? undefined : { [key]: exampleRef(name) });

export function buildPaths(api: ModelApi, perSignature: SignatureComponents[], ctx: Context): OpenAPIV3.PathsObject {
  const base = `/v1/models/${encodeURIComponent(api.name)}`;
  const paths: OpenAPIV3.PathsObject = {};
  for (const v of VARIANTS) {
    for (const method of ['predict', 'classify', 'regress'] as const) {
      const sigs = perSignature.filter((p) => p.method === method);
      if (sigs.length) paths[`${base}${v.suffix}:${method}`] = { post: invoke(method, sigs, v, api) };
    }
    paths[`${base}${v.suffix}`] = {
      get: {
        operationId: `status${v.id}`,
        tags: ['model'],
        summary: `State of ${v.what} of the model`,
        description: 'Whether the version is loaded and available (GetModelStatus).',
        ...(v.params.length ? { parameters: v.params } : {}),
        responses: {
          '200': { description: 'Model version status', content: { 'application/json': json(ref('ModelStatus'), withExample(ctx, 'status', 'ModelStatus')) } },
          ...errors(false),
        },
      },
    };
    paths[`${base}${v.suffix}/metadata`] = {
      get: {
        operationId: `metadata${v.id}`,
        tags: ['model'],
        summary: `Signatures of ${v.what} of the model`,
        description: 'The SignatureDefs of the version, in protobuf JSON (GetModelMetadata).',
        ...(v.params.length ? { parameters: v.params } : {}),
        responses: {
          '200': { description: 'Model metadata', content: { 'application/json': json(ref('ModelMetadata'), withExample(ctx, 'model', 'ModelMetadata')) } },
          ...errors(false),
        },
      },
    };
  }
  // The Go tf2openapi's only path, kept so its users lose nothing when they switch.
  const predict = perSignature.filter((p) => p.method === 'predict');
  if (ctx.version !== undefined && predict.length) {
    const op = invoke('predict', predict, VARIANTS[0]!, api);
    paths[`${base}/versions/${encodeURIComponent(ctx.version)}:predict`] = {
      post: { ...op, operationId: 'predictPinnedVersion', summary: `Predict with version ${ctx.version} of the model` },
    };
  }
  return paths;
}
