// KServe V2 (the Open Inference Protocol) as a protocol record.
import type { Protocol } from '../protocol.js';
import { checkV2 } from './runtime/check.js';
import { describeV2, V2_PROTOCOL, V2_PROTOCOL_ID, type V2Api } from './describe.js';
import { diffV2 } from './diff.js';
import { buildV2Document } from './document.js';

export const kserveV2: Protocol<V2Api> = {
  id: V2_PROTOCOL_ID,
  title: V2_PROTOCOL,
  endpoints: ['infer'],
  oneSignature: true,
  describe: describeV2,
  check: (body, api) => checkV2(body, api),
  diff: diffV2,
  warnings: (api) =>
    api.skipped.length
      ? [`V2 serves signature ${JSON.stringify(api.signature)} only; left out: ${api.skipped.map((s) => JSON.stringify(s.key)).join(', ')}`]
      : [],
  document: buildV2Document,
  requestComponent: () => 'InferenceRequest',
  fromDocument(extension) {
    const api = (extension as { api?: V2Api } | undefined)?.api;
    return api && typeof api === 'object' && typeof api.name === 'string' && Array.isArray(api.inputs) && Array.isArray(api.outputs) ? api : undefined;
  },
};
