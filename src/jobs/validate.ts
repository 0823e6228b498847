// `tf2openapi validate`: will the server accept this request body for this model, and does it fit
// the signature? Errors are what the server refuses, warnings what the signature contradicts.
import { readFile } from 'node:fs/promises';
import { Tf2OpenApiError } from '../errors.js';
import { protocolFor, type Problem, type Protocol } from '../protocol/index.js';
import type { ProtocolApi } from '../protocol/protocol.js';
import { isSpecPath, readSpec } from './spec-input.js';
import { loadModel, type LoadOptions } from '../savedmodel/load-model.js';

export interface ValidateOptions extends LoadOptions {
  /** The endpoint the request is sent to (TF Serving: predict, classify or regress). */
  api?: string;
  signature?: string;
  tags?: string[];
  /** Serving protocol id (default: TF Serving's REST API). */
  protocol?: string;
  /** Where `-` reads from (default: the process's standard input). */
  stdin?: () => Promise<string>;
}

export interface Validation {
  api: string;
  signature: string;
  problems: Problem[];
}

/** Checks request text against a model: pure, for callers that already hold both. */
export function validateText<Api extends ProtocolApi>(
  text: string,
  api: Api,
  method: string,
  signature?: string,
  protocol: Protocol<Api> = protocolFor() as unknown as Protocol<Api>,
): Validation {
  return { api: method, ...protocol.check(text, api, method, signature) };
}

export async function validate(location: string, request: string, opts: ValidateOptions = {}): Promise<Validation> {
  let text: string;
  try {
    text = request === '-' || request === '' ? await (opts.stdin ?? readStdin)() : (await readFile(request)).toString('utf8'); // one flat string: fs's utf8 decoding goes chunk by chunk
  } catch (e) {
    throw new Tf2OpenApiError(
      'BAD_INPUT',
      `${request}: cannot read the request: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  if (isSpecPath(location)) return validateWithSpec(location, text, opts.api, opts.signature);
  const protocol = protocolFor(opts.protocol);
  const method = opts.api ?? protocol.endpoints[0]!;
  const { model } = await loadModel(location, { ...opts, exampleFeatures: method !== 'predict' });
  const api = protocol.describe(model, {
    name: 'model',
    ...(opts.tags ? { tags: opts.tags } : {}),
    // -s picks the one signature a V2 server serves; for TF Serving it stands in for signature_name.
    ...(protocol.oneSignature && opts.signature !== undefined ? { signature: opts.signature } : {}),
  });
  return validateText(text, api, method, opts.signature, protocol);
}

/**
 * From an OpenAPI document instead of a model: tf2openapi's own documents carry the protocol model
 * (x-tf2openapi) and get the full check; any other document's request schema is applied with ajv.
 */
async function validateWithSpec(file: string, text: string, endpoint: string | undefined, signature?: string): Promise<Validation> {
  const { doc, api, protocol } = await readSpec(file);
  const method = endpoint ?? protocol.endpoints[0]!;
  if (api) return validateText(text, api, method, signature, protocol);
  const component = protocol.requestComponent(method);
  if (!doc.components?.schemas?.[component])
    throw new Tf2OpenApiError('BAD_INPUT', `${file}: has no components.schemas.${component} to check a ${method} request against`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { api: method, signature: '', problems: [{ level: 'error', rule: 'parse', pointer: '', message: `not JSON: ${(e as Error).message}` }] };
  }
  // A foreign document states a contract, not the server's rules: what it refuses is all we know.
  // ajv only here: a model or a tf2openapi document never needs it.
  const { schemaValidator } = await import('../openapi/schema-validator.js');
  const problems = schemaValidator(doc)
    .problems(component, body)
    .map((p): Problem => ({ level: 'error', rule: 'schema', ...p }));
  return { api: method, signature: signature ?? '', problems };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
