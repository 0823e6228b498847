// Applies manifests to the cluster of the current kubeconfig with server-side apply (field manager
// tf2openapi): a second run with the same inputs changes nothing, and fields others own survive.
//
// Order, so that a failure never leaves the service pointing at a missing spec: spec ConfigMaps are
// content-addressed and immutable, written first; then the service, whose annotations switch to them
// in one write; then the ConfigMaps get their owner reference and the service's stale specs go. If
// the service write fails, the ConfigMaps this run created are deleted again.
import { ApiException, KubeConfig, KubernetesObjectApi, PatchStrategy, Watch, type KubernetesObject } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Tf2OpenApiError } from '../errors.js';
import { ownedBy, specSelector, type KubeObject, type Manifests } from './manifests.js';
import type { ServiceKind } from './kinds.js';

export const FIELD_MANAGER = 'tf2openapi';

class ClusterApi extends KubernetesObjectApi {
  discover(apiVersion: string, kind: string) {
    return this.resource(apiVersion, kind);
  }
  withNamespaceOf(kc: KubeConfig): this {
    this.setDefaultNamespace(kc);
    return this;
  }
}

export interface ClusterOptions {
  /** Defaults to the current kubeconfig (KUBECONFIG, ~/.kube/config, or in-cluster). */
  kubeConfig?: KubeConfig;
  /** A kubeconfig file to read instead (kubectl's --kubeconfig). */
  kubeconfigPath?: string;
  /** The kubeconfig context to use instead of its current one (kubectl's --context). */
  context?: string;
  /** Re-acquire fields another manager owns (server-side apply's force). */
  force?: boolean;
  /** Send every write with dryRun=All: validated, defaulted and pruned by the server, not stored. */
  serverDryRun?: boolean;
  /** Per request to the API server (kubectl's --request-timeout); default 30 s. */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Every call of the API client bounded in time: a server that accepts and never answers is an error. */
function withDeadline<T extends object>(api: T, ms: number, server: string): T {
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Tf2OpenApiError('CLUSTER', `${server}: no answer within ${ms / 1000} s (--request-timeout)`)), ms);
          timer.unref();
        });
        return Promise.race([result, deadline]).finally(() => clearTimeout(timer));
      };
    },
  });
}

export interface Cluster {
  api: ClusterApi;
  kc: KubeConfig;
  namespace: string;
  server: string;
}

