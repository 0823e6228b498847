// What the docs page shows of a model, as plain text: the template renders it with HTML escaping on,
// so no model string reaches the page unescaped. Organised as a person meets a model: one section
// per servable signature, then the URL variants, metadata and status once.
import { INT_RANGES, servedOn, type JsonValue, type Method, type ModelApi, type SignatureApi, type TensorJson } from '../../protocol/tfserving/describe.js';
import {
  classifyResponse,
  examplesExample,
  metadataResponse,
  predictExample,
  regressResponse,
  statusResponse,
  type BodyExample,
  type Json,
} from '../../protocol/tfserving/examples.js';
import { defaultPackageName, exampleArg } from '../client/model.js';
import { commentText, jsLiteral } from '../client/escape.js';

export interface TensorRow {
  alias: string;
  dtype: string;
  shape: string;
  json: string;
}

export interface ExampleBlock {
  title: string;
  /** JSON text, or the sentence saying why it is not spelled out. */
  text: string;
  omitted: boolean;
}

export interface SignatureSection {
  id: string;
  key: string;
  isDefault: boolean;
  endpoints: string;
  purpose: string;
  inputs: TensorRow[];
  outputs: TensorRow[];
  features?: { name: string; dtype: string; kind: string; shape: string; required: string }[];
  examples: ExampleBlock[];
  curl: string;
  client: string;
}

export interface DocsView {
  title: string;
  /** The protocol, as the page's subtitle. */
  protocol: string;
  modelName: string;
  tensorflowVersion: string;
  signatures: SignatureSection[];
  skipped: { key: string; reason: string }[];
  urls: { pattern: string; what: string }[];
  urlsNote: string;
  statusTitle: string;
  status: string;
  metadataTitle: string;
  metadata: string;
}

/** The JSON one element of a tensor takes, as TF Serving reads and writes it. */
export function jsonDescription(v: JsonValue): string {
  switch (v.kind) {
    case 'number':
      return 'number (NaN, Infinity, -Infinity allowed)';
    case 'integer': {
      // The exact bounds: the contract's min/max are doubles, which cannot hold 2^63 - 1.
      const [lo, hi] = INT_RANGES[v.dtype] ?? [BigInt(v.min), BigInt(v.max)];
      return `integer in [${lo}, ${hi}]${v.beyondSafe ? ', exact as written' : ''}`;
    }
    case 'boolean':
      return 'true or false';
    case 'string':
      return v.bytesOnly ? '{"b64": "<base64>"} (binary: the alias ends in _bytes)' : 'string, or {"b64": "<base64>"} for binary';
  }
}

/** A shape in a tensor table: unknown dimensions said as such. */
export const shapeCell = (shape: number[] | null): string =>
  shape === null ? 'unknown rank' : `[${shape.map((d) => (d === -1 ? '-1 (any)' : String(d))).join(', ')}]`;

const tensorRow = (t: TensorJson): TensorRow => ({ alias: t.alias, dtype: t.dtype, shape: shapeCell(t.shape), json: jsonDescription(t.value) });

