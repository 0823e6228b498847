// Component schemas: per signature (request forms, responses) and per method (the union a path
// accepts). Each signature's requests name it in `signature_name`, so a body matches exactly
// one signature's branch even where two signatures take the same tensors.
import { servedOn, type Method, type ModelApi, type SignatureApi } from '../describe.js';
import * as ex from '../examples.js';
import { markdownCode, ref, specVersion, type Context, type Schema } from '../../../openapi/context.js';

/** Request schemas state the signature's shapes as the contract; TF Serving does not enforce them. */
const SHAPE_NOTE =
  "Shapes are the signature's: TF Serving accepts other shapes (it never compares them with the signature), the model may not. `tf2openapi validate` tells what TF Serving refuses from what the signature contradicts.";
import { BASE64, instanceSchema, sharedSchemas, tensorSchema } from './tensor-schema.js';

/** One signature on one endpoint. */
export interface SignatureComponents {
  sig: SignatureApi;
  method: Method;
  /** Component names of this signature's request and response schemas, by form; `example` names
   * the entry in components/examples, when the document has examples. */
  requests: BodyComponent[];
  responses: BodyComponent[];
}
/** One body form's schema; its example's component name, or why the example is left out. */
export interface BodyComponent {
  name: string;
  form: string;
  example?: string;
  omitted?: string;
}

export type ExampleObject = { summary: string; description?: string; value?: ex.Json };
/** Component examples are written once and referenced from every path variant. */
export type Examples = Record<string, ExampleObject>;

/** Adds a body example and returns its component name, or the note saying why it is left out
 * (an example object must hold a value; the note goes into the body's description instead). */