export function connect(opts: ClusterOptions, namespace?: string): Cluster {
  let kc = opts.kubeConfig;
  if (!kc) {
    kc = new KubeConfig();
    const file = opts.kubeconfigPath ?? process.env.KUBECONFIG?.split(delimiter).find((f) => f && existsSync(f)) ?? join(homedir(), '.kube', 'config');
    const inCluster = !opts.kubeconfigPath && !!process.env.KUBERNETES_SERVICE_HOST;
    if (!inCluster && !existsSync(file)) {
      // Without this check the client falls back to http://localhost:8080 and fails with a message about HTTP.
      throw new Tf2OpenApiError(
        'CLUSTER',
        `kubeconfig: ${opts.kubeconfigPath ? `${file} does not exist` : `none found (KUBECONFIG unset or missing, no ${file})`}; give --kubeconfig FILE, or --dry-run to print the manifests`,
      );
    }
    try {
      // loadFromDefault merges every KUBECONFIG file as kubectl does.
      if (opts.kubeconfigPath) kc.loadFromFile(opts.kubeconfigPath);
      else kc.loadFromDefault();
    } catch (e) {
      throw new Tf2OpenApiError(
        'CLUSTER',
        `kubeconfig ${file}: cannot be read (${(e as Error).message.split('\n')[0]}); fix it, give --kubeconfig FILE, or use --dry-run`,
      );
    }
  }
  if (opts.context !== undefined) {
    if (!kc.getContextObject(opts.context))
      throw new Tf2OpenApiError(
        'CLUSTER',
        `kubeconfig: no context ${JSON.stringify(opts.context)}; contexts: ${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        }`,
      );
    kc.setCurrentContext(opts.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Tf2OpenApiError('CLUSTER', 'kubeconfig: no current cluster; set KUBECONFIG or a context, or use --dry-run');
  const api = withDeadline(kc.makeApiClient(ClusterApi).withNamespaceOf(kc), opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, cluster.server);
  const ctxNs = kc.getContextObject(kc.getCurrentContext())?.namespace;
  return { api, kc, namespace: namespace ?? ctxNs ?? 'default', server: cluster.server };
}

/** One line for a failed cluster call, naming the resource and what to do. */
export function clusterError(c: Cluster, what: string, e: unknown): Tf2OpenApiError {
  if (e instanceof Tf2OpenApiError) return e;
  const code = e instanceof ApiException ? (e.code as number) : undefined;
  const reason = (() => {
    const body = e instanceof ApiException ? (e.body as { message?: string } | string | undefined) : undefined;
    const text = typeof body === 'string' ? safeMessage(body) : body?.message;
    return text ? `: ${text}` : '';
  })();
  switch (code) {
    case 401:
      return new Tf2OpenApiError('CLUSTER', `${what}: unauthorized (401) by ${c.server}; refresh the kubeconfig credentials`);
    case 403:
      return new Tf2OpenApiError('CLUSTER', `${what}: forbidden (403)${reason}; the kubeconfig user needs rights to patch it in namespace ${c.namespace}`);
    case 404:
      return new Tf2OpenApiError('CLUSTER', `${what}: not found (404)${reason}; is the namespace there and the CRD installed?`);
    case 409:
      return new Tf2OpenApiError(
        'CLUSTER',
        `${what}: conflict (409)${reason}; another field manager owns these fields: re-run with --force-conflicts to take them over`,
      );
    case undefined: {
      const cause = (e as { cause?: { code?: string } })?.cause?.code ?? (e as NodeJS.ErrnoException)?.code;
      return new Tf2OpenApiError(
        'CLUSTER',
        `${what}: cannot reach the cluster at ${c.server}${cause ? ` (${cause})` : `: ${(e as Error)?.message?.split('\n')[0]}`}`,
      );
    }
    default:
      return new Tf2OpenApiError('CLUSTER', `${what}: HTTP ${code}${reason}`);
  }
}

function safeMessage(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { message?: string }).message;
  } catch {
    return undefined;
  }
}

const label = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

export async function ensureKind(c: Cluster, apiVersion: string, kind: string): Promise<void> {
  let found;
  try {
    found = await c.api.discover(apiVersion, kind);
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) found = undefined;
    else throw clusterError(c, `${kind} (${apiVersion})`, e);
  }
  if (!found)
    throw new Tf2OpenApiError(
      'CLUSTER',
      `${kind} (${apiVersion}): not served by ${c.server}; install the KServe/KFServing CRD for it or pick another --api-version`,
    );
}

async function exists(c: Cluster, o: KubeObject): Promise<KubernetesObject | undefined> {
  try {
    return await c.api.read({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace ?? c.namespace } });
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) return undefined;
    throw clusterError(c, label(o), e);
  }
}

async function apply<T extends KubeObject>(c: Cluster, o: T, force: boolean, dryRun?: boolean): Promise<KubernetesObject> {
  try {
    return await c.api.patch(o as KubernetesObject, undefined, dryRun ? 'All' : undefined, FIELD_MANAGER, force, PatchStrategy.ServerSideApply);
  } catch (e) {
    throw clusterError(c, label(o), e);
  }
}

export interface ApplyResult {
  service: KubernetesObject;
  /** What the server answered for each ConfigMap (with dryRun=All: what it would store). */
  configMaps: KubernetesObject[];
  created: string[];
  deleted: string[];
  /** Set when a server dry run could not check the service write (see applyManifests). */
  note?: string;
}

/** The first field of `sent` the server did not store as sent (pruned by the CRD schema, defaulted
 * over), as a dotted path; undefined when everything is there. */
export function droppedField(sent: unknown, stored: unknown, path = ''): string | undefined {
  if (sent !== null && typeof sent === 'object' && !Array.isArray(sent)) {
    if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return path || '(the object)';
    for (const [k, v] of Object.entries(sent)) {
      const miss = droppedField(v, Object.hasOwn(stored, k) ? (stored as Record<string, unknown>)[k] : undefined, path ? `${path}.${k}` : k);
      if (miss) return miss;
    }
    return undefined;
  }
  return JSON.stringify(sent) === JSON.stringify(stored) ? undefined : path;
}

