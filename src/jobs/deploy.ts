// `tf2openapi deploy`, `diff`, `promote` and `rollout`: a TensorFlow predictor with its OpenAPI specs
// attached, a canary only when its API is compatible with the default's.
import { stringify } from 'yaml';
import {
  applyManifests,
  connect,
  readConfigMap,
  readService,
  readServiceIfAny,
  reapplyService,
  waitReady,
  type ApplyResult,
  type Cluster,
  type ClusterOptions,
} from '../deploy/cluster.js';
import { kindOf, type ServiceKind } from '../deploy/kinds.js';
import type { ResolvedModel } from '../source/resolve.js';
import { DEFAULT_API_VERSION, serviceKind } from '../deploy/api-versions.js';
import {
  ANNOTATIONS,
  buildManifests,
  checkServiceOptions,
  serviceLabels,
  specConfigMapOf,
  type KubeObject,
  type Manifests,
  type ServiceApiVersion,
} from '../deploy/manifests.js';
import { Tf2OpenApiError } from '../errors.js';
import { isBreaking } from '../protocol/changes.js';
import { kserveV2, tfserving, type ApiChange } from '../protocol/index.js';
import type { ModelApi } from '../protocol/tfserving/describe.js';
import type { V2Api } from '../protocol/v2/describe.js';
import { loadModel } from '../savedmodel/load-model.js';
import { resolveTritonModel } from '../source/resolve.js';
import { storeFor } from '../source/stores.js';
import type { RemoteOptions } from '../source/remote/options.js';
import { generateFromModel, loadForSpec } from './generate.js';

/** `deploy --canary` refused: the canary's API breaks the default's. Carries the changes as data. */
export class BreakingCanaryError extends Tf2OpenApiError {
  constructor(
    readonly canary: string,
    readonly model: string,
    readonly changes: ApiChange[],
  ) {
    super(
      'BREAKING_CHANGES',
      `canary ${canary}: ${changes.filter((c) => c.severity === 'breaking').length} breaking API change(s) against ${model}; fix the model or allow it explicitly`,
    );
  }
}

export interface DeployOptions {
  name: string;
  model: string;
  canary?: string;
  canaryPercent?: number;
  apiVersion?: ServiceApiVersion;
  namespace?: string;
  /** v1 (default): TF Serving's REST API; v2: the Open Inference Protocol through a V2 runtime (KServe v1beta1). */
  protocol?: 'v1' | 'v2';
  /** The KServe serving runtime for --protocol v2 (default: KServe's Triton runtime). */
  runtime?: string;
  /** --protocol v2: the model directory in a Triton repository holding several. */
  modelName?: string;
  /** client: build and return the manifests only; server: also have the API server check them (dryRun=All). */
  dryRun?: boolean | 'client' | 'server';
  allowBreaking?: boolean;
  runtimeVersion?: string;
  minReplicas?: number;
  maxReplicas?: number;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  tags?: string[];
  /** Seconds to wait for the service to be ready after applying (0: do not wait). */
  waitSeconds?: number;
  remote?: RemoteOptions;
  cluster?: ClusterOptions;
  /** Lines worth showing a person while it waits. */
  onProgress?: (line: string) => void;
}

export interface Deployment {
  manifests: Manifests;
  /** Multi-document YAML, ConfigMaps first. */
  yaml: string;
  /** Default → canary API changes (empty without a canary). */
  changes: ApiChange[];
  /** Things worth a line on stderr: local model paths, signatures left out of a spec. */
  warnings: string[];
  applied?: ApplyResult;
  url?: string;
}

const withoutManagedFields = (o: KubeObject): KubeObject => {
  const { managedFields: _, ...metadata } = o.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  return { ...o, metadata };
};

