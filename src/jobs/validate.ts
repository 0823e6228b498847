// `tf2openapi validate`: is this request body one TF Serving will accept for this model?
import { readFile } from 'node:fs/promises';
import { Tf2OpenApiError } from '../errors.js';
import { requestComponent } from '../protocol/tfserving/openapi/components.js';
import { schemaValidator } from '../openapi/schema-validator.js';
import { parseJson, toPlain } from '../protocol/tfserving/runtime/json.js';
import { checkRequest, RULE, type Problem } from '../protocol/tfserving/runtime/check.js';
import { describeModelApi, type Method, type ModelContract } from '../protocol/tfserving/describe.js';
import { isSpecPath, readSpec } from './spec-input.js';
import { loadModel, type LoadOptions } from '../savedmodel/load-model.js';

export interface ValidateOptions extends LoadOptions {
  api?: Method;
  signature?: string;
  tags?: string[];
}

export interface Validation {
  api: Method;
  signature: string;
  problems: Problem[];
}

/** Checks request text against a model: pure, for callers that already hold both. */
export function validateText(text: string, api: ModelContract, method: Method, signature?: string): Validation {
  return { api: method, ...checkRequest(text, api, method, signature) };
}

export async function validate(location: string, request: string, opts: ValidateOptions = {}): Promise<Validation> {
  let text: string;
  try {
    text = request === '-' || request === '' ? await readStdin() : await readFile(request, 'utf8');
  } catch (e) {
    throw new Tf2OpenApiError(
      'BAD_INPUT',
      `${request}: cannot read the request: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  const method = opts.api ?? 'predict';
  if (isSpecPath(location)) return validateWithSpec(location, text, method, opts.signature);
  const { model } = await loadModel(location, { ...opts, exampleFeatures: method !== 'predict' });
  const api = describeModelApi(model, { name: 'model', ...(opts.tags ? { tags: opts.tags } : {}) });
  return validateText(text, api, method, opts.signature);
}

/**
 * From an OpenAPI document instead of a model: tf2openapi's own documents carry the protocol model
 * (x-tf2openapi) and get the full check; any other document's request schema is applied with ajv.
 */
async function validateWithSpec(file: string, text: string, method: Method, signature?: string): Promise<Validation> {
  const { doc, api } = await readSpec(file);
  if (api) return validateText(text, api, method, signature);
  const component = requestComponent(method);
  if (!doc.components?.schemas?.[component])
    throw new Tf2OpenApiError('BAD_INPUT', `${file}: has no components.schemas.${component} to check a ${method} request against`);
  let body: unknown;
  try {
    body = toPlain(parseJson(text));
  } catch (e) {
    return { api: method, signature: '', problems: [{ level: 'error', rule: RULE.PARSE, pointer: '', message: `not JSON: ${(e as Error).message}` }] };
  }
  // A foreign document states a contract, not the server's rules: what it refuses is all we know.
  const problems = schemaValidator(doc)
    .problems(component, body)
    .map((p): Problem => ({ level: 'error', rule: RULE.SCHEMA, ...p }));
  return { api: method, signature: signature ?? '', problems };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
