// `tf2openapi status` and `tf2openapi delete`: the seed's last mile (the ingress address, the
// service's URL and readiness, a ready-to-run curl line) and the way out.
import { gunzipSync } from 'node:zlib';
import { ApiException, type KubernetesObject } from '@kubernetes/client-node';
import { clusterError, connect, deleteService, readService, type Cluster, type ClusterOptions } from '../deploy/cluster.js';
import { DEFAULT_API_VERSION } from '../deploy/api-versions.js';
import { kindOf } from '../deploy/kinds.js';
import { ANNOTATIONS, SPEC_KEY, type ServiceApiVersion } from '../deploy/manifests.js';
import type { RemoteOptions } from '../source/remote/options.js';
import { sha256 } from '../util/hash.js';
import { specFor } from './deploy.js';

export interface ServiceRef {
  name: string;
  apiVersion?: ServiceApiVersion;
  namespace?: string;
  cluster?: ClusterOptions;
}

export interface StatusOptions extends ServiceRef {
  /** Where the cluster ingress is (default: istio-system/istio-ingressgateway, then kourier-system/kourier). */
  ingress?: { namespace: string; service: string };
  /** Read the model at each annotated URI and compare its spec with the attached one. */
  checkModels?: boolean;
  remote?: RemoteOptions;
}

export interface SpecState {
  role: 'default' | 'canary';
  configMap: string;
  sha: string;
  /** intact: the ConfigMap holds the spec the annotation's sha names. */
  stored: 'intact' | 'missing' | 'changed';
  model: string;
  /** With checkModels: whether the model at the URI still gives this spec (or why it could not be read). */
  modelMatches?: boolean | string;
}

export interface ServiceStatus {
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  url?: string;
  ready?: boolean;
  readyMessage?: string;
  conditions: { type: string; status: string; message?: string }[];
  canaryPercent?: number;
  specs: SpecState[];
  ingress?: { address: string; source: string };
  curl?: string;
}

const INGRESSES = [
  { namespace: 'istio-system', service: 'istio-ingressgateway' },
  { namespace: 'kourier-system', service: 'kourier' },
];

