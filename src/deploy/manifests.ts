// Kubernetes objects for a TensorFlow predictor with its OpenAPI specs attached: one ConfigMap per
// spec and the KFService / InferenceService that names them in annotations. Pure: builds objects.
import { gzipSync } from 'node:zlib';
import { Tf2OpenApiError } from '../errors.js';
import { sha256 } from '../util/hash.js';
import { API_VERSIONS, serviceKind, type ServiceApiVersion } from './api-versions.js';
import { kindOf, type SpecOptions } from './kinds.js';

export { API_VERSIONS, type ServiceApiVersion } from './api-versions.js';

/** Annotation keys on the service: a public interface, documented in the README. */
export const ANNOTATIONS = {
  defaultSpec: 'tf2openapi.io/default-spec-configmap',
  defaultSha: 'tf2openapi.io/default-spec-sha256',
  defaultModel: 'tf2openapi.io/default-model-uri',
  canarySpec: 'tf2openapi.io/canary-spec-configmap',
  canarySha: 'tf2openapi.io/canary-spec-sha256',
  canaryModel: 'tf2openapi.io/canary-model-uri',
} as const;
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'tf2openapi' };
export const SPEC_KEY = 'openapi.json';
/** Above this the spec is stored gzipped in binaryData; ConfigMaps are capped at 1 MiB in all. */
const GZIP_ABOVE = 256 * 1024;
const CONFIGMAP_LIMIT = 1024 * 1024 - 4096;

export interface Predictor {
  modelUri: string;
  /** The spec document as written to the ConfigMap. */
  spec: object;
}

/** A service: the kind's spec options, with each predictor's spec document and where it goes. */
export interface ServiceOptions extends Omit<SpecOptions, 'default' | 'canary'> {
  name: string;
  namespace?: string;
  apiVersion: ServiceApiVersion;
  default: Predictor;
  canary?: Predictor;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: object[] };
  [k: string]: unknown;
}

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** resource.Quantity's syntax (apimachinery quantity.go): sign, digits, then a decimal-SI, binary-SI or exponent suffix. */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;
const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkServiceOptions(o: ServiceOptions): void {
  const bad = (msg: string) => new Tf2OpenApiError('USAGE', msg);
  if (!DNS1035.test(o.name) || o.name.length > 45) {
    throw bad(
      `service name ${JSON.stringify(o.name)} is not valid: lower-case letters, digits and '-', starting with a letter, at most 45 characters (KServe appends suffixes up to 63)`,
    );
  }
  if (o.namespace !== undefined && (!DNS1123.test(o.namespace) || o.namespace.length > 63))
    throw bad(`namespace ${JSON.stringify(o.namespace)} is not a valid DNS-1123 label`);
  if (!(API_VERSIONS as readonly string[]).includes(o.apiVersion)) throw bad(`--api-version ${o.apiVersion} is not one of ${API_VERSIONS.join(', ')}`);
  if (o.protocolVersion === 'v2' && o.apiVersion !== 'serving.kserve.io/v1beta1')
    throw bad(`--protocol v2 needs --api-version serving.kserve.io/v1beta1: ${o.apiVersion} has no V2 (Open Inference Protocol)`);
  if (o.canaryPercent !== undefined) {
    if (!Number.isInteger(o.canaryPercent) || o.canaryPercent < 0 || o.canaryPercent > 100)
      throw bad(`--canary-percent ${o.canaryPercent} must be a whole number from 0 to 100`);
    if (!o.canary) throw bad('--canary-percent needs --canary <model URI>');
  }
  if (o.canary && o.canaryPercent === undefined) throw bad('--canary needs --canary-percent N: the share of traffic the canary takes');
  for (const [k, v] of [
    ['--min-replicas', o.minReplicas],
    ['--max-replicas', o.maxReplicas],
  ] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw bad(`${k} ${v} must be a whole number, 0 or more`);
  }
  if (o.minReplicas !== undefined && o.maxReplicas !== undefined && o.maxReplicas > 0 && o.maxReplicas < o.minReplicas)
    throw bad('--max-replicas is below --min-replicas');
  for (const [side, list] of Object.entries(o.resources ?? {}))
    for (const [resource, value] of Object.entries(list ?? {}))
      if (!QUANTITY.test(value))
        throw bad(`--${resource} ${JSON.stringify(value)} (${side}) is not a Kubernetes quantity: a number with an optional suffix, e.g. 500m, 1, 2Gi, 1.5G`);
}

/** Content-addressed: a new spec is a new ConfigMap, so a service never points at a half-updated one.
 * The kind's tag keeps a KFService's specs apart from an InferenceService of the same name. */