export function manifestsYaml(m: Manifests): string {
  return [...m.configMaps, m.service].map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

export async function deploy(opts: DeployOptions): Promise<Deployment> {
  const apiVersion = opts.apiVersion ?? DEFAULT_API_VERSION;
  const v2 = opts.protocol === 'v2';
  const base = {
    name: opts.name,
    apiVersion,
    ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
    ...(opts.canaryPercent !== undefined ? { canaryPercent: opts.canaryPercent } : {}),
    ...(opts.minReplicas !== undefined ? { minReplicas: opts.minReplicas } : {}),
    ...(opts.maxReplicas !== undefined ? { maxReplicas: opts.maxReplicas } : {}),
    ...(opts.runtimeVersion ? { runtimeVersion: opts.runtimeVersion } : {}),
    ...(opts.resources ? { resources: opts.resources } : {}),
    ...(v2 ? { protocolVersion: 'v2' as const, runtime: opts.runtime ?? TRITON_RUNTIME } : {}),
  };
  // Bad names and percentages are refused before any model is read or anything is sent.
  checkServiceOptions({ ...base, default: { modelUri: opts.model, spec: {} }, ...(opts.canary ? { canary: { modelUri: opts.canary, spec: {} } } : {}) });

  // KServe/KFServing name the TF Serving model after the service.
  // The layout is checked before any document is built: a wrong URI costs only the read.
  const spec = (uri: string, role: string) =>
    v2 ? v2SpecFor(uri, opts) : specFor(uri, opts.name, { ...(opts.tags ? { tags: opts.tags } : {}), ...(opts.remote ? { remote: opts.remote } : {}) }, role);
  const def = await spec(opts.model, '--model');
  const can = opts.canary ? await spec(opts.canary, '--canary') : undefined;
  // The gate is the served protocol's diff: TF Serving's REST API, or V2 through the runtime.
  const changes = can ? (v2 ? kserveV2.diff(def.api as never, can.api as never) : tfserving.diff(def.api as ModelApi, can.api as ModelApi)) : [];
  if (can && isBreaking(changes) && !opts.allowBreaking) {
    throw new BreakingCanaryError(opts.canary!, opts.model, changes);
  }
  // What is printed is what would be applied: the namespace the cluster would get, when known.
  const clientOnly = opts.dryRun === true || opts.dryRun === 'client';
  let cluster: Cluster | undefined;
  if (!clientOnly) cluster = connect(opts.cluster ?? {}, opts.namespace);
  else if (opts.namespace === undefined) {
    try {
      cluster = connect(opts.cluster ?? {}, undefined);
    } catch {
      cluster = undefined; // no kubeconfig: kubectl apply will use its own context's namespace, as we would
    }
  }
  const namespace = opts.namespace ?? cluster?.namespace;
  // A v1beta1 canary is a new revision beside the last ready one: with no service yet there is
  // nothing for the rest of the traffic to go to, and the --model would never be deployed.
  const v1beta1Canary = !!can && apiVersion === 'serving.kserve.io/v1beta1';
  if (v1beta1Canary && !clientOnly && !(await readServiceIfAny(cluster!, apiVersion, serviceKind(apiVersion), opts.name))) {
    throw new Tf2OpenApiError(
      'USAGE',
      `${opts.name}: no InferenceService yet, and on serving.kserve.io/v1beta1 a canary is a second revision of one: deploy --model ${opts.model} first, then --canary once it is ready`,
    );
  }
  const manifests = buildManifests({
    ...base,
    ...(namespace !== undefined ? { namespace } : {}),
    default: { modelUri: opts.model, spec: def.document },
    ...(can && opts.canary ? { canary: { modelUri: opts.canary, spec: can.document } } : {}),
  });
  const local = [opts.model, opts.canary].filter((u): u is string => !!u && !/^[a-z][a-z0-9+.-]*:\/\//i.test(u));
  const warnings = [
    ...local.map((u) => `${u} is a local path: the manifest names it as the model URI, which the cluster cannot pull; deploy the object-store URI`),
    ...def.warnings,
    ...(can?.warnings ?? []).map((w) => `canary: ${w}`),
  ];
  if (v1beta1Canary && clientOnly) {
    warnings.push(`on serving.kserve.io/v1beta1 the canary is a second revision: apply this only to an InferenceService already serving ${opts.model}`);
  }
  const result: Deployment = { manifests, yaml: manifestsYaml(manifests), changes, warnings };
  if (clientOnly) return result;
  if (opts.dryRun === 'server') {
    // What the server would store: its answers, as YAML, in place of what was sent.
    const checked = await applyManifests(manifests, cluster!, kindOf(apiVersion), { ...opts.cluster, serverDryRun: true });
    result.applied = checked;
    result.yaml = manifestsYaml({ configMaps: checked.configMaps as KubeObject[], service: withoutManagedFields(checked.service as KubeObject) });
    if (checked.note) result.warnings.push(checked.note);
    return result;
  }

  result.applied = await applyManifests(manifests, cluster!, kindOf(apiVersion), opts.cluster);
  if (opts.waitSeconds) result.url = await waitReady(cluster!, kindOf(apiVersion), opts.name, opts.waitSeconds, opts.onProgress);
  return result;
}

/** KServe's Triton ClusterServingRuntime, which serves TensorFlow SavedModels over V2. */
export const TRITON_RUNTIME = 'kserve-tritonserver';

/** The V2 spec of the model in a Triton repository: `<uri>/<model>/<version>/model.savedmodel/`;
 * Triton serves it under the model directory's name. */
async function v2SpecFor(uri: string, opts: DeployOptions) {
  const store = await storeFor(uri, opts.remote);
  const triton = await resolveTritonModel(store, uri, opts.modelName);
  const { model } = await loadModel(triton.file, { store, ...(opts.remote ? { remote: opts.remote } : {}) });
  return generateFromModel<V2Api>(model, { name: triton.name, modelVersion: triton.version, protocol: kserveV2, ...(opts.tags ? { tags: opts.tags } : {}) });
}

/** The spec deploy attaches for a model URI (the TF Serving model name is the service's); `role`
 * names the option in errors and turns on the model-base check. */
export async function specFor(uri: string, name: string, opts: { tags?: string[]; remote?: RemoteOptions }, role?: string) {
  const { model, resolved } = await loadForSpec(uri, opts.remote ? { remote: opts.remote } : {});
  if (role) checkServableLayout(uri, role, resolved);
  return generateFromModel(model, { name, ...(opts.tags ? { tags: opts.tags } : {}), ...(resolved.version ? { modelVersion: resolved.version } : {}) });
}

/** TF Serving (and so KServe's TensorFlow predictor) serves a model base: a directory of numeric
 * version directories. A saved_model.pb or a version directory itself serves nothing. */
export function checkServableLayout(uri: string, role: string, resolved: ResolvedModel | undefined): void {
  if (!resolved || resolved.version !== undefined) return;
  const trimmed = uri.replace(/\/+$/, '');
  const parent = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
  const last = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const dir = resolved.file === trimmed || /\.pb$/.test(trimmed) ? parent(trimmed) : trimmed;
  const fix =
    /^\d+$/.test(last(dir)) && parent(dir)
      ? `give the model base ${parent(dir)}`
      : `put the SavedModel in a version directory (${dir}/1/saved_model.pb) and give ${dir}`;
  throw new Tf2OpenApiError(
    'USAGE',
    `${role} ${uri}: TF Serving serves a model base (a directory of numeric version directories), not ${dir === trimmed ? 'a single SavedModel directory' : 'a saved_model.pb'}; ${fix}`,
  );
}

/** The curl line that reaches the service through the ingress, as KFServing's samples show it. */
export function curlLine(url: string, name: string): string {
  const host = new URL(url).host;
  return `curl -H "Host: ${host}" http://$INGRESS_HOST:$INGRESS_PORT/v1/models/${encodeURIComponent(name)}:predict -d @request.json`;
}

export interface RolloutOptions {
  name: string;
  apiVersion?: ServiceApiVersion;
  namespace?: string;
  cluster?: ClusterOptions;
  /** Read the live service and return what would be applied, without applying it (server: checked by the API server too). */
  dryRun?: boolean | 'client' | 'server';
}

type Live = Awaited<ReturnType<typeof readService>>;

/** What a promote or rollout changes: the service's spec and tf2openapi's annotations, and the spec
 * ConfigMaps to write first. */
interface Change {
  spec: Record<string, unknown>;
  annotations: Record<string, string>;
  configMaps?: KubeObject[];
}

async function reapply(
  opts: RolloutOptions,
  change: (live: Live, current: Change, kind: ServiceKind, cluster: Cluster) => Promise<Change> | Change,
): Promise<KubeObject> {
  const apiVersion = opts.apiVersion ?? DEFAULT_API_VERSION;
  const kind = kindOf(apiVersion);
  const cluster = connect(opts.cluster ?? {}, opts.namespace);
  const live = await readService(cluster, apiVersion, kind.kind, opts.name);
  const annotations = Object.fromEntries(Object.entries(live.metadata?.annotations ?? {}).filter(([k]) => k.startsWith('tf2openapi.io/')));
  const next = await change(live, { spec: structuredClone(live.spec ?? {}), annotations }, kind, cluster);
  // tf2openapi's labels are sent again: an apply without them would remove them.
  const service: KubeObject = {
    apiVersion,
    kind: kind.kind,
    metadata: { name: opts.name, namespace: cluster.namespace, labels: serviceLabels(opts.name), annotations: next.annotations },
    spec: next.spec,
  };
  const keep = [next.annotations[ANNOTATIONS.defaultSpec], next.annotations[ANNOTATIONS.canarySpec]].filter((n): n is string => !!n);
  if (!opts.dryRun || opts.dryRun === 'server')
    await reapplyService(cluster, service, live, kind, next.configMaps ?? [], keep, { ...opts.cluster, serverDryRun: opts.dryRun === 'server' });
  return service;
}

const noCanary = (name: string) =>
  new Tf2OpenApiError('USAGE', `${name}: has no canary (no ${ANNOTATIONS.canaryModel} annotation); deploy one with --canary first`);

/** The canary becomes the default; its spec follows, as a ConfigMap of the default's role. */
export function promote(opts: RolloutOptions): Promise<KubeObject> {
  return reapply(opts, async (_live, { spec, annotations: a }, kind, cluster) => {
    const canarySpec = a[ANNOTATIONS.canarySpec];
    if (!a[ANNOTATIONS.canaryModel] || !canarySpec) throw noCanary(opts.name);
    const sha = a[ANNOTATIONS.canarySha]!;
    const cm = specConfigMapOf(opts.name, kind.tag, cluster.namespace, 'default', a[ANNOTATIONS.canaryModel]!, {
      stored: opts.dryRun === true || opts.dryRun === 'client' ? {} : await readConfigMap(cluster, canarySpec),
      sha,
    });
    const annotations: Record<string, string> = {
      ...a,
      [ANNOTATIONS.defaultSpec]: cm.object.metadata.name,
      [ANNOTATIONS.defaultSha]: sha,
      [ANNOTATIONS.defaultModel]: a[ANNOTATIONS.canaryModel]!,
    };
    delete annotations[ANNOTATIONS.canarySpec];
    delete annotations[ANNOTATIONS.canarySha];
    delete annotations[ANNOTATIONS.canaryModel];
    return { spec: kind.promoted(spec), annotations, configMaps: [cm.object] };
  });
}

/** Moves the canary's share of traffic. */
export function rollout(opts: RolloutOptions & { canaryPercent: number }): Promise<KubeObject> {
  if (!Number.isInteger(opts.canaryPercent) || opts.canaryPercent < 0 || opts.canaryPercent > 100) {
    return Promise.reject(new Tf2OpenApiError('USAGE', `--canary-percent ${opts.canaryPercent} must be a whole number from 0 to 100`));
  }
  return reapply(opts, (_live, { spec, annotations }, kind) => {
    if (!annotations[ANNOTATIONS.canaryModel]) throw noCanary(opts.name);
    return { spec: kind.withTraffic(spec, opts.canaryPercent), annotations };
  });
}
