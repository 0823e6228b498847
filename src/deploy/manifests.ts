// Kubernetes objects for a TensorFlow predictor with its OpenAPI specs attached: one ConfigMap per
// spec and the KFService / InferenceService that names them in annotations. Pure: builds objects.
import { gzipSync } from 'node:zlib';
import { Tf2OpenApiError } from '../errors.js';
import { sha256 } from '../util/hash.js';
import { API_VERSIONS, serviceKind, type ServiceApiVersion } from './api-versions.js';

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

export interface ServiceOptions {
  name: string;
  namespace?: string;
  apiVersion: ServiceApiVersion;
  default: Predictor;
  canary?: Predictor;
  canaryPercent?: number;
  runtimeVersion?: string;
  minReplicas?: number;
  maxReplicas?: number;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: object[] };
  [k: string]: unknown;
}

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
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
}

/** Content-addressed: a new spec is a new ConfigMap, so a service never points at a half-updated one. */
export const specConfigMapName = (service: string, role: 'default' | 'canary', sha: string) => `${service}-openapi-${role}-${sha.slice(0, 10)}`;

export function specConfigMap(o: ServiceOptions, role: 'default' | 'canary', p: Predictor): { object: KubeObject; sha: string } {
  const text = JSON.stringify(p.spec);
  const sha = sha256(text);
  const name = specConfigMapName(o.name, role, sha);
  let payload: Record<string, unknown>;
  if (Buffer.byteLength(text) <= GZIP_ABOVE) payload = { data: { [SPEC_KEY]: text } };
  else {
    const gz = gzipSync(text, { level: 9 }).toString('base64');
    if (gz.length > CONFIGMAP_LIMIT)
      throw new Tf2OpenApiError('LIMIT_EXCEEDED', `${p.modelUri}: the OpenAPI spec is ${gz.length} bytes gzipped, over the 1 MiB ConfigMap limit`);
    payload = { binaryData: { [`${SPEC_KEY}.gz`]: gz } };
  }
  return {
    sha,
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        ...(o.namespace ? { namespace: o.namespace } : {}),
        labels: { ...MANAGED_BY, 'tf2openapi.io/service': o.name, 'tf2openapi.io/role': role },
        annotations: { [role === 'default' ? ANNOTATIONS.defaultModel : ANNOTATIONS.canaryModel]: p.modelUri, 'tf2openapi.io/spec-sha256': sha },
      },
      // Content-addressed, so never edited: the API server enforces it.
      immutable: true,
      ...payload,
    },
  };
}

function predictorFields(o: ServiceOptions) {
  return {
    ...(o.minReplicas !== undefined ? { minReplicas: o.minReplicas } : {}),
    ...(o.maxReplicas !== undefined ? { maxReplicas: o.maxReplicas } : {}),
  };
}
const tfFields = (o: ServiceOptions) => ({
  ...(o.runtimeVersion ? { runtimeVersion: o.runtimeVersion } : {}),
  ...(o.resources ? { resources: o.resources } : {}),
});

/** The service spec in each API version's shape. */
function serviceSpec(o: ServiceOptions): Record<string, unknown> {
  switch (o.apiVersion) {
    case 'serving.kubeflow.org/v1alpha1': {
      const endpoint = (p: Predictor) => ({ tensorflow: { modelUri: p.modelUri, ...tfFields(o) }, ...predictorFields(o) });
      return { default: endpoint(o.default), ...(o.canary ? { canary: endpoint(o.canary), canaryTrafficPercent: o.canaryPercent } : {}) };
    }
    case 'serving.kubeflow.org/v1alpha2': {
      const endpoint = (p: Predictor) => ({ predictor: { tensorflow: { storageUri: p.modelUri, ...tfFields(o) }, ...predictorFields(o) } });
      return { default: endpoint(o.default), ...(o.canary ? { canary: endpoint(o.canary), canaryTrafficPercent: o.canaryPercent } : {}) };
    }
    case 'serving.kserve.io/v1beta1': {
      // KServe v1beta1 has no second model: a canary is a new predictor revision that takes
      // canaryTrafficPercent while the last ready revision (the default model) keeps the rest.
      const p = o.canary ?? o.default;
      return {
        predictor: {
          model: { modelFormat: { name: 'tensorflow' }, storageUri: p.modelUri, ...tfFields(o) },
          ...predictorFields(o),
          ...(o.canary ? { canaryTrafficPercent: o.canaryPercent } : {}),
        },
      };
    }
  }
}

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
      metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), labels: { ...MANAGED_BY, 'tf2openapi.io/service': o.name }, annotations },
      spec: serviceSpec(o),
    },
  };
}

/** ownerReferences that make a ConfigMap go when its service goes. */
export function ownedBy(service: KubeObject, uid: string): object[] {
  return [{ apiVersion: service.apiVersion, kind: service.kind, name: service.metadata.name, uid, controller: false, blockOwnerDeletion: false }];
}
