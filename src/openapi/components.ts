// Component schemas: per signature (request forms, responses) and per method (the union a path
// accepts). Each signature's requests name it in `signature_name`, so a body matches exactly
// one signature's branch even where two signatures take the same tensors.
import type { Method, ModelApi, SignatureApi } from '../protocol/tfserving-rest.js';
import * as ex from '../protocol/tfserving-examples.js';
import { ref, specVersion, type Context, type Schema } from './context.js';
import { BASE64, instanceSchema, sharedSchemas, tensorSchema } from './tensor-schema.js';

export interface SignatureComponents {
  sig: SignatureApi;
  /** Component names of this signature's request and response schemas, by form. */
  requests: { name: string; form: string; example: ex.Json }[];
  responses: { name: string; form: string; example: ex.Json }[];
}

/** How each method names its component schemas: PredictRequest, ClassifyResponse, … */
export const VERB: Record<Method, 'Predict' | 'Classify' | 'Regress'> = { predict: 'Predict', classify: 'Classify', regress: 'Regress' };
export const requestComponent = (method: Method) => `${VERB[method]}Request`;
export const responseComponent = (method: Method) => `${VERB[method]}Response`;

/** Component names must match ^[a-zA-Z0-9._-]+$; model names need not. Distinct keys stay distinct. */
export function componentNames(keys: string[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const key of keys) {
    const base = key.replace(/[^A-Za-z0-9._-]/g, '_') || '_';
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    out.set(key, name);
  }
  return out;
}

function signatureName(sig: SignatureApi): { properties: Record<string, Schema>; required: string[] } {
  const prop: Schema = {
    type: 'string',
    enum: [sig.key],
    description: sig.isDefault ? 'May be left out: the default signature is served when none is named.' : 'Names the signature to run.',
  };
  return { properties: { signature_name: prop }, required: sig.isDefault ? [] : ['signature_name'] };
}

/** A closed object schema; OpenAPI 3.0 forbids an empty `required`, so none is written then. */
const object = (properties: Record<string, Schema>, required: string[], extra: Record<string, unknown> = {}): Schema =>
  ({ type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false, ...extra }) as Schema;

function predictSchemas(sig: SignatureApi, base: string, schemas: Record<string, Schema>): SignatureComponents {
  const sn = signatureName(sig);
  const single = sig.inputs.length === 1;
  const named = (f: typeof tensorSchema) => (list = sig.inputs, side: 'input' | 'output' = 'input') =>
    object(Object.fromEntries(list.map((t) => [t.alias, f(t, side)])), list.map((t) => t.alias));
  const out: SignatureComponents = { sig, requests: [], responses: [] };

  if (sig.rowFormat) {
    const item = single ? { anyOf: [instanceSchema(sig.inputs[0]!, 'input'), named(instanceSchema)()] } : named(instanceSchema)();
    const example = ex.rowRequest(sig);
    const name = `${base}.PredictRowRequest`;
    schemas[name] = object(
      { ...sn.properties, instances: { type: 'array', minItems: 1, items: item as Schema, description: 'One item per instance; all instances batched along dimension 0.' } },
      [...sn.required, 'instances'],
      { description: `Row format ("instances") for signature ${JSON.stringify(sig.key)}`, example },
    );
    out.requests.push({ name, form: 'row', example });
  }
  {
    const tensor = single ? { anyOf: [tensorSchema(sig.inputs[0]!, 'input'), named(tensorSchema)()] } : named(tensorSchema)();
    const example = ex.columnarRequest(sig);
    const name = `${base}.PredictColumnarRequest`;
    schemas[name] = object({ ...sn.properties, inputs: tensor as Schema }, [...sn.required, 'inputs'], {
      description: `Columnar format ("inputs") for signature ${JSON.stringify(sig.key)}`,
      example,
    });
    out.requests.push({ name, form: 'columnar', example });
  }
  const singleOut = sig.outputs.length === 1;
  if (sig.rowResponse) {
    const item = singleOut ? instanceSchema(sig.outputs[0]!, 'output') : named(instanceSchema)(sig.outputs, 'output');
    const example = ex.rowResponse(sig);
    const name = `${base}.PredictRowResponse`;
    schemas[name] = object({ predictions: { type: 'array', items: item } }, ['predictions'], { description: `Answer to a row-format request to ${JSON.stringify(sig.key)}`, example });
    out.responses.push({ name, form: 'row', example });
  }
  {
    const tensor = singleOut ? tensorSchema(sig.outputs[0]!, 'output') : named(tensorSchema)(sig.outputs, 'output');
    const example = ex.columnarResponse(sig);
    const name = `${base}.PredictColumnarResponse`;
    schemas[name] = object({ outputs: tensor }, ['outputs'], { description: `Answer to a columnar request to ${JSON.stringify(sig.key)}`, example });
    out.responses.push({ name, form: 'columnar', example });
  }
  return out;
}