function addExample(examples: Examples, name: string, summary: string, body: ex.BodyExample | undefined): Pick<BodyComponent, 'example' | 'omitted'> {
  if (!body) return {};
  if (body.value === undefined) return { omitted: body.omitted! };
  examples[name] = { summary, value: body.value };
  return { example: name };
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
    // Accents dropped (ü → u), other characters as _<hex>: readable, and distinct keys stay distinct.
    const base =
      key
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .replace(/[^A-Za-z0-9._-]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}`) || '_';
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

function predictSchemas(sig: SignatureApi, base: string, schemas: Record<string, Schema>, examples: Examples, ctx: Context): SignatureComponents {
  const sn = signatureName(sig);
  const single = sig.inputs.length === 1;
  const named =
    (f: typeof tensorSchema) =>
    (list = sig.inputs, side: 'input' | 'output' = 'input') =>
      object(
        Object.fromEntries(list.map((t) => [t.alias, f(t, side)])),
        list.map((t) => t.alias),
      );
  const out: SignatureComponents = { sig, method: 'predict', requests: [], responses: [] };
  const key = JSON.stringify(sig.key);
  const code = markdownCode(sig.key);
  const add = (list: SignatureComponents['requests'], name: string, form: string, exForm: ex.PredictForm) => {
    list.push({ name, form, ...addExample(examples, name, `signature ${key}, ${form}`, ex.predictExample(sig, exForm, ctx.examples)) });
  };

  // Row requests only where TF Serving can also answer in rows (json_tensor.cc MakeRowFormatJsonFromTensors).
  if (sig.rowFormat && sig.rowResponse) {
    const name = `${base}.PredictRowRequest`;
    const count = sig.batch !== undefined ? { minItems: sig.batch, maxItems: sig.batch } : { minItems: 1 };
    const list = (items: Schema): Schema => ({ type: 'array', ...count, items }) as Schema;
    const description = `One item per instance; all instances batched along dimension 0${sig.batch !== undefined ? ` (the signature fixes the batch at ${sig.batch})` : ''}.`;
    // One input: every instance a bare value, or every one an object; TF Serving refuses a mix.
    const instances: Schema = single
      ? ({ anyOf: [list(instanceSchema(sig.inputs[0]!, 'input')), list(named(instanceSchema)())], description } as Schema)
      : ({ ...(list(named(instanceSchema)()) as object), description } as Schema);
    schemas[name] = object({ ...sn.properties, instances }, [...sn.required, 'instances'], {
      description: `Row format ("instances") for signature ${code}. ${SHAPE_NOTE}`,
    });
    add(out.requests, name, 'row', 'row request');
  }
  {
    const tensor = single ? { anyOf: [tensorSchema(sig.inputs[0]!, 'input'), named(tensorSchema)()] } : named(tensorSchema)();
    const name = `${base}.PredictColumnarRequest`;
    schemas[name] = object({ ...sn.properties, inputs: tensor as Schema }, [...sn.required, 'inputs'], {
      description: `Columnar format ("inputs") for signature ${code}. ${SHAPE_NOTE}`,
    });
    add(out.requests, name, 'columnar', 'columnar request');
  }
  const singleOut = sig.outputs.length === 1;
  if (sig.rowFormat && sig.rowResponse) {
    const item = singleOut ? instanceSchema(sig.outputs[0]!, 'output') : named(instanceSchema)(sig.outputs, 'output');
    const name = `${base}.PredictRowResponse`;
    schemas[name] = object({ predictions: { type: 'array', items: item } }, ['predictions'], { description: `Answer to a row-format request to ${code}` });
    add(out.responses, name, 'row', 'row response');
  }
  {
    const tensor = singleOut ? tensorSchema(sig.outputs[0]!, 'output') : named(tensorSchema)(sig.outputs, 'output');
    const name = `${base}.PredictColumnarResponse`;
    schemas[name] = object({ outputs: tensor }, ['outputs'], { description: `Answer to a columnar request to ${code}` });
    add(out.responses, name, 'columnar', 'columnar response');
  }
  return out;
}

/** tf.Example schema for the features the graph's ParseExample op reads; others are allowed (ignored). */
function featuresSchema(features: NonNullable<SignatureApi['features']>): Schema {
  const value = (dtype: string): Schema =>
    dtype === 'DT_FLOAT'
      ? { type: 'number', description: 'float_list: write numbers with a fraction (2.0, not 2), or TF Serving sends an int64_list' }
      : dtype === 'DT_INT64'
        ? { anyOf: [{ type: 'integer' }, { type: 'boolean' }], description: 'int64_list (true/false count as 1/0)' }
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
  return { type: 'object', properties, additionalProperties: anyFeature() } as Schema;
}

/** A feature the schema does not name: one value or a list of one kind, no nulls, no nesting (json_tensor.cc AddValueToFeature). */
function anyFeature(): Schema {
  const numeric: Schema = { anyOf: [{ type: 'number' }, { type: 'boolean' }] };
  const bytes: Schema = { anyOf: [{ type: 'string' }, ref(BASE64)] };
  return {
    anyOf: [
      { type: 'number' },
      { type: 'boolean' },
      { type: 'string' },
      ref(BASE64),
      { type: 'array', items: numeric, description: 'numbers and booleans: int64_list, or float_list when the numbers are written with a fraction' },
      { type: 'array', items: bytes, description: 'bytes_list' },
    ],
  } as Schema;
}

function examplesSchemas(
  sig: SignatureApi,
  method: 'classify' | 'regress',
  base: string,
  schemas: Record<string, Schema>,
  examples: Examples,
  ctx: Context,
): SignatureComponents {
  const sn = signatureName(sig);
  const verb = VERB[method];
  const name = `${base}.${verb}Request`;
  let exampleRef = ref('Example');
  if (sig.features) {
    schemas[`${base}.Example`] = featuresSchema(sig.features);
    exampleRef = ref(`${base}.Example`);
  }
  schemas[name] = object({ ...sn.properties, context: exampleRef, examples: { type: 'array', minItems: 1, items: exampleRef } }, [...sn.required, 'examples'], {
    description: `${verb} request for signature ${markdownCode(sig.key)}: tf.Example feature maps, serialized by TF Serving into the signature's input`,
  });
  const example = addExample(examples, name, `signature ${JSON.stringify(sig.key)}, examples`, ex.examplesExample(sig, ctx.examples));
  const responseName = responseComponent(method);
  const response = addExample(
    examples,
    responseName,
    `${verb.toLowerCase()} results`,
    ctx.examples === 'none' ? undefined : { value: method === 'classify' ? ex.classifyResponse() : ex.regressResponse() },
  );
  return {
    sig,
    method,
    requests: [{ name, form: 'examples', ...example }],
    responses: [{ name: responseName, form: 'examples', ...response }],
  };
}

