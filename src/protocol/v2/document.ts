// The OpenAPI document of one model over the Open Inference Protocol: a refinement of KServe's
// generic V2 document (every request and response valid here is valid there), typed by the
// signature a V2 server serves.
import type { OpenAPIV3 } from 'openapi-types';
import { API_EXTENSION, markdownCode, specVersion, type Context, type Document, type Schema } from '../../openapi/context.js';
import { escapePointer } from '../tfserving/runtime/pointer.js';
import { elements, modelMetadata, V2_INT_RANGES, V2_PROTOCOL, V2_PROTOCOL_ID, type V2Api, type V2Tensor } from './describe.js';

/** Triton's default HTTP port (the KServe runtime that serves TensorFlow over V2). */
export const DEFAULT_V2_SERVER = 'http://localhost:8000';
const COMPACT = 2048;

const ref = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${escapePointer(name)}` });
const exampleRef = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/examples/${escapePointer(name)}` });
const safeName = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}`) || '_';

function element(t: V2Tensor): Schema {
  switch (t.datatype) {
    case 'BOOL':
      return { type: 'boolean' };
    case 'BYTES':
      return { type: 'string' };
    case 'FP16':
    case 'BF16':
    case 'FP32':
    case 'FP64':
      return { type: 'number' };
    default: {
      const [min, max] = V2_INT_RANGES[t.datatype]!;
      // Bounds only where a JSON number holds them exactly.
      return {
        type: 'integer',
        ...(min >= BigInt(Number.MIN_SAFE_INTEGER) ? { minimum: Number(min) } : {}),
        ...(max <= BigInt(Number.MAX_SAFE_INTEGER) ? { maximum: Number(max) } : {}),
      };
    }
  }
}

/** `data`: flat row-major, or nested by the shape's rank. */
function dataSchema(t: V2Tensor): Schema {
  const el = element(t);
  const flat: Schema = { type: 'array', items: el, description: 'row-major, product(shape) values' };
  if (t.shape === null || t.shape.length <= 1) return flat;
  let nested: Schema = el;
  for (let i = t.shape.length - 1; i >= 0; i--) {
    const d = t.shape[i]!;
    nested = { type: 'array', items: nested, ...(d >= 0 ? { minItems: d, maxItems: d } : {}) } as Schema;
  }
  return { anyOf: [flat, { ...(nested as object), description: 'nested by the shape' } as Schema] };
}

function shapeSchema(t: V2Tensor): Schema {
  const dims = t.shape === null ? 'any rank' : `[${t.shape.join(', ')}]`;
  return {
    type: 'array',
    items: { type: 'integer', minimum: 0 },
    ...(t.shape !== null ? { minItems: t.shape.length, maxItems: t.shape.length } : {}),
    description: `The signature's shape is ${dims} (-1: any size)`,
  } as Schema;
}

const tensorSchema = (t: V2Tensor, side: 'input' | 'output'): Schema => ({
  type: 'object',
  required: ['name', 'shape', 'datatype', 'data'],
  additionalProperties: false,
  description: `${side} ${markdownCode(t.name)}: ${t.dtype}`,
  properties: {
    name: { type: 'string', enum: [t.name] },
    shape: shapeSchema(t),
    datatype: { type: 'string', enum: [t.datatype] },
    parameters: ref('Parameters'),
    data: dataSchema(t),
  },
});

function exampleValue(t: V2Tensor, i: number): unknown {
  switch (t.datatype) {
    case 'BOOL':
      return i % 2 === 0;
    case 'BYTES':
      return `text ${i}`;
    case 'FP16':
    case 'BF16':
    case 'FP32':
    case 'FP64':
      return 0.5 + i;
    default:
      return (i % 100) + 1;
  }
}

/** A concrete shape: the batch 1, other unknown sizes 1, unknown rank a vector of one. */
const concrete = (t: V2Tensor) => (t.shape === null ? [1] : t.shape.map((d) => (d >= 0 ? d : 1)));