/** tf.Example schema for the features the graph's ParseExample op reads; others are allowed (ignored). */
function featuresSchema(features: NonNullable<SignatureApi['features']>): Schema {
  const value = (dtype: string): Schema =>
    dtype === 'DT_FLOAT'
      ? { type: 'number', description: 'float_list: write numbers with a fraction (2.0, not 2), or TF Serving sends an int64_list' }
      : dtype === 'DT_INT64'
        ? { type: 'integer', description: 'int64_list (true/false count as 1/0)' }
        : { anyOf: [{ type: 'string' }, ref(BASE64)], description: 'bytes_list' };
  const properties = Object.fromEntries(
    features.map((f) => {
      const v = value(f.dtype);
      const count = f.kind === 'dense' ? (f.shape ?? []).reduce((n, d) => n * d, 1) : undefined;
      const list: Schema = { type: 'array', items: v, ...(count !== undefined ? { minItems: count, maxItems: count } : {}) } as Schema;
      const description = `${f.kind} feature, ${f.dtype}${f.shape ? `, shape [${f.shape.join(', ')}]` : ''}${f.required ? ', required (in the example or the context)' : ''}`;
      return [f.name, { ...(count === 1 || count === undefined ? { anyOf: [v, list] } : list), description } as Schema];
    }),
  );
  return { type: 'object', properties, additionalProperties: { anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }, ref(BASE64), { type: 'array' }] } } as Schema;
}

function examplesSchemas(sig: SignatureApi, base: string, schemas: Record<string, Schema>): SignatureComponents {
  const sn = signatureName(sig);
  const verb = VERB[sig.method];
  const name = `${base}.${verb}Request`;
  const example = ex.examplesRequest(sig);
  let exampleRef = ref('Example');
  if (sig.features) {
    schemas[`${base}.Example`] = { ...(featuresSchema(sig.features) as object), example: (example.examples as ex.Json[])[0] } as Schema;
    exampleRef = ref(`${base}.Example`);
  }
  schemas[name] = object(
    { ...sn.properties, context: exampleRef, examples: { type: 'array', minItems: 1, items: exampleRef } },
    [...sn.required, 'examples'],
    { description: `${verb} request for signature ${JSON.stringify(sig.key)}: tf.Example feature maps, serialized by TF Serving into the signature's input`, example },
  );
  return { sig, requests: [{ name, form: 'examples', example }], responses: [{ name: responseComponent(sig.method), form: 'examples', example: sig.method === 'classify' ? ex.classifyResponse() : ex.regressResponse() }] };
}

/** Schemas shared by every model: errors, status, metadata, tf.Example features. */
function fixedSchemas(api: ModelApi, ctx: Context): Record<string, Schema> {
  const feature: Schema = { anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }, ref(BASE64)] };
  const pair: Schema =
    ctx.openapi === '3.1'
      ? ({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 2, maxItems: 2 } as unknown as Schema)
      : { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] }, minItems: 2, maxItems: 2 };
  return {
    ...sharedSchemas(),
    Error: object({ error: { type: 'string' } }, ['error'], { description: 'TF Serving error body (HTTP 400, 404, 500)', example: { error: 'Servable not found for request: Latest(model)' } }),
    Example: {
      type: 'object',
      description:
        'A tf.Example as a JSON object: feature name → value or list of values. Numbers with a fraction become float_list, integers and booleans int64_list, strings and {"b64": …} bytes_list. Features the model does not parse are ignored.',
      additionalProperties: { anyOf: [feature, { type: 'array', items: feature }] },
      example: { x: 1.5, tags: ['a', 'b'] },
    },
    ClassifyResponse: object({ results: { type: 'array', items: { type: 'array', items: pair }, description: 'Per example, its [label, score] pairs' } }, ['results'], { example: ex.classifyResponse() }),
    RegressResponse: object({ results: { type: 'array', items: { type: 'number' }, description: 'Per example, the regression value' } }, ['results'], { example: ex.regressResponse() }),
    ModelStatus: object(
      {
        model_version_status: {
          type: 'array',
          items: object(
            {
              version: { type: 'string' },
              state: { type: 'string', enum: ['UNKNOWN', 'START', 'LOADING', 'AVAILABLE', 'UNLOADING', 'END'] },
              status: object({ error_code: { type: 'string' }, error_message: { type: 'string' } }, []),
            },
            ['version', 'state'],
          ),
        },
      },
      ['model_version_status'],
      { example: ex.statusResponse(specVersion(api)) },
    ),
    ModelMetadata: {
      type: 'object',
      required: ['model_spec', 'metadata'],
      properties: {
        model_spec: object({ name: { type: 'string' }, signature_name: { type: 'string' }, version: { type: 'string' } }, ['name']),
        metadata: {
          type: 'object',
          properties: {
            signature_def: { type: 'object', properties: { signature_def: { type: 'object', additionalProperties: { type: 'object' }, description: "The model's SignatureDefs in protobuf JSON" } } },
          },
        },
      },
      example: ex.metadataResponse(api, specVersion(api)),
    } as Schema,
  };
}

export function buildComponents(api: ModelApi, ctx: Context): { schemas: Record<string, Schema>; perSignature: SignatureComponents[] } {
  const schemas = fixedSchemas(api, ctx);
  const names = componentNames(api.signatures.map((s) => s.key));
  const perSignature = api.signatures.map((sig) => {
    const base = `Signature.${names.get(sig.key)!}`;
    return sig.method === 'predict' ? predictSchemas(sig, base, schemas) : examplesSchemas(sig, base, schemas);
  });
  for (const method of ['predict', 'classify', 'regress'] as const) {
    const sigs = perSignature.filter((p) => p.sig.method === method);
    if (!sigs.length) continue;
    schemas[requestComponent(method)] = { oneOf: sigs.flatMap((p) => p.requests.map((r) => ref(r.name))), example: sigs[0]!.requests[0]!.example } as Schema;
    if (method === 'predict') {
      schemas[responseComponent('predict')] = { anyOf: sigs.flatMap((p) => p.responses.map((r) => ref(r.name))), example: sigs[0]!.responses[0]!.example } as Schema;
    }
  }
  return { schemas, perSignature };
}
