// One adapter per service kind: where its spec holds the model, the canary and the traffic split,
// so that building a service, promoting its canary and moving traffic are written once per kind.
import type { ServiceApiVersion } from './api-versions.js';

export interface Predictor {
  modelUri: string;
}

export interface SpecOptions {
  default: Predictor;
  canary?: Predictor;
  canaryPercent?: number;
  runtimeVersion?: string;
  minReplicas?: number;
  maxReplicas?: number;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  /** KServe v1beta1 only: the Open Inference Protocol, and the serving runtime that speaks it. */
  protocolVersion?: 'v2';
  runtime?: string;
}

type Spec = Record<string, unknown>;

export interface ServiceKind {
  apiVersion: ServiceApiVersion;
  kind: string;
  /** In ConfigMap names and labels, so that two kinds of service with one name never share specs. */
  tag: string;
  spec(o: SpecOptions): Spec;
  /** JSON pointers of the canary in a spec: removed outright before an apply that drops it (server-side
   * apply would leave the parents of the fields it stops owning, and the CRD refuses them as null). */
  canaryPaths: string[];
  hasCanary(spec: Spec): boolean;
  /** The spec with the canary as the default and no split. */
  promoted(spec: Spec): Spec;
  withTraffic(spec: Spec, percent: number): Spec;
}

const replicas = (o: SpecOptions) => ({
  ...(o.minReplicas !== undefined ? { minReplicas: o.minReplicas } : {}),
  ...(o.maxReplicas !== undefined ? { maxReplicas: o.maxReplicas } : {}),
});
const tfFields = (o: SpecOptions) => ({
  ...(o.runtimeVersion ? { runtimeVersion: o.runtimeVersion } : {}),
  ...(o.resources ? { resources: o.resources } : {}),
});

/** KFServing's two-endpoint kinds: `default` and `canary` with `canaryTrafficPercent`. */
function twoEndpoints(apiVersion: ServiceApiVersion, kind: string, tag: string, endpoint: (o: SpecOptions, p: Predictor) => Spec): ServiceKind {
  return {
    apiVersion,
    kind,
    tag,
    spec: (o) => ({
      default: endpoint(o, o.default),
      ...(o.canary ? { canary: endpoint(o, o.canary), canaryTrafficPercent: o.canaryPercent } : {}),
    }),
    canaryPaths: ['/spec/canary', '/spec/canaryTrafficPercent'],
    hasCanary: (spec) => spec.canary !== undefined,
    promoted: ({ canary, canaryTrafficPercent: _, ...rest }) => ({ ...rest, default: canary }),
    withTraffic: (spec, percent) => ({ ...spec, canaryTrafficPercent: percent }),
  };
}

export const KINDS: Readonly<Record<ServiceApiVersion, ServiceKind>> = {
  'serving.kubeflow.org/v1alpha1': twoEndpoints('serving.kubeflow.org/v1alpha1', 'KFService', 'kfsvc', (o, p) => ({
    tensorflow: { modelUri: p.modelUri, ...tfFields(o) },
    ...replicas(o),
  })),
  'serving.kubeflow.org/v1alpha2': twoEndpoints('serving.kubeflow.org/v1alpha2', 'InferenceService', 'kfisvc', (o, p) => ({
    predictor: { tensorflow: { storageUri: p.modelUri, ...tfFields(o) }, ...replicas(o) },
  })),
  // KServe v1beta1 has no second model: a canary is a new predictor revision that takes
  // canaryTrafficPercent while the last ready revision (the default model) keeps the rest.
  'serving.kserve.io/v1beta1': {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    tag: 'isvc',
    spec: (o) => ({
      predictor: {
        model: {
          modelFormat: { name: 'tensorflow' },
          ...(o.protocolVersion ? { protocolVersion: o.protocolVersion } : {}),
          ...(o.runtime ? { runtime: o.runtime } : {}),
          storageUri: (o.canary ?? o.default).modelUri,
          ...tfFields(o),
        },
        ...replicas(o),
        ...(o.canary ? { canaryTrafficPercent: o.canaryPercent } : {}),
      },
    }),
    canaryPaths: ['/spec/predictor/canaryTrafficPercent'],
    hasCanary: (spec) => (spec.predictor as Spec | undefined)?.canaryTrafficPercent !== undefined,
    promoted: (spec) => {
      const { canaryTrafficPercent: _, ...predictor } = (spec.predictor ?? {}) as Spec;
      return { ...spec, predictor };
    },
    withTraffic: (spec, percent) => ({ ...spec, predictor: { ...(spec.predictor as Spec), canaryTrafficPercent: percent } }),
  },
};

export const kindOf = (apiVersion: ServiceApiVersion): ServiceKind => KINDS[apiVersion];
