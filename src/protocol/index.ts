// The protocols tf2openapi knows, by id.
import { Tf2OpenApiError } from '../errors.js';
import type { Protocol } from './protocol.js';
import { tfserving } from './tfserving/index.js';

export const PROTOCOLS: Readonly<Record<string, Protocol>> = { [tfserving.id]: tfserving as unknown as Protocol };
export const DEFAULT_PROTOCOL = tfserving.id;

export function protocolFor(id: string = DEFAULT_PROTOCOL): Protocol {
  const p = Object.hasOwn(PROTOCOLS, id) ? PROTOCOLS[id] : undefined;
  if (!p) throw new Tf2OpenApiError('USAGE', `unknown protocol ${JSON.stringify(id)}; protocols: ${Object.keys(PROTOCOLS).join(', ')}`);
  return p;
}
export { tfserving };
export type { Protocol, Problem, ApiChange, DescribeOptions } from './protocol.js';