/** Refuses to report success when the server kept less than was asked for (a CRD that prunes fields). */
function checkStored(c: Cluster, sent: KubeObject, stored: KubernetesObject): void {
  const { spec } = sent as { spec?: unknown };
  const missing =
    droppedField(sent.metadata.annotations ?? {}, stored.metadata?.annotations ?? {}, 'metadata.annotations') ??
    droppedField(sent.metadata.labels ?? {}, stored.metadata?.labels ?? {}, 'metadata.labels') ??
    (spec !== undefined ? droppedField(spec, (stored as { spec?: unknown }).spec, 'spec') : undefined);
  if (missing)
    throw new Tf2OpenApiError(
      'CLUSTER',
      `${label(sent)}: the server did not keep ${missing} (its ${sent.kind} CRD prunes or rewrites it); the service is applied without it: check the CRD version, or leave the option out`,
    );
}

/** Removes the live canary before an apply that drops it: server-side apply stops owning the
 * fields but leaves their parents, which the CRD then refuses as null. A merge patch with nulls. */
const dropsCanary = (service: KubeObject, live: KubernetesObject | undefined, kind: ServiceKind) => {
  const liveSpec = (live as { spec?: Record<string, unknown> } | undefined)?.spec;
  return !!liveSpec && kind.hasCanary(liveSpec) && !kind.hasCanary((service as { spec?: Record<string, unknown> }).spec ?? {});
};

async function dropCanary(c: Cluster, service: KubeObject, live: KubernetesObject | undefined, kind: ServiceKind, dryRun = false): Promise<void> {
  if (!dropsCanary(service, live, kind)) return;
  const body: Record<string, unknown> = {};
  for (const path of kind.canaryPaths) {
    const keys = path.split('/').slice(1);
    let o = body;
    for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
    o[keys[keys.length - 1]!] = null;
  }
  const target = {
    apiVersion: service.apiVersion,
    kind: service.kind,
    metadata: { name: service.metadata.name, namespace: service.metadata.namespace ?? c.namespace },
  };
  try {
    await c.api.patch({ ...target, ...body } as KubernetesObject, undefined, dryRun ? 'All' : undefined, FIELD_MANAGER, undefined, PatchStrategy.MergePatch);
  } catch (e) {
    throw clusterError(c, `${label(service)} (removing its canary)`, e);
  }
}

export async function applyManifests(m: Manifests, c: Cluster, kind: ServiceKind, opts: ClusterOptions = {}): Promise<ApplyResult> {
  const ns = c.namespace;
  const inNs = <T extends KubeObject>(o: T): T => ({ ...o, metadata: { ...o.metadata, namespace: ns } });
  const service = inNs(m.service);
  // Refuse before writing anything when the kinds are not there.
  await ensureKind(c, 'v1', 'ConfigMap');
  await ensureKind(c, service.apiVersion, service.kind);

  const before = await exists(c, service);
  const owner = (uid: string | undefined) => (uid ? { ownerReferences: ownedBy(service, uid) } : {});
  const configMaps = m.configMaps.map((cm) => ({ ...inNs(cm), immutable: true }));
  const created: string[] = [];
  let applied: KubernetesObject;
  const answers: KubernetesObject[] = [];
  if (opts.serverDryRun) {
    for (const cm of configMaps) answers.push(await apply(c, { ...cm, metadata: { ...cm.metadata, ...owner(before?.metadata?.uid) } }, !!opts.force, true));
    // Dropping a canary takes two writes; a dry run of the second sees the canary the first would
    // remove, so only the removal is checked then.
    if (dropsCanary(service, before, kind)) {
      await dropCanary(c, service, before, kind, true);
      return {
        service: before!,
        configMaps: answers,
        created: [],
        deleted: [],
        note: 'the canary removal was checked; the service write after it cannot be dry-run in one step',
      };
    }
    applied = await apply(c, service, !!opts.force, true);
    checkStored(c, service, applied);
    return { service: applied, configMaps: answers, created: [], deleted: [] };
  }
  try {
    for (const cm of configMaps) {
      if (!(await exists(c, cm))) created.push(cm.metadata.name);
      answers.push(await apply(c, { ...cm, metadata: { ...cm.metadata, ...owner(before?.metadata?.uid) } }, !!opts.force));
    }
    await dropCanary(c, service, before, kind);
    applied = await apply(c, service, !!opts.force);
  } catch (e) {
    // Undo what this run created; leave what was there before as it was.
    for (const name of created) {
      await c.api.delete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns } }).catch(() => {});
    }
    throw e;
  }
  // Written again after the service, always: this sets the owner reference of a new service, and
  // restores a spec a concurrent run of the same service deleted before this run's service write.
  const uid = applied.metadata?.uid;
  for (const cm of configMaps) await apply(c, { ...cm, metadata: { ...cm.metadata, ...owner(uid) } }, !!opts.force);
  const deleted = await deleteStaleSpecs(
    c,
    service.metadata.name,
    kind,
    configMaps.map((cm) => cm.metadata.name),
  );
  checkStored(c, service, applied);
  return { service: applied, configMaps: answers, created, deleted };
}