function tensorExample(list: V2Tensor[]): { value?: unknown[]; omitted?: string } {
  const total = list.reduce((n, t) => n + elements(concrete(t)), 0);
  if (total > COMPACT)
    return { omitted: `Not spelled out: ${total.toLocaleString('en-US')} values; tf2openapi writes examples of up to ${COMPACT.toLocaleString('en-US')}.` };
  return {
    value: list.map((t) => {
      const shape = concrete(t);
      return { name: t.name, shape, datatype: t.datatype, data: Array.from({ length: elements(shape) }, (_, i) => exampleValue(t, i)) };
    }),
  };
}

export function buildV2Document(api: V2Api, ctx: Context): Document {
  const version = specVersion(api);
  const schemas: Record<string, Schema> = {
    Parameters: { type: 'object', description: 'Extension parameters', additionalProperties: true },
    Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    MetadataTensor: {
      type: 'object',
      required: ['name', 'datatype', 'shape'],
      properties: { name: { type: 'string' }, datatype: { type: 'string' }, shape: { type: 'array', items: { type: 'integer' } } },
    },
    ModelMetadata: {
      type: 'object',
      required: ['name', 'platform'],
      properties: {
        name: { type: 'string' },
        versions: { type: 'array', items: { type: 'string' } },
        platform: { type: 'string' },
        inputs: { type: 'array', items: ref('MetadataTensor') },
        outputs: { type: 'array', items: ref('MetadataTensor') },
      },
    },
    ServerMetadata: {
      type: 'object',
      required: ['name', 'version', 'extensions'],
      properties: { name: { type: 'string' }, version: { type: 'string' }, extensions: { type: 'array', items: { type: 'string' } } },
    },
  };
  const inputNames = new Map(api.inputs.map((t) => [t.name, `Input.${safeName(t.name)}`]));
  const outputNames = new Map(api.outputs.map((t) => [t.name, `Output.${safeName(t.name)}`]));
  for (const t of api.inputs) schemas[inputNames.get(t.name)!] = tensorSchema(t, 'input');
  for (const t of api.outputs) schemas[outputNames.get(t.name)!] = tensorSchema(t, 'output');
  const union = (names: string[]): Schema => (names.length === 1 ? ref(names[0]!) : { anyOf: names.map(ref) });
  schemas.InferenceRequest = {
    type: 'object',
    required: ['inputs'],
    additionalProperties: false,
    description: `Inference request for signature ${markdownCode(api.signature)}: each input once, \`data\` holding product(shape) values.`,
    properties: {
      id: { type: 'string' },
      parameters: ref('Parameters'),
      inputs: { type: 'array', minItems: api.inputs.length, maxItems: api.inputs.length, items: union([...inputNames.values()]) },
      outputs: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', enum: api.outputs.map((t) => t.name) }, parameters: ref('Parameters') },
        },
      },
    },
  } as Schema;
  schemas.InferenceResponse = {
    type: 'object',
    required: ['model_name', 'outputs'],
    properties: {
      model_name: { type: 'string' },
      model_version: { type: 'string' },
      id: { type: 'string' },
      parameters: ref('Parameters'),
      outputs: { type: 'array', items: api.outputs.length ? union([...outputNames.values()]) : { type: 'object' } },
    },
  } as Schema;

  const examples: Record<string, { summary: string; value: unknown }> = {};
  const notes: string[] = [];
  if (ctx.examples !== 'none') {
    const req = tensorExample(api.inputs);
    if (req.value) examples.InferenceRequest = { summary: `signature ${JSON.stringify(api.signature)}`, value: { id: '1', inputs: req.value } };
    else notes.push(`Request: ${req.omitted}`);
    const res = tensorExample(api.outputs);
    if (res.value)
      examples.InferenceResponse = { summary: 'the outputs', value: { model_name: api.name, model_version: version, id: '1', outputs: res.value } };
    else notes.push(`Response: ${res.omitted}`);
    examples.ModelMetadata = {
      summary: `what a V2 server answers for ${JSON.stringify(api.name)}`,
      value: modelMetadata(api, version),
    };
  }
  const json = (schema: OpenAPIV3.ReferenceObject, example?: string): OpenAPIV3.MediaTypeObject => ({
    schema,
    ...(example && examples[example] ? { examples: { [example]: exampleRef(example) } } : {}),
  });
  const error = { description: 'Error', content: { 'application/json': json(ref('Error')) } };
  const base = `/v2/models/${encodeURIComponent(api.name)}`;
  const versionParam: OpenAPIV3.ParameterObject = { name: 'version', in: 'path', required: true, schema: { type: 'string' }, description: 'Model version' };
  const paths: OpenAPIV3.PathsObject = {};
  for (const [suffix, id, params] of [
    ['', '', []],
    ['/versions/{version}', 'Version', [versionParam]],
  ] as const) {
    const parameters = params.length ? { parameters: [...params] } : {};
    paths[`${base}${suffix}/infer`] = {
      post: {
        operationId: `infer${id}`,
        tags: ['inference'],
        summary: `Inference with ${id ? 'a given version' : 'the model'}`,
        description: `Runs signature ${markdownCode(api.signature)}.${notes.length ? `\n\n${notes.join('\n\n')}` : ''}`,
        ...parameters,
        requestBody: { required: true, content: { 'application/json': json(ref('InferenceRequest'), 'InferenceRequest') } },
        responses: {
          '200': { description: 'Inference result', content: { 'application/json': json(ref('InferenceResponse'), 'InferenceResponse') } },
          '400': error,
        },
      },
    };
    paths[`${base}${suffix}`] = {
      get: {
        operationId: `metadata${id}`,
        tags: ['model'],
        summary: 'Model metadata',
        description: 'Name, versions, platform and tensors of the model.',
        ...parameters,
        responses: { '200': { description: 'Model metadata', content: { 'application/json': json(ref('ModelMetadata'), 'ModelMetadata') } }, '404': error },
      },
    };
    paths[`${base}${suffix}/ready`] = {
      get: {
        operationId: `ready${id}`,
        tags: ['model'],
        summary: 'Model ready',
        description: '200 once the model can serve.',
        ...parameters,
        responses: { '200': { description: 'Ready' } },
      },
    };
  }
  paths['/v2/health/live'] = {
    get: { operationId: 'live', tags: ['server'], summary: 'Server live', description: 'For a livenessProbe.', responses: { '200': { description: 'Live' } } },
  };
  paths['/v2/health/ready'] = {
    get: {
      operationId: 'serverReady',
      tags: ['server'],
      summary: 'Server ready',
      description: 'For a readinessProbe.',
      responses: { '200': { description: 'Ready' } },
    },
  };
  paths['/v2'] = {
    get: {
      operationId: 'serverMetadata',
      tags: ['server'],
      summary: 'Server metadata',
      description: 'Name, version and extensions of the server.',
      responses: { '200': { description: 'Server metadata', content: { 'application/json': json(ref('ServerMetadata')) } }, '400': error },
    },
  };
  return {
    openapi: ctx.openapi === '3.1' ? '3.1.0' : '3.0.3',
    info: {
      title: `${api.name}: ${V2_PROTOCOL}`,
      version,
      description: `The ${V2_PROTOCOL} REST API of model ${markdownCode(api.name)}, signature ${markdownCode(api.signature)}, generated by tf2openapi from its SavedModel.`,
      'x-tensorflow-version': api.tensorflowVersion,
    } as Document['info'],
    servers: [ctx.serverUrl ? { url: ctx.serverUrl } : { url: DEFAULT_V2_SERVER, description: "Triton's default HTTP port; give --server-url for yours" }],
    security: [],
    tags: [
      { name: 'inference', description: 'Run the model' },
      { name: 'model', description: 'Model metadata and readiness' },
      { name: 'server', description: 'Server health and metadata' },
    ],
    paths,
    components: { schemas, ...(Object.keys(examples).length ? { examples } : {}) },
    [API_EXTENSION]: { version: 1, protocol: V2_PROTOCOL_ID, api },
  } as Document;
}
