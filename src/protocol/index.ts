// The protocols tf2openapi knows, by id.
import { Tf2OpenApiError } from '../errors.js';
import type { Protocol } from './protocol.js';
import { tfserving } from './tfserving/index.js';
import { kserveV2 } from './v2/index.js';

export const PROTOCOLS: Readonly<Record<string, Protocol>> = {
  [tfserving.id]: tfserving as unknown as Protocol,
  [kserveV2.id]: kserveV2 as unknown as Protocol,
};
export const DEFAULT_PROTOCOL = tfserving.id;
/** The CLI's short names: --protocol v1 (TF Serving REST) and v2 (KServe V2). */
export const PROTOCOL_ALIASES: Readonly<Record<string, string>> = { v1: tfserving.id, v2: kserveV2.id };

export function protocolFor(id: string = DEFAULT_PROTOCOL): Protocol {
  if (Object.hasOwn(PROTOCOL_ALIASES, id)) id = PROTOCOL_ALIASES[id]!;
  const p = Object.hasOwn(PROTOCOLS, id) ? PROTOCOLS[id] : undefined;
  if (!p) throw new Tf2OpenApiError('USAGE', `unknown protocol ${JSON.stringify(id)}; protocols: ${Object.keys(PROTOCOLS).join(', ')}`);
  return p;
}
export { tfserving, kserveV2 };
export type { Protocol, Problem, ApiChange, DescribeOptions } from './protocol.js';
