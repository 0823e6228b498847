// A KServe V2 (Open Inference Protocol) server for one model, as a pure function from an HTTP
// request to its answer: the protocol's endpoints (server metadata, live, ready, model metadata and
// readiness, infer, with or without /versions/N), `{"error": …}` bodies, 404 for an unknown model
// ("Model with name … does not exist.", KServe's ModelNotFound) or version, and 400 for a request
// the project's V2 checker refuses. Answers are synthesised per output and batch, deterministic for
// a seed. Binary tensor data is not answered in binary: outputs come back as JSON.
import { modelMetadata } from './describe.js';
import { elements, type V2Api, type V2Tensor } from './runtime/contract.js';
import { readV2 } from './runtime/check.js';
import { get, isObject, num, type JValue } from '../tfserving/runtime/json.js';
import { rng } from '../../util/rng.js';

export interface V2MockOptions {
  seed?: number;
  /** The version served (default: the model's, else 1). */
  version?: string;
}

export interface V2MockAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const MODEL_PATH = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?(\/ready|\/infer)?$/;
export const MAX_V2_ANSWER_VALUES = 16_000_000;

const answer = (status: number, body: unknown): V2MockAnswer => ({ status, headers: JSON_HEADERS, body: JSON.stringify(body) });

function value(t: V2Tensor, r: () => number, i: number): string {
  switch (t.datatype) {
    case 'BOOL':
      return r() < 0.5 ? 'true' : 'false';
    case 'BYTES':
      return JSON.stringify(`output ${i}`);
    case 'FP16':
    case 'BF16':
    case 'FP32':
    case 'FP64':
      return String(Math.round((r() * 2 - 1) * 1e4) / 1e4);
    case 'INT64':
    case 'UINT64': {
      const u = (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32));
      return String(t.datatype === 'UINT64' ? u : BigInt.asIntN(64, u));
    }
    default:
      return String(Math.floor(r() * 100));
  }
}

export function mockV2(api: V2Api, opts: V2MockOptions = {}): (method: string, path: string, body: string) => V2MockAnswer {
  const version = opts.version ?? api.version ?? '1';
  const seed = opts.seed ?? 1;
  const metadata = modelMetadata(api, version);
  return (method, path, body) => {
    const url = path.split('?')[0]!;
    if (method === 'GET' && url === '/v2') return answer(200, { name: 'tf2openapi-mock', version: '2', extensions: [] });
    if (method === 'GET' && url === '/v2/health/live') return answer(200, { live: true });
    if (method === 'GET' && url === '/v2/health/ready') return answer(200, { ready: true });
    const m = MODEL_PATH.exec(url);
    if (!m) return answer(404, { error: `no V2 endpoint at ${method} ${url}` });
    const name = decodeURIComponent(m[1]!);
    if (name !== api.name) return answer(404, { error: `Model with name ${name} does not exist.` });
    if (m[2] !== undefined && decodeURIComponent(m[2]) !== version)
      return answer(404, { error: `Model ${name} has no version ${decodeURIComponent(m[2])} (serving ${version}).` });
    const verb = m[3];
    if (verb === undefined) return method === 'GET' ? answer(200, metadata) : answer(405, { error: `${method} is not allowed here` });
    if (verb === '/ready') return method === 'GET' ? answer(200, { name, ready: true }) : answer(405, { error: `${method} is not allowed here` });
    if (method !== 'POST') return answer(405, { error: `${method} is not allowed here: infer takes POST` });
    // Errors are all the mock answers with: warnings need not be read exactly.
    const { value: parsed, result } = readV2(body, api, { exactWarnings: false });
    if (parsed === undefined) return answer(400, { error: result.problems[0]!.message });
    const errors = result.problems.filter((p) => p.level === 'error');
    if (errors.length) return answer(400, { error: errors.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; ') });
    const request = parsed as Extract<JValue, { kind: 'object' }>;
    // The batch: dimension 0 of the first input whose signature leaves it open.
    let batch = 1;
    const inputs = get(request, 'inputs') as JValue[];
    for (const item of inputs) {
      if (!isObject(item)) continue;
      const t = api.inputs.find((x) => x.name === get(item, 'name'));
      const shape = get(item, 'shape');
      if (t?.shape?.[0] === -1 && Array.isArray(shape) && shape.length) {
        batch = num(shape[0] as number).value;
        break;
      }
    }
    const wanted = get(request, 'outputs');
    const names = Array.isArray(wanted)
      ? wanted.map((o) => (isObject(o) ? get(o, 'name') : undefined)).filter((n): n is string => typeof n === 'string')
      : undefined;
    const outputs = api.outputs.filter((t) => !names || names.includes(t.name));
    const shapes = outputs.map((t) => (t.shape === null ? [batch] : t.shape.map((d, i) => (d >= 0 ? d : i === 0 ? batch : 1))));
    const total = shapes.reduce((n, s) => n + elements(s), 0);
    if (total > MAX_V2_ANSWER_VALUES)
      return answer(500, { error: `tf2openapi's mock does not synthesise answers of more than ${MAX_V2_ANSWER_VALUES} values (this one: ${total})` });
    const id = get(request, 'id');
    const r = rng(seed ^ body.length);
    let text = `{"model_name": ${JSON.stringify(api.name)}, "model_version": ${JSON.stringify(version)}${typeof id === 'string' ? `, "id": ${JSON.stringify(id)}` : ''}, "outputs": [`;
    outputs.forEach((t, k) => {
      text += `${k ? ', ' : ''}{"name": ${JSON.stringify(t.name)}, "datatype": ${JSON.stringify(t.datatype)}, "shape": ${JSON.stringify(shapes[k])}, "data": [`;
      const n = elements(shapes[k]!);
      for (let i = 0; i < n; i++) text += (i ? ', ' : '') + value(t, r, i);
      text += ']}';
    });
    return { status: 200, headers: JSON_HEADERS, body: `${text}]}` };
  };
}
