// `tf2openapi diff`: the compatibility gate. Either side is a model or a spec tf2openapi wrote (a
// committed spec is the usual "old" side in CI); only the protocol views are compared.
import { Tf2OpenApiError } from '../errors.js';
import { diffApis, formatChanges, isBreaking, type ApiChange } from '../protocol/tfserving/diff.js';
import { describeModelApi, type ModelApi } from '../protocol/tfserving/describe.js';
import type { RemoteOptions } from '../source/remote/options.js';
import { loadForSpec } from './generate.js';
import { isSpecPath, readSpec } from './spec-input.js';

export interface DiffOptions {
  tags?: string[];
  remote?: RemoteOptions;
}

export interface DiffResult {
  changes: ApiChange[];
  breaking: boolean;
  text: string;
}

export async function apiOf(location: string, opts: DiffOptions = {}): Promise<ModelApi> {
  if (isSpecPath(location)) {
    const { api } = await readSpec(location);
    if (!api)
      throw new Tf2OpenApiError(
        'BAD_INPUT',
        `${location}: not written by tf2openapi (no x-tf2openapi extension), so it does not say what the model serves; give the model instead`,
      );
    return api;
  }
  const { model } = await loadForSpec(location, opts.remote ? { remote: opts.remote } : {});
  return describeModelApi(model, { name: 'model', ...(opts.tags ? { tags: opts.tags } : {}) });
}

export async function diff(before: string, after: string, opts: DiffOptions = {}): Promise<DiffResult> {
  const [a, b] = await Promise.all([apiOf(before, opts), apiOf(after, opts)]);
  const changes = diffApis(a, b);
  return { changes, breaking: isBreaking(changes), text: formatChanges(changes) };
}
