// A TensorFlow Serving stand-in for the client tests, on loopback: checks each request with the
// project's TF Serving checker and answers with bodies shaped as TF Serving writes them, including
// the bare NaN token and an int64 beyond 2^53.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateText } from '../src/jobs/validate.js';
import { concreteShape, exampleTensor, metadataResponse, statusResponse, type Json } from '../src/protocol/tfserving/examples.js';
import { instanceShape, type Method, type ModelApi, type SignatureApi, type TensorJson } from '../src/protocol/tfserving/describe.js';

export const BIG_INT64 = '9007199254740993'; // 2^53 + 1: not a JS number

export interface TfServingStandIn {
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders; body: string }[];
  delayMs: number;
  close(): Promise<void>;
}

/** Output tensor values with a NaN and a big int64 where the dtype allows, as raw JSON text. */
function tensorText(t: TensorJson, shape: number[] | null, batch: number): string {
  let text = JSON.stringify(exampleTensor(t.value, concreteShape(shape, batch)));
  if (t.value.kind === 'number') text = text.replace(/0\.5/, 'NaN');
  if (t.value.kind === 'integer' && t.value.beyondSafe) text = text.replace(/\d+/, BIG_INT64);
  return text;
}

function predictAnswer(sig: SignatureApi, body: Record<string, unknown>): string {
  const single = sig.outputs.length === 1;
  const named = (f: (t: TensorJson) => string) =>
    single ? f(sig.outputs[0]!) : `{${sig.outputs.map((t) => `${JSON.stringify(t.alias)}: ${f(t)}`).join(', ')}}`;
  if ('instances' in body) {
    const n = (body.instances as unknown[]).length;
    return `{"predictions": [${Array.from({ length: n }, () => named((t) => tensorText(t, instanceShape(t.shape), 1))).join(', ')}]}`;
  }
  return `{"outputs": ${named((t) => tensorText(t, t.shape, 2))}}`;
}

export async function startTfServing(api: ModelApi): Promise<TfServingStandIn> {
  const state: TfServingStandIn = { url: '', requests: [], delayMs: 0, close: async () => {} };
  const prefix = `/v1/models/${encodeURIComponent(api.name)}`;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    state.requests.push({ path: req.url!, headers: req.headers, body });
    // A client in another process asks for a slow answer with x-test-delay-ms.
    const delay = state.delayMs || Number(req.headers['x-test-delay-ms'] ?? 0);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const send = (code: number, text: string) => res.writeHead(code, { 'content-type': 'application/json' }).end(text);
    const m = /^(.*?)(?::(predict|classify|regress)|\/metadata)?$/.exec(req.url!.slice(prefix.length));
    if (!req.url!.startsWith(prefix) || !m || !/^(\/versions\/\d+|\/labels\/[^/:]+)?$/.test(m[1]!))
      return send(404, JSON.stringify({ error: `Servable not found for request: ${req.url}` }));
    if (req.url!.endsWith('/metadata')) return send(200, JSON.stringify(metadataResponse(api, '1')));
    const method = m[2] as Method | undefined;
    if (!method) return send(200, JSON.stringify(statusResponse('1')));
    // Refuses what TF Serving refuses; contract warnings pass, as they do there.
    const checked = validateText(body, api, method);
    const errors = checked.problems.filter((p) => p.level === 'error');
    if (errors.length) return send(400, JSON.stringify({ error: errors.map((p) => `${p.pointer}: ${p.message}`).join('; ') }));
    const sig = api.signatures.find((s) => s.key === checked.signature)!;
    const parsed = JSON.parse(body.replace(/\bNaN\b|-?Infinity/g, '0')) as Record<string, Json>;
    if (method === 'predict') return send(200, predictAnswer(sig, parsed));
    const n = (parsed.examples as unknown[]).length;
    return send(
      200,
      method === 'classify' ? `{"results": [${Array(n).fill('[["0", 0.25], ["1", NaN]]').join(', ')}]}` : `{"results": [${Array(n).fill('1.5').join(', ')}]}`,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
