// An OpenAPI document given where a model is expected (`validate`, `diff`): tf2openapi's own
// documents carry the protocol model in their x-tf2openapi extension, so they stand for the model.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { Tf2OpenApiError } from '../errors.js';
import { API_EXTENSION, type Document } from '../openapi/context.js';
import { protocolFor, type Protocol } from '../protocol/index.js';
import type { ProtocolApi } from '../protocol/protocol.js';

export const isSpecPath = (location: string) => /\.(json|ya?ml)$/i.test(location);

export async function readSpec(file: string): Promise<{ doc: Document; api?: ProtocolApi; protocol: Protocol }> {
  let doc: Document & { [API_EXTENSION]?: { protocol?: string; api?: unknown } };
  try {
    doc = parse(await readFile(file, 'utf8'), { maxAliasCount: 100 });
  } catch (e) {
    throw new Tf2OpenApiError(
      'BAD_INPUT',
      `${file}: cannot read the OpenAPI document: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message.split('\n')[0]}`,
    );
  }
  if (typeof doc !== 'object' || doc === null || typeof doc.openapi !== 'string') throw new Tf2OpenApiError('BAD_INPUT', `${file}: not an OpenAPI document`);
  const extension = doc[API_EXTENSION];
  // Documents from before the protocol id was recorded are TF Serving's.
  const protocol = protocolFor(typeof extension?.protocol === 'string' ? extension.protocol : undefined);
  if (extension === undefined) return { doc, protocol };
  const api = protocol.fromDocument(extension);
  if (!api) throw new Tf2OpenApiError('BAD_INPUT', `${file}: its ${API_EXTENSION} extension is not one tf2openapi wrote`);
  return { doc, api, protocol };
}
