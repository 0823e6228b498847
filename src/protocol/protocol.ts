// The seam between a model's signatures and what is built from them: one record per serving
// protocol (TF Serving's REST API today, KServe V2 next), chosen by id. Jobs and the CLI reach a
// protocol only through this record, never through its modules.
import type { Context, Document } from '../openapi/context.js';
import type { SavedModel } from '../savedmodel/saved-model.js';

export interface DescribeOptions {
  name: string;
  version?: string;
  tags?: string[];
  /** Describe only this signature. */
  signature?: string;
}

/** One problem a protocol's check finds in a request body. */
export interface Problem {
  /** error: the server refuses it; warning: it accepts it, but the signature says otherwise. */
  level: 'error' | 'warning';
  /** A named rule of the protocol. */
  rule: string;
  pointer: string;
  message: string;
}

export interface ApiChange {
  severity: 'breaking' | 'compatible';
  signature: string;
  where: string;
  message: string;
}

/** What every protocol's view of a model has; the rest is the protocol's own. */
export interface ProtocolApi {
  name: string;
  signatures: { key: string }[];
  skipped: { key: string; reason: string }[];
}

export interface Protocol<Api extends ProtocolApi = ProtocolApi> {
  id: string;
  title: string;
  /** The endpoints a request can be checked for (`validate --api`). */
  endpoints: readonly string[];
  /** A server of this protocol serves one signature, chosen when it is described (KServe V2); else a
   * request names its signature among all the model's (TF Serving's signature_name). */
  oneSignature: boolean;
  describe(model: SavedModel, opts: DescribeOptions): Api;
  check(body: string, api: Api, endpoint: string, signature?: string): { signature: string; problems: Problem[] };
  diff(before: Api, after: Api): ApiChange[];
  /** Warnings worth printing when a document is generated (signatures left out, endpoints withheld). */
  warnings(api: Api): string[];
  document(api: Api, ctx: Context): Document;
  /** The component schema of an endpoint's requests, for documents another tool wrote. */
  requestComponent(endpoint: string): string;
  /** The protocol's view of a model back from a document this protocol wrote (x-tf2openapi). */
  fromDocument(extension: unknown): Api | undefined;
}