interface KubeService {
  spec?: { type?: string; ports?: { name?: string; port: number; nodePort?: number }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** The ingress address: a load balancer's IP or hostname, else a node port (on a node's address). */
async function ingressAddress(c: Cluster, wanted?: { namespace: string; service: string }): Promise<ServiceStatus['ingress']> {
  for (const at of wanted ? [wanted] : INGRESSES) {
    let svc: KubeService;
    try {
      svc = (await c.api.read({ apiVersion: 'v1', kind: 'Service', metadata: { name: at.service, namespace: at.namespace } })) as KubeService;
    } catch (e) {
      if (e instanceof ApiException && e.code === 404) continue;
      throw clusterError(c, `Service ${at.namespace}/${at.service}`, e);
    }
    const port = svc.spec?.ports?.find((p) => p.name === 'http2' || p.name === 'http' || p.port === 80) ?? svc.spec?.ports?.[0];
    const lb = svc.status?.loadBalancer?.ingress?.[0];
    const source = `${at.namespace}/${at.service}`;
    if (lb?.ip || lb?.hostname)
      return { address: `${lb.ip ?? lb.hostname}${port && port.port !== 80 ? `:${port.port}` : ''}`, source: `${source} load balancer` };
    if (port?.nodePort) return { address: `$NODE_IP:${port.nodePort}`, source: `${source} node port (any node's address)` };
    return { address: `$INGRESS_HOST`, source: `${source} (no load balancer address and no node port yet)` };
  }
  return undefined;
}

/** The spec stored in a spec ConfigMap, as JSON text. */
function storedSpec(cm: { data?: Record<string, string>; binaryData?: Record<string, string> }): string | undefined {
  if (cm.data?.[SPEC_KEY] !== undefined) return cm.data[SPEC_KEY];
  const gz = cm.binaryData?.[`${SPEC_KEY}.gz`];
  return gz !== undefined ? gunzipSync(Buffer.from(gz, 'base64')).toString('utf8') : undefined;
}

/** The first predict request example of a spec tf2openapi wrote (serving_default's comes first). */
function exampleBody(spec: string): unknown {
  try {
    type Body = { $ref?: string; content?: Record<string, { examples?: Record<string, { $ref?: string }> }> };
    const doc = JSON.parse(spec) as {
      paths?: Record<string, { post?: { requestBody?: Body } }>;
      components?: { examples?: Record<string, { value?: unknown }>; requestBodies?: Record<string, Body> };
    };
    const op = Object.entries(doc.paths ?? {}).find(([p]) => p.endsWith(':predict'))?.[1];
    // The body is shared in components (requestBodies) by documents from this version on.
    let body = op?.post?.requestBody;
    const shared = body?.$ref?.replace('#/components/requestBodies/', '');
    if (shared !== undefined) body = Object.hasOwn(doc.components?.requestBodies ?? {}, shared) ? doc.components!.requestBodies![shared] : undefined;
    const ref = Object.values(body?.content?.['application/json']?.examples ?? {})[0]?.$ref;
    const name = ref?.replace('#/components/examples/', '').replace(/~1/g, '/').replace(/~0/g, '~');
    return name !== undefined && Object.hasOwn(doc.components?.examples ?? {}, name) ? doc.components!.examples![name]!.value : undefined;
  } catch {
    return undefined;
  }
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export async function status(opts: StatusOptions): Promise<ServiceStatus> {
  const kind = kindOf(opts.apiVersion ?? DEFAULT_API_VERSION);
  const c = connect(opts.cluster ?? {}, opts.namespace);
  const live = (await readService(c, kind.apiVersion, kind.kind, opts.name)) as KubernetesObject & {
    spec?: Record<string, unknown>;
    status?: { url?: string; conditions?: { type: string; status: string; message?: string }[] };
  };
  const a = live.metadata?.annotations ?? {};
  const conditions = (live.status?.conditions ?? []).map(({ type, status, message }) => ({ type, status, ...(message ? { message } : {}) }));
  const ready = conditions.find((x) => x.type === 'Ready');
  const specs: SpecState[] = [];
  let example: unknown;
  for (const role of ['default', 'canary'] as const) {
    const cmName = a[role === 'default' ? ANNOTATIONS.defaultSpec : ANNOTATIONS.canarySpec];
    if (!cmName) continue;
    const sha = a[role === 'default' ? ANNOTATIONS.defaultSha : ANNOTATIONS.canarySha] ?? '';
    const model = a[role === 'default' ? ANNOTATIONS.defaultModel : ANNOTATIONS.canaryModel] ?? '';
    let text: string | undefined;
    try {
      const cm = await c.api.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cmName, namespace: c.namespace } });
      text = storedSpec(cm as { data?: Record<string, string>; binaryData?: Record<string, string> });
    } catch (e) {
      if (!(e instanceof ApiException && e.code === 404)) throw clusterError(c, `ConfigMap ${c.namespace}/${cmName}`, e);
    }
    const state: SpecState = { role, configMap: cmName, sha, model, stored: text === undefined ? 'missing' : sha256(text) === sha ? 'intact' : 'changed' };
    if (opts.checkModels && model) {
      try {
        const fresh = await specFor(model, opts.name, { ...(opts.remote ? { remote: opts.remote } : {}) });
        state.modelMatches = sha256(JSON.stringify(fresh.document)) === sha;
      } catch (e) {
        state.modelMatches = `cannot read it: ${(e as Error).message}`;
      }
    }
    if (role === 'default' && text !== undefined) example = exampleBody(text);
    specs.push(state);
  }
  const ingress = await ingressAddress(c, opts.ingress);
  const url = live.status?.url;
  const percent = kind.hasCanary(live.spec ?? {}) ? canaryPercentOf(live.spec ?? {}) : undefined;
  const result: ServiceStatus = {
    kind: kind.kind,
    apiVersion: kind.apiVersion,
    name: opts.name,
    namespace: c.namespace,
    ...(url ? { url } : {}),
    ...(ready ? { ready: ready.status === 'True', ...(ready.message ? { readyMessage: ready.message } : {}) } : {}),
    conditions,
    ...(percent !== undefined ? { canaryPercent: percent } : {}),
    specs,
    ...(ingress ? { ingress } : {}),
  };
  if (url && ingress) {
    const host = new URL(url).host;
    const body = example !== undefined ? `-d ${shellQuote(JSON.stringify(example))}` : '-d @request.json';
    result.curl = `curl -H ${shellQuote(`Host: ${host}`)} http://${ingress.address}/v1/models/${encodeURIComponent(opts.name)}:predict ${body}`;
  }
  return result;
}

const canaryPercentOf = (spec: Record<string, unknown>): number | undefined =>
  (spec.canaryTrafficPercent as number | undefined) ?? ((spec.predictor as Record<string, unknown> | undefined)?.canaryTrafficPercent as number | undefined);

export async function remove(opts: ServiceRef & { dryRun?: boolean }): Promise<{ service: boolean; configMaps: string[]; namespace: string; kind: string }> {
  const kind = kindOf(opts.apiVersion ?? DEFAULT_API_VERSION);
  const c = connect(opts.cluster ?? {}, opts.namespace);
  return { ...(await deleteService(c, kind, opts.name, !!opts.dryRun)), namespace: c.namespace, kind: kind.kind };
}