/** The service's spec ConfigMaps (this name and this kind) that its annotations no longer name. */
export async function deleteStaleSpecs(c: Cluster, serviceName: string, kind: ServiceKind, keep: string[]): Promise<string[]> {
  let list;
  try {
    list = await c.api.list('v1', 'ConfigMap', c.namespace, undefined, undefined, undefined, undefined, specSelector(serviceName, kind.tag));
  } catch (e) {
    throw clusterError(c, `ConfigMaps of ${serviceName}`, e);
  }
  // Beside a concurrent deploy of the same service, a ConfigMap the live service names now stays; one
  // deleted before the other run's service write is written again by that run (see applyManifests).
  const live = await readServiceIfAny(c, kind.apiVersion, kind.kind, serviceName);
  const named = new Set([...keep, ...Object.values(live?.metadata?.annotations ?? {})]);
  const stale = list.items.map((i) => i.metadata?.name ?? '').filter((n) => n && !named.has(n));
  for (const name of stale) {
    await c.api.delete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: c.namespace } }).catch((e) => {
      throw clusterError(c, `ConfigMap ${name}`, e);
    });
  }
  return stale;
}

export async function readService(
  c: Cluster,
  apiVersion: string,
  kind: string,
  name: string,
): Promise<KubernetesObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> }> {
  await ensureKind(c, apiVersion, kind);
  try {
    return await c.api.read({ apiVersion, kind, metadata: { name, namespace: c.namespace } });
  } catch (e) {
    throw clusterError(c, `${kind} ${c.namespace}/${name}`, e);
  }
}

/** Re-applies a changed service (promote, rollout): new spec ConfigMaps first, then the service
 * (its canary removed first where it goes), then the spec ConfigMaps it no longer names. */
export async function reapplyService(
  c: Cluster,
  service: KubeObject,
  live: KubernetesObject,
  kind: ServiceKind,
  configMaps: KubeObject[],
  keep: string[],
  opts: ClusterOptions = {},
): Promise<void> {
  const uid = live.metadata?.uid;
  const dry = !!opts.serverDryRun;
  for (const cm of configMaps)
    await apply(
      c,
      { ...cm, metadata: { ...cm.metadata, namespace: c.namespace, ...(uid ? { ownerReferences: ownedBy(service, uid) } : {}) } },
      !!opts.force,
      dry,
    );
  if (dry && dropsCanary(service, live, kind)) return dropCanary(c, service, live, kind, true);
  await dropCanary(c, service, live, kind);
  checkStored(c, service, await apply(c, service, !!opts.force, dry));
  if (!dry) await deleteStaleSpecs(c, service.metadata.name, kind, keep);
}

/** A spec ConfigMap's stored payload, to copy it under another role. */
export async function readConfigMap(c: Cluster, name: string): Promise<{ data?: Record<string, string>; binaryData?: Record<string, string> }> {
  try {
    return (await c.api.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: c.namespace } })) as {
      data?: Record<string, string>;
      binaryData?: Record<string, string>;
    };
  } catch (e) {
    throw clusterError(c, `ConfigMap ${c.namespace}/${name}`, e);
  }
}

/** The live service, or undefined when there is none (404). */
export async function readServiceIfAny(c: Cluster, apiVersion: string, kind: string, name: string): Promise<KubernetesObject | undefined> {
  try {
    return await c.api.read({ apiVersion, kind, metadata: { name, namespace: c.namespace } });
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) return undefined;
    throw clusterError(c, `${kind} ${c.namespace}/${name}`, e);
  }
}

