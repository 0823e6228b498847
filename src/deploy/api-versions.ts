// The service kinds tf2openapi deploys, with no dependencies so the CLI can list them at start-up.
export const API_VERSIONS = ['serving.kubeflow.org/v1alpha1', 'serving.kubeflow.org/v1alpha2', 'serving.kserve.io/v1beta1'] as const;
export type ServiceApiVersion = (typeof API_VERSIONS)[number];
/** KServe's InferenceService, the kind current clusters serve; the seed's KFService is `serving.kubeflow.org/v1alpha1`. */
export const DEFAULT_API_VERSION: ServiceApiVersion = 'serving.kserve.io/v1beta1';

export const serviceKind = (apiVersion: string) => (apiVersion.endsWith('/v1alpha1') ? 'KFService' : 'InferenceService');
