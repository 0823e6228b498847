// Every option of the OpenAPI generator, defaulted in one place.
import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import { escapePointer } from '../protocol/tfserving/runtime/pointer.js';

export type OpenApiVersion = '3.0' | '3.1';
/** How examples are written: all values, bounded (the default), or none at all. */
export type ExampleMode = 'full' | 'compact' | 'none';
/** Where tf2openapi's documents carry the protocol's model, so that a document can stand for it. */
export const API_EXTENSION = 'x-tf2openapi';
export type Schema = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject | OpenAPIV3_1.SchemaObject;
export type Document = OpenAPIV3.Document | OpenAPIV3_1.Document;

export interface GenerateOptions {
  /** Model name in the URL: /v1/models/{name}. */
  name?: string;
  /** Adds the literal /v1/models/{name}/versions/{version}:predict path (the Go tool's output). */
  version?: string;
  /** Tag set of the meta graph to describe. */
  tags?: string[];
  /** Describe only this signature. */
  signature?: string;
  openapi?: OpenApiVersion;
  serverUrl?: string;
  /** Example bodies: all values, bounded to a readable size (default), or none. */
  examples?: ExampleMode;
}

export interface Context {
  name: string;
  version: string | undefined;
  tags: string[];
  signature: string | undefined;
  openapi: OpenApiVersion;
  serverUrl: string | undefined;
  examples: ExampleMode;
}

export function context(opts: GenerateOptions = {}): Context {
  return {
    name: opts.name ?? 'model',
    version: opts.version,
    tags: opts.tags ?? ['serve'],
    signature: opts.signature,
    openapi: opts.openapi ?? '3.0',
    serverUrl: opts.serverUrl,
    examples: opts.examples ?? 'compact',
  };
}

/** The model version a document states: -v, else the version directory read, else 1. */
export const specVersion = (api: { version?: string }) => api.version ?? '1';

export const ref = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${escapePointer(name)}` });

/** Model text inside a Markdown description: no HTML, no Markdown syntax, one line (never at a line's start, so '.' and '-' need no escape). */
export const markdownText = (text: string): string => text.replace(/[\u0000-\u001f\u2028\u2029]+/g, ' ').replace(/[\\`*_{}[\]()#+!|<>~&]/g, '\\$&');

/** Model text as inline code in a Markdown description: a backtick run longer than any inside; HTML in code spans is inert. */
export function markdownCode(text: string): string {
  const s = text.replace(/[\u0000-\u001f\u2028\u2029]+/g, ' ');
  const ticks = '`'.repeat(Math.max(1, ...(s.match(/`+/g) ?? []).map((r) => r.length + 1)));
  return `${ticks} ${s} ${ticks}`;
}