/** Deletes the service (its owned spec ConfigMaps go with it, by garbage collection) and, at once,
 * the spec ConfigMaps tf2openapi labelled for this name and kind: nothing another manager made. */
export async function deleteService(c: Cluster, kind: ServiceKind, name: string, dryRun: boolean): Promise<{ service: boolean; configMaps: string[] }> {
  await ensureKind(c, kind.apiVersion, kind.kind);
  const live = await readServiceIfAny(c, kind.apiVersion, kind.kind, name);
  let list;
  try {
    list = await c.api.list(
      'v1',
      'ConfigMap',
      c.namespace,
      undefined,
      undefined,
      undefined,
      undefined,
      `${specSelector(name, kind.tag)},app.kubernetes.io/managed-by=tf2openapi`,
    );
  } catch (e) {
    throw clusterError(c, `ConfigMaps of ${name}`, e);
  }
  const names = list.items.map((i) => i.metadata?.name ?? '').filter(Boolean);
  const dry = dryRun ? 'All' : undefined;
  if (live) {
    try {
      await c.api.delete(
        { apiVersion: kind.apiVersion, kind: kind.kind, metadata: { name, namespace: c.namespace } },
        undefined,
        dry,
        undefined,
        undefined,
        'Background',
      );
    } catch (e) {
      throw clusterError(c, `${kind.kind} ${c.namespace}/${name}`, e);
    }
  }
  for (const cm of names) {
    await c.api.delete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cm, namespace: c.namespace } }, undefined, dry).catch((e) => {
      if (!(e instanceof ApiException && e.code === 404)) throw clusterError(c, `ConfigMap ${cm}`, e);
    });
  }
  return { service: !!live, configMaps: names };
}

type Conditions = { url?: string; conditions?: { type: string; status: string; message?: string }[] };

/** Waits for the service's Ready condition with a watch (no polling), up to `seconds`; returns its URL. */
export async function waitReady(c: Cluster, kind: ServiceKind, name: string, seconds: number, onChange?: (line: string) => void): Promise<string> {
  const ready = (o: { status?: Conditions } | undefined) => {
    const r = o?.status?.conditions?.find((x) => x.type === 'Ready');
    return r?.status === 'True' && o?.status?.url ? o.status.url : undefined;
  };
  const now = (await readService(c, kind.apiVersion, kind.kind, name)) as { status?: Conditions; metadata?: { resourceVersion?: string } };
  if (ready(now)) return ready(now)!;
  const plural = kind.kind === 'KFService' ? 'kfservices' : 'inferenceservices';
  const path = `/apis/${kind.apiVersion}/namespaces/${c.namespace}/${plural}`;
  let last = now;
  return new Promise<string>((resolve, reject) => {
    let controller: AbortController | undefined;
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      controller?.abort();
      f();
    };
    const timer = setTimeout(() => {
      const r = last.status?.conditions?.find((x) => x.type === 'Ready');
      finish(() =>
        reject(new Tf2OpenApiError('CLUSTER', `${kind.kind} ${c.namespace}/${name}: not ready after ${seconds} s${r?.message ? `: ${r.message}` : ''}`)),
      );
    }, seconds * 1000);
    new Watch(c.kc)
      .watch(
        path,
        { fieldSelector: `metadata.name=${name}`, ...(now.metadata?.resourceVersion ? { resourceVersion: now.metadata.resourceVersion } : {}) },
        (_phase, obj: { status?: Conditions }) => {
          last = obj;
          const r = obj.status?.conditions?.find((x) => x.type === 'Ready');
          if (r) onChange?.(`${name}: Ready=${r.status}${r.message ? ` (${r.message})` : ''}`);
          const url = ready(obj);
          if (url) finish(() => resolve(url));
        },
        (err: unknown) => {
          if (err && !settled) finish(() => reject(clusterError(c, `watching ${kind.kind} ${c.namespace}/${name}`, err)));
        },
      )
      .then((ctl) => {
        controller = ctl;
        if (settled) ctl.abort();
      })
      .catch((e: unknown) => finish(() => reject(clusterError(c, `watching ${kind.kind} ${c.namespace}/${name}`, e))));
  });
}