export const specConfigMapName = (service: string, kindTag: string, role: 'default' | 'canary', sha: string) =>
  `${service}-${kindTag}-openapi-${role}-${sha.slice(0, 10)}`;

/** The labels that select a service's spec ConfigMaps: service name and kind, never the name alone. */
export const specLabels = (service: string, kindTag: string) => ({ ...MANAGED_BY, 'tf2openapi.io/service': service, 'tf2openapi.io/service-kind': kindTag });
export const specSelector = (service: string, kindTag: string) => `tf2openapi.io/service=${service},tf2openapi.io/service-kind=${kindTag}`;

export function specConfigMap(o: ServiceOptions, role: 'default' | 'canary', p: Predictor): { object: KubeObject; sha: string } {
  return specConfigMapOf(o.name, kindOf(o.apiVersion).tag, o.namespace, role, p.modelUri, { text: JSON.stringify(p.spec) });
}

/** A spec ConfigMap from the spec's JSON text (or the stored payload of another one, for promote). */
export function specConfigMapOf(
  service: string,
  kindTag: string,
  namespace: string | undefined,
  role: 'default' | 'canary',
  modelUri: string,
  content: { text: string } | { stored: { data?: Record<string, string>; binaryData?: Record<string, string> }; sha: string },
): { object: KubeObject; sha: string } {
  const text = 'text' in content ? content.text : undefined;
  const sha = 'text' in content ? sha256(content.text) : content.sha;
  const name = specConfigMapName(service, kindTag, role, sha);
  if (text === undefined) {
    const { data, binaryData } = (content as { stored: { data?: Record<string, string>; binaryData?: Record<string, string> } }).stored;
    return {
      sha,
      object: configMapObject(name, service, kindTag, namespace, role, modelUri, sha, { ...(data ? { data } : {}), ...(binaryData ? { binaryData } : {}) }),
    };
  }
  let payload: Record<string, unknown>;
  if (Buffer.byteLength(text) <= GZIP_ABOVE) payload = { data: { [SPEC_KEY]: text } };
  else {
    const gz = gzipSync(text, { level: 9 }).toString('base64');
    if (gz.length > CONFIGMAP_LIMIT)
      throw new Tf2OpenApiError('LIMIT_EXCEEDED', `${modelUri}: the OpenAPI spec is ${gz.length} bytes gzipped, over the 1 MiB ConfigMap limit`);
    payload = { binaryData: { [`${SPEC_KEY}.gz`]: gz } };
  }
  return { sha, object: configMapObject(name, service, kindTag, namespace, role, modelUri, sha, payload) };
}

function configMapObject(
  name: string,
  service: string,
  kindTag: string,
  namespace: string | undefined,
  role: 'default' | 'canary',
  modelUri: string,
  sha: string,
  payload: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      labels: { ...specLabels(service, kindTag), 'tf2openapi.io/role': role },
      annotations: { [role === 'default' ? ANNOTATIONS.defaultModel : ANNOTATIONS.canaryModel]: modelUri, 'tf2openapi.io/spec-sha256': sha },
    },
    // Content-addressed, so never edited: the API server enforces it.
    immutable: true,
    ...payload,
  };
}

/** The labels tf2openapi keeps on a service (`kubectl get … -l tf2openapi.io/service=NAME`). */
export const serviceLabels = (name: string) => ({ ...MANAGED_BY, 'tf2openapi.io/service': name });

export interface Manifests {
  configMaps: KubeObject[];
  service: KubeObject;
}

export function buildManifests(o: ServiceOptions): Manifests {
  checkServiceOptions(o);
  const def = specConfigMap(o, 'default', o.default);
  const can = o.canary ? specConfigMap(o, 'canary', o.canary) : undefined;
  const annotations: Record<string, string> = {
    [ANNOTATIONS.defaultSpec]: def.object.metadata.name,
    [ANNOTATIONS.defaultSha]: def.sha,
    [ANNOTATIONS.defaultModel]: o.default.modelUri,
    ...(can && o.canary
      ? { [ANNOTATIONS.canarySpec]: can.object.metadata.name, [ANNOTATIONS.canarySha]: can.sha, [ANNOTATIONS.canaryModel]: o.canary.modelUri }
      : {}),
  };
  return {
    configMaps: [def.object, ...(can ? [can.object] : [])],
    service: {
      apiVersion: o.apiVersion,
      kind: serviceKind(o.apiVersion),
      metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), labels: serviceLabels(o.name), annotations },
      spec: kindOf(o.apiVersion).spec(o),
    },
  };
}

/** ownerReferences that make a ConfigMap go when its service goes. */
export function ownedBy(service: KubeObject, uid: string): object[] {
  return [{ apiVersion: service.apiVersion, kind: service.kind, name: service.metadata.name, uid, controller: false, blockOwnerDeletion: false }];
}