const exampleSchema = (): Schema => ({
  type: 'object',
  description:
    'A tf.Example as a JSON object: feature name → value or list of values. Numbers with a fraction become float_list, integers and booleans int64_list, strings and {"b64": …} bytes_list. Features the model does not parse are ignored.',
  additionalProperties: anyFeature(),
  example: { x: 1.5, tags: ['a', 'b'] },
});

const classifyResponseSchema = (pair: Schema): Schema =>
  object({ results: { type: 'array', items: { type: 'array', items: pair }, description: 'Per example, its [label, score] pairs' } }, ['results']);

/** Schemas shared by the model's signatures: errors, status and metadata always; tf.Example,
 * classify/regress results and Base64 only where a signature refers to them. */
function fixedSchemas(api: ModelApi): Record<string, Schema> {
  const methods = new Set(api.signatures.flatMap((s) => s.endpoints));
  const genericExample = api.signatures.some((s) => s.endpoints.length > 1 && !s.features);
  // Base64 is referred to by string inputs, _bytes outputs and every tf.Example schema.
  const binary =
    methods.size > 1 ||
    api.signatures.some((s) => s.inputs.some((t) => t.value.kind === 'string') || s.outputs.some((t) => t.value.kind === 'string' && t.value.bytesOnly));
  // [label, score]: as items of either kind in both versions (a 3.1 tuple's prefixItems is not read by every tool).
  const pair: Schema = { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] }, minItems: 2, maxItems: 2, description: '[label, score]' };
  return {
    ...(binary ? sharedSchemas() : {}),
    Error: object({ error: { type: 'string' } }, ['error'], {
      description: 'TF Serving error body: {"error": <the failed status message>}',
    }),
    ...(genericExample ? { Example: exampleSchema() } : {}),
    ...(methods.has('classify') ? { ClassifyResponse: classifyResponseSchema(pair) } : {}),
    ...(methods.has('regress')
      ? { RegressResponse: object({ results: { type: 'array', items: { type: 'number' }, description: 'Per example, the regression value' } }, ['results']) }
      : {}),
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
    ),
    ModelMetadata: {
      type: 'object',
      required: ['model_spec', 'metadata'],
      properties: {
        model_spec: object({ name: { type: 'string' }, signature_name: { type: 'string' }, version: { type: 'string' } }, ['name']),
        metadata: {
          type: 'object',
          properties: {
            signature_def: {
              type: 'object',
              properties: {
                signature_def: { type: 'object', additionalProperties: { type: 'object' }, description: "The model's SignatureDefs in protobuf JSON" },
              },
            },
          },
        },
      },
    } as Schema,
  };
}

export function buildComponents(api: ModelApi, ctx: Context): { schemas: Record<string, Schema>; examples: Examples; perSignature: SignatureComponents[] } {
  const schemas = fixedSchemas(api);
  const examples: Examples = {};
  const names = componentNames(api.signatures.map((s) => s.key));
  const perSignature: SignatureComponents[] = [];
  // serving_default first: tools show the first schema and example.
  for (const method of ['predict', 'classify', 'regress'] as const)
    for (const sig of servedOn(api, method)) {
      const base = `Signature.${names.get(sig.key)!}`;
      perSignature.push(method === 'predict' ? predictSchemas(sig, base, schemas, examples, ctx) : examplesSchemas(sig, method, base, schemas, examples, ctx));
    }
  for (const method of ['predict', 'classify', 'regress'] as const) {
    const sigs = perSignature.filter((p) => p.method === method);
    if (!sigs.length) continue;
    const requests = sigs.flatMap((p) => p.requests.map((r) => ref(r.name)));
    // anyOf, not oneOf: the branches are told apart by signature_name, which the default's may leave out.
    schemas[requestComponent(method)] = requests.length === 1 ? requests[0]! : ({ anyOf: requests } as Schema);
    if (method === 'predict') {
      const responses = sigs.flatMap((p) => p.responses.map((r) => ref(r.name)));
      schemas[responseComponent('predict')] = responses.length === 1 ? responses[0]! : ({ anyOf: responses } as Schema);
    }
  }
  if (ctx.examples !== 'none') {
    const version = specVersion(api);
    examples.ModelStatus = { summary: 'the version is loaded', value: ex.statusResponse(version) };
    examples.ModelMetadata = { summary: `what TF Serving answers for ${JSON.stringify(api.name)}`, value: ex.metadataResponse(api, version) };
  }
  return { schemas, examples, perSignature };
}
