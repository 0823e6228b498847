// The programmatic API: every CLI command is a thin layer over one of these functions.
export { inspect, type InspectOptions, type Inspection } from './jobs/inspect.js';
export { generate, generateFromModel, checkDocument, type Generated } from './jobs/generate.js';
export { validate, validateText, type ValidateOptions, type Validation } from './jobs/validate.js';
export { client, clientFiles, type ClientOptions } from './jobs/client.js';
export { docs, docsPage, type DocsOptions } from './jobs/docs.js';
export { serve, DEFAULT_MAX_BODY, type ServeOptions, type Serving } from './jobs/serve.js';
export { mockTfServing, type MockOptions, type MockAnswer } from './protocol/tfserving/mock.js';
export { build, readBuildConfig, type BuildConfig, type BuildModel, type BuildOptions, type BuildResult } from './jobs/build.js';
export { deploy, promote, rollout, manifestsYaml, BreakingCanaryError, type DeployOptions, type Deployment, type RolloutOptions } from './jobs/deploy.js';
export { diff, type DiffOptions, type DiffResult } from './jobs/diff.js';

export { loadModel, type LoadOptions, type LoadedModel } from './savedmodel/load-model.js';
export { readSavedModel, type ReadOptions } from './savedmodel/read.js';
export { encodeSavedModel, encodeGraphDef, type ModelToEncode } from './savedmodel/encode.js';
export type { SavedModel } from './savedmodel/saved-model.js';
export type { MetaGraph } from './savedmodel/meta-graph.js';
export type { Signature } from './savedmodel/signature.js';
export type { TensorSpec, Encoding } from './savedmodel/tensor.js';
export type { ExampleFeature } from './savedmodel/example-features.js';
export { dtype, type DType } from './savedmodel/dtype.js';

export type { RandomAccess } from './source/random-access.js';
export { BufferSource, FileSource } from './source/random-access.js';
export type { ModelStore } from './source/store.js';
export { storeFor } from './source/stores.js';
export type { RemoteOptions } from './source/remote/options.js';

export { protocolFor, PROTOCOLS, DEFAULT_PROTOCOL, tfserving, type Protocol, type Problem, type ApiChange } from './protocol/index.js';
export { isBreaking, formatChanges } from './protocol/changes.js';
export { describeModelApi, type ModelApi, type SignatureApi, type TensorJson } from './protocol/tfserving/describe.js';
export { checkRequest, RULE } from './protocol/tfserving/runtime/check.js';
export { schemaValidator } from './openapi/schema-validator.js';
export type { GenerateOptions, Document, OpenApiVersion } from './openapi/context.js';
export { buildManifests, ANNOTATIONS, type ServiceOptions, type ServiceApiVersion, type Manifests } from './deploy/manifests.js';

export { Tf2OpenApiError, EXIT_CODES, type ErrorKind } from './errors.js';
