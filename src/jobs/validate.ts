// `tf2openapi validate`: is this request body one TF Serving will accept for this model?
import { readFile } from 'node:fs/promises';
import { Tf2OpenApiError } from '../errors.js';
import { JsonSyntaxError, parseJson } from '../protocol/parse-json.js';
import { checkRequest, type Problem } from '../protocol/tfserving-check.js';
import { describeModelApi, type Method } from '../protocol/tfserving-rest.js';
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
export function validateText(text: string, api: ReturnType<typeof describeModelApi>, method: Method, signature?: string): Validation {
  let body;
  try {
    body = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { api: method, signature: '', problems: [{ pointer: '', message: `not JSON: ${e.message}` }] };
    throw e;
  }
  return { api: method, ...checkRequest(body, api, method, signature) };
}

export async function validate(location: string, request: string, opts: ValidateOptions = {}): Promise<Validation> {
  let text: string;
  try {
    text = request === '-' || request === '' ? await readStdin() : await readFile(request, 'utf8');
  } catch (e) {
    throw new Tf2OpenApiError('BAD_INPUT', `${request}: cannot read the request: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const { model } = await loadModel(location, { ...opts, exampleFeatures: opts.api !== undefined && opts.api !== 'predict' });
  const api = describeModelApi(model, { name: 'model', ...(opts.tags ? { tags: opts.tags } : {}) });
  return validateText(text, api, opts.api ?? 'predict', opts.signature);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
