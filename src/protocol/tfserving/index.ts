// TensorFlow Serving's REST API v1 as a protocol record: the one way jobs reach it.
import type { Protocol } from '../protocol.js';
import { describeModelApi, PROTOCOL, PROTOCOL_ID, type Method, type ModelApi } from './describe.js';
import { diffApis } from './diff.js';
import { requestComponent } from './openapi/components.js';
import { buildDocument } from './openapi/document.js';
import { checkRequest } from './runtime/check.js';

const ENDPOINTS = ['predict', 'classify', 'regress'] as const;

export const tfserving: Protocol<ModelApi> = {
  id: PROTOCOL_ID,
  title: PROTOCOL,
  endpoints: ENDPOINTS,
  oneSignature: false,
  describe: describeModelApi,
  check: (body, api, endpoint, signature) => checkRequest(body, api, endpoint as Method, signature),
  diff: diffApis,
  warnings(api) {
    const out = api.skipped.map((s) => `signature ${JSON.stringify(s.key)} left out: ${s.reason}`);
    // A signature that declares classify/regress but cannot run there stays on :predict only.
    for (const s of api.signatures)
      for (const m of ['classify', 'regress'] as const)
        if (s.methodName === `tensorflow/serving/${m}` && !s.endpoints.includes(m))
          out.push(`signature ${JSON.stringify(s.key)} is not offered on :${m}: ${s.ineligible?.[m]}; it stays reachable on :predict with signature_name`);
    return out;
  },
  document: buildDocument,
  requestComponent: (endpoint) => requestComponent(endpoint as Method),
  fromDocument(extension) {
    const api = (extension as { api?: ModelApi } | undefined)?.api;
    if (typeof api !== 'object' || api === null || !Array.isArray(api.signatures) || typeof api.name !== 'string') return undefined;
    return { ...api, all: [] };
  },
};
