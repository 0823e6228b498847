// The docs page of a model over KServe V2 (the Open Inference Protocol): the one signature a V2
// server serves, its tensors by V2 datatype, the examples of the document, the V2 URLs once.
import type { Document } from '../../openapi/context.js';
import { V2_INT_RANGES, type V2Api, type V2Tensor } from '../../protocol/v2/runtime/contract.js';
import type { Json } from '../../protocol/tfserving/examples.js';
import { commentText, jsLiteral } from '../client/escape.js';
import { defaultPackageName } from '../client/model.js';
import { abbreviate, readableJson, shapeCell, shellWord, type DocsView, type ExampleBlock, type TensorRow } from './view.js';

function jsonOf(datatype: string): string {
  if (datatype === 'BOOL') return 'true or false';
  if (datatype === 'BYTES') return 'string (or binary, with the binary tensor data extension)';
  const range = V2_INT_RANGES[datatype];
  if (range) return `integer in [${range[0]}, ${range[1]}]${datatype.endsWith('64') ? ', exact as written' : ''}`;
  return 'number';
}

const row = (t: V2Tensor): TensorRow => ({
  alias: t.name,
  dtype: `${t.datatype} (${t.dtype})`,
  shape: shapeCell(t.shape),
  json: `${jsonOf(t.datatype)}; "data" holds the values flat, row-major`,
});

export function docsViewV2(api: V2Api, document: Document): DocsView {
  const examples = ((document.components as { examples?: Record<string, { value: Json }> } | undefined)?.examples ?? {}) as Record<string, { value: Json }>;
  const block = (title: string, key: string, what: string): ExampleBlock =>
    examples[key]
      ? { title, text: readableJson(examples[key]!.value), omitted: false }
      : { title, text: `Not spelled out: the ${what} holds more than 2,048 values; the schema gives each tensor's shape.`, omitted: true };
  const base = `/v2/models/${encodeURIComponent(api.name)}`;
  const request = examples.InferenceRequest?.value as { inputs: { name: string; shape: number[]; data: Json[] }[] } | undefined;
  const clientArg = request
    ? jsLiteral(Object.fromEntries(request.inputs.map((t) => [t.name, { shape: t.shape, data: t.data }])))
    : `{ /* ${commentText(api.inputs.map((t) => t.name).join(', '))}: too large to spell out here */ }`;
  const pkg = defaultPackageName(api.name, 'v2');
  return {
    title: `${api.name}: Open Inference Protocol (KServe V2)`,
    protocol: 'Open Inference Protocol (KServe V2)',
    modelName: api.name,
    tensorflowVersion: api.tensorflowVersion || 'unknown',
    signatures: [
      {
        id: 'signature-1',
        key: api.signature,
        isDefault: api.signature === 'serving_default',
        endpoints: ':infer',
        purpose:
          'POST …/infer: named tensors in ({name, shape, datatype, data}), named tensors out. A V2 server (Triton, with the TensorFlow backend) serves this one signature.',
        inputs: api.inputs.map(row),
        outputs: api.outputs.map(row),
        examples: [block('POST …/infer', 'InferenceRequest', 'request'), block('its answer', 'InferenceResponse', 'response')],
        curl: [
          `# A V2 server on this machine (Triton's HTTP port 8000); request.json holds the body shown above`,
          `curl -X POST -H 'Content-Type: application/json' -d @request.json ${shellWord(`http://localhost:8000${base}/infer`)}`,
          `# A KServe InferenceService (protocolVersion: v2) behind the cluster ingress: the Host header routes it`,
          `SERVICE_HOSTNAME=$(kubectl get inferenceservice ${shellWord(api.name.toLowerCase())} -n "$NAMESPACE" -o jsonpath='{.status.url}' | cut -d/ -f3)`,
          `curl -X POST -H "Host: $SERVICE_HOSTNAME" -H 'Content-Type: application/json' -d @request.json "http://$INGRESS_HOST:$INGRESS_PORT"${shellWord(`${base}/infer`)}`,
        ].join('\n'),
        client: [
          `// npx tf2openapi client <model> --protocol v2 -o ./client   (then npm install ./client)`,
          `import { createClient } from ${jsLiteral(pkg)};`,
          `const client = createClient({ baseUrl: 'http://localhost:8000' });`,
          `const outputs = await client.infer(${clientArg});`,
        ].join('\n'),
      },
    ],
    skipped: api.skipped,
    urls: [
      { pattern: `POST ${base}/infer`, what: 'inference (or /versions/N/infer)' },
      { pattern: `GET ${base}`, what: 'model metadata: its inputs and outputs (or /versions/N)' },
      { pattern: `GET ${base}/ready`, what: 'whether the model is ready' },
      { pattern: 'GET /v2/health/live, GET /v2/health/ready', what: 'server liveness and readiness' },
      { pattern: 'GET /v2', what: 'server metadata (name, version, extensions)' },
    ],
    urlsNote: "A V2 server serves one signature per model; the URLs below are the protocol's, as KServe documents them.",
    statusTitle: `GET ${base}/ready`,
    status: readableJson({ name: api.name, ready: true }),
    metadataTitle: `GET ${base}`,
    metadata: examples.ModelMetadata ? abbreviate(examples.ModelMetadata.value) : '',
  };
}
