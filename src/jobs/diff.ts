// `tf2openapi diff`: the compatibility gate. Either side is a model or a spec tf2openapi wrote (a
// committed spec is the usual "old" side in CI); only the protocol views are compared.
import { Tf2OpenApiError } from '../errors.js';
import { formatChanges, isBreaking } from '../protocol/changes.js';
import { protocolFor, type ApiChange } from '../protocol/index.js';
import type { ProtocolApi } from '../protocol/protocol.js';
import type { RemoteOptions } from '../source/remote/options.js';
import { loadForSpec } from './generate.js';
import { isSpecPath, readSpec } from './spec-input.js';

export interface DiffOptions {
  tags?: string[];
  /** Serving protocol id for models (a document names its own). */
  protocol?: string;
  /** Compare this signature only (for V2, the one the server serves). */
  signature?: string;
  remote?: RemoteOptions;
}

export interface DiffResult {
  changes: ApiChange[];
  breaking: boolean;
  text: string;
}

export async function apiOf(location: string, opts: DiffOptions = {}): Promise<{ api: ProtocolApi; protocol: string }> {
  if (isSpecPath(location)) {
    const { api, protocol } = await readSpec(location);
    if (!api)
      throw new Tf2OpenApiError(
        'BAD_INPUT',
        `${location}: not written by tf2openapi (no x-tf2openapi extension), so it does not say what the model serves; give the model instead`,
      );
    return { api: opts.signature === undefined ? api : only(api, opts.signature, location), protocol: protocol.id };
  }
  const protocol = protocolFor(opts.protocol);
  const { model } = await loadForSpec(location, opts.remote ? { remote: opts.remote } : {});
  const api = protocol.describe(model, {
    name: 'model',
    ...(opts.tags ? { tags: opts.tags } : {}),
    ...(opts.signature !== undefined ? { signature: opts.signature } : {}),
  });
  return { api, protocol: protocol.id };
}

/** A spec's view narrowed to one signature, as describing the model with -s would give it. */
function only(api: ProtocolApi, key: string, location: string): ProtocolApi {
  const signatures = api.signatures.filter((s) => s.key === key);
  if (signatures.length === 0)
    throw new Tf2OpenApiError(
      'NO_SUCH_SIGNATURE',
      `${location}: describes no signature ${JSON.stringify(key)}; it has ${api.signatures.map((s) => JSON.stringify(s.key)).join(', ') || 'none'}`,
    );
  return { ...api, signatures, skipped: api.skipped.filter((s) => s.key === key) };
}

export async function diff(before: string, after: string, opts: DiffOptions = {}): Promise<DiffResult> {
  const [a, b] = await Promise.all([apiOf(before, opts), apiOf(after, opts)]);
  if (a.protocol !== b.protocol)
    throw new Tf2OpenApiError('USAGE', `${before} describes ${a.protocol} and ${after} ${b.protocol}: compare one protocol with itself`);
  const changes = protocolFor(a.protocol).diff(a.api, b.api);
  return { changes, breaking: isBreaking(changes), text: formatChanges(changes) };
}