/** JSON indented by object, with arrays of scalars kept on one line: a tensor reads as rows. */
export function readableJson(v: Json, indent = ''): string {
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${v.map((x) => inner + readableJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${readableJson(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

const pretty = (b: BodyExample | undefined): Pick<ExampleBlock, 'text' | 'omitted'> =>
  b?.value !== undefined ? { text: readableJson(b.value), omitted: false } : { text: b?.omitted ?? '', omitted: true };

/** A word for the shell, single-quoted. */
export const shellWord = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const PURPOSE: Record<Method, string> = {
  predict: 'tensors in, tensors out',
  classify: 'tf.Examples in, (label, score) pairs out',
  regress: 'tf.Examples in, one value per example out',
};

function curlFor(api: ModelApi, method: Method, key: string): string {
  const path = `/v1/models/${encodeURIComponent(api.name)}:${method}`;
  return [
    `# TF Serving (REST port 8501); request.json holds a body shown above`,
    `curl -X POST -H 'Content-Type: application/json' -d @request.json ${shellWord(`http://localhost:8501${path}`)}`,
    `# A KServe InferenceService (or KFService) behind the cluster ingress: the Host header routes it`,
    `SERVICE_HOSTNAME=$(kubectl get inferenceservice ${shellWord(api.name.toLowerCase())} -n "$NAMESPACE" -o jsonpath='{.status.url}' | cut -d/ -f3)`,
    `curl -X POST -H "Host: $SERVICE_HOSTNAME" -H 'Content-Type: application/json' -d @request.json "http://$INGRESS_HOST:$INGRESS_PORT"${shellWord(path)}`,
    ...(key === 'serving_default' ? [] : [`# the body names the signature: "signature_name": ${JSON.stringify(key)}`]),
  ].join('\n');
}

function clientSnippet(api: ModelApi, sig: SignatureApi, method: Method): string {
  const head = [
    `// npx tf2openapi client <model> -o ./client   (then npm install ./client)`,
    `import { createClient } from ${jsLiteral(defaultPackageName(api.name))};`,
    `const client = createClient({ baseUrl: 'http://localhost:8501' });`,
  ];
  if (method !== 'predict') return [...head, `const results = await client.${method}(${jsLiteral(sig.key)}, [/* tf.Examples */]);`].join('\n');
  const arg = (form: 'row request' | 'columnar request', what: string) => {
    const a = exampleArg(sig, form);
    return 'value' in a ? jsLiteral(a.value) : `${what} /* ${commentText(a.tooLarge)} */`;
  };
  return [
    ...head,
    ...(sig.rowFormat && sig.rowResponse ? [`const rows = await client.predict(${jsLiteral(sig.key)}, ${arg('row request', 'instances')});`] : []),
    `const columns = await client.predictColumns(${jsLiteral(sig.key)}, ${arg('columnar request', 'inputs')});`,
  ].join('\n');
}

export function docsView(api: ModelApi): DocsView {
  // The default signature first, as a reader looks for it; the rest as the model lists them.
  const ordered = [...api.signatures].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  const signatures = ordered.map((sig, i): SignatureSection => {
    const methods = sig.endpoints;
    const main: Method = methods.includes('classify') ? 'classify' : methods.includes('regress') ? 'regress' : 'predict';
    const examples: ExampleBlock[] = [];
    if (methods.includes('predict')) {
      if (sig.rowFormat && sig.rowResponse) {
        examples.push({ title: 'POST :predict, row format (instances)', ...pretty(predictExample(sig, 'row request')) });
        examples.push({ title: 'its answer (predictions)', ...pretty(predictExample(sig, 'row response')) });
      }
      examples.push({ title: 'POST :predict, columnar format (inputs)', ...pretty(predictExample(sig, 'columnar request')) });
      examples.push({ title: 'its answer (outputs)', ...pretty(predictExample(sig, 'columnar response')) });
    }
    for (const m of ['classify', 'regress'] as const)
      if (methods.includes(m)) {
        examples.push({ title: `POST :${m} (tf.Examples)`, ...pretty(examplesExample(sig)) });
        examples.push({ title: 'its answer (results)', text: readableJson(m === 'classify' ? classifyResponse() : regressResponse()), omitted: false });
      }
    return {
      id: `signature-${i + 1}`,
      key: sig.key,
      isDefault: sig.isDefault,
      endpoints: methods.map((m) => `:${m}`).join(', '),
      purpose: `${methods.map((m) => `:${m}: ${PURPOSE[m]}`).join('; ')}. Method name in the SavedModel: ${sig.methodName || '(none)'}.`,
      inputs: sig.inputs.map(tensorRow),
      outputs: sig.outputs.map(tensorRow),
      ...(sig.features
        ? {
            features: sig.features.map((f) => ({
              name: f.name,
              dtype: f.dtype,
              kind: f.kind,
              shape: f.shape ? `[${f.shape.join(', ')}]` : '',
              required: f.required ? 'yes' : 'no',
            })),
          }
        : {}),
      examples,
      curl: curlFor(api, main, sig.key),
      client: clientSnippet(api, sig, main),
    };
  });
  const base = `/v1/models/${encodeURIComponent(api.name)}`;
  const version = api.version ?? '1';
  return {
    title: `${api.name}: TensorFlow Serving REST API`,
    protocol: 'TensorFlow Serving REST API',
    modelName: api.name,
    tensorflowVersion: api.tensorflowVersion || 'unknown',
    signatures,
    skipped: api.skipped,
    urls: [
      { pattern: `POST ${base}:predict (or :classify, :regress)`, what: 'the latest version' },
      { pattern: `POST ${base}/versions/${version}:predict`, what: 'one version, by number' },
      { pattern: `POST ${base}/labels/stable:predict`, what: 'the version a label points to (labels are set in the model config)' },
      { pattern: `GET ${base}`, what: 'status of every loaded version (or /versions/N for one)' },
      { pattern: `GET ${base}/metadata`, what: 'the signature_def map (or /versions/N/metadata)' },
    ],
    urlsNote: 'Every signature above is reached through the same URLs; a body names a signature other than serving_default with "signature_name".',
    statusTitle: 'GET status',
    status: readableJson(statusResponse(version)),
    metadataTitle: 'GET metadata',
    metadata: abbreviate(metadataResponse(api, version)),
  };
}

/** The metadata answer, cut at 4,000 characters: the sections above give every signature. */
export function abbreviate(m: Json): string {
  const text = readableJson(m);
  return text.length > 4000 ? `${text.slice(0, 4000)}\n… (${text.length.toLocaleString('en-US')} characters in all)` : text;
}
