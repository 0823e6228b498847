// A Kubernetes API server stand-in for the deploy tests, on loopback: discovery, GET/LIST/DELETE,
// and server-side apply (PATCH application/apply-patch+yaml) with per-manager field sets, so that
// re-applying identical objects is a no-op and other managers' fields survive. Every request is
// recorded; faults can be injected per method and path.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

type Obj = Record<string, any>;
export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: Obj | undefined;
}

export interface CustomKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
}

export class FakeKube {
  requests: Recorded[] = [];
  /** key: `${plural}/${ns}/${name}` */
  objects = new Map<string, { live: Obj; managers: Map<string, Obj> }>();
  fault: (r: Recorded) => number | undefined = () => undefined;
  /** kubectl sends no bearer token over plain HTTP; its test lets anonymous requests in. */
  allowAnonymous = false;
  url = '';
  private server = createServer((req, res) => this.handle(req, res));

  constructor(readonly kinds: CustomKind[]) {}

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  close(): Promise<void> {
    return new Promise((r) => {
      this.server.closeAllConnections();
      this.server.close(() => r());
    });
  }
  kubeConfig(namespace = 'models'): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'tester', token: 'test-token' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'tester', namespace }],
      currentContext: 'fake',
    });
    return kc;
  }
  /** The live object, as a client would GET it. */
  get(plural: string, ns: string, name: string): Obj | undefined {
    return this.objects.get(`${plural}/${ns}/${name}`)?.live;
  }
  /** Writes the way another field manager (kubectl, a controller) would. */
  applyAs(manager: string, plural: string, ns: string, obj: Obj): void {
    this.ssa(plural, ns, obj.metadata.name, obj, manager, true);
  }

  private send(res: ServerResponse, code: number, body: Obj) {
    res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
  private status(res: ServerResponse, code: number, message: string) {
    this.send(res, code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code });
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, 'http://x');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const rec: Recorded = {
      method: req.method!,
      path: url.pathname,
      query: url.searchParams,
      contentType: req.headers['content-type'],
      body: text ? JSON.parse(text) : undefined,
    };
    this.requests.push(rec);
    const injected = this.fault(rec);
    if (injected) return this.status(res, injected, `injected ${injected}`);
    const anonymous = this.allowAnonymous && req.headers.authorization === undefined;
    if (req.headers.authorization !== 'Bearer test-token' && !anonymous) return this.status(res, 401, 'Unauthorized');

    const p = url.pathname;
    if (p === '/api') return this.send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (p === '/apis') {
      const groups = [...new Set(this.kinds.map((k) => k.group))].map((name) => {
        const versions = this.kinds.filter((k) => k.group === name).map((k) => ({ groupVersion: `${name}/${k.version}`, version: k.version }));
        return { name, versions, preferredVersion: versions[0] };
      });
      return this.send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    }
    if (p === '/api/v1') {
      return this.send(res, 200, {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'] },
        ],
      });
    }
    const gv = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
    if (gv) {
      const ks = this.kinds.filter((k) => k.group === gv[1] && k.version === gv[2]);
      if (!ks.length) return this.status(res, 404, 'the server could not find the requested resource');
      return this.send(res, 200, {
        kind: 'APIResourceList',
        groupVersion: `${gv[1]}/${gv[2]}`,
        resources: ks.map((k) => ({
          name: k.plural,
          singularName: k.kind.toLowerCase(),
          namespaced: true,
          kind: k.kind,
          verbs: ['get', 'list', 'patch', 'delete'],
        })),
      });
    }
    const m = /^(?:\/api\/v1|\/apis\/([^/]+)\/([^/]+))\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(p);
    if (!m) return this.status(res, 404, `no route ${p}`);
    const [, group, version, ns, plural, name] = m;
    const apiVersion = group ? `${group}/${version}` : 'v1';
    if (group && !this.kinds.some((k) => k.group === group && k.version === version && k.plural === plural))
      return this.status(res, 404, 'the server could not find the requested resource');
    const key = `${plural}/${ns}/${name}`;
    switch (req.method) {
      case 'GET': {
        if (name) {
          const o = this.objects.get(key);
          return o ? this.send(res, 200, o.live) : this.status(res, 404, `${plural} "${name}" not found`);
        }
        const selector = url.searchParams.get('labelSelector');
        const items = [...this.objects.entries()]
          .filter(([k]) => k.startsWith(`${plural}/${ns}/`))
          .map(([, o]) => o.live)
          .filter(
            (o) =>
              !selector ||
              selector.split(',').every((s) => {
                const [k, v] = s.split('=');
                return o.metadata.labels?.[k!] === v;
              }),
          );
        return this.send(res, 200, { apiVersion, kind: 'List', metadata: { resourceVersion: '1' }, items });
      }
      case 'DELETE':
        if (!this.objects.delete(key)) return this.status(res, 404, `${plural} "${name}" not found`);
        return this.send(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success' });
      case 'PATCH': {
        if (rec.contentType === 'application/merge-patch+json') {
          // RFC 7386 on the live object; removed fields leave every manager's set too.
          const entry = this.objects.get(key);
          if (!entry) return this.status(res, 404, `${plural} "${name}" not found`);
          const { apiVersion: _a, kind: _k, metadata: _m, ...patch } = rec.body ?? {};
          entry.live = mergePatch(entry.live, patch) as Obj;
          for (const [m, set] of entry.managers) entry.managers.set(m, mergePatch(set, patch, true) as Obj);
          entry.live.metadata.resourceVersion = String(Number(entry.live.metadata.resourceVersion) + 1);
          return this.send(res, 200, entry.live);
        }
        if (rec.contentType !== 'application/apply-patch+yaml') return this.status(res, 415, `unsupported patch type ${rec.contentType}`);
        const manager = url.searchParams.get('fieldManager');
        if (!manager) return this.status(res, 400, 'fieldManager is required for apply requests');
        if (rec.body?.metadata?.name !== name || rec.body?.apiVersion !== apiVersion) return this.status(res, 400, 'body does not match the path');
        try {
          return this.send(res, 200, this.ssa(plural!, ns!, name!, rec.body!, manager, url.searchParams.get('force') === 'true'));
        } catch (e) {
          return this.status(res, 409, (e as Error).message);
        }
      }
      default:
        return this.status(res, 405, 'method not allowed');
    }
  }

  private ssa(plural: string, ns: string, name: string, applied: Obj, manager: string, force: boolean): Obj {
    const key = `${plural}/${ns}/${name}`;
    const entry = this.objects.get(key) ?? { live: {}, managers: new Map<string, Obj>() };
    const mine = stripServerFields(applied);
    if (!force) {
      for (const [other, set] of entry.managers) {
        if (other === manager) continue;
        const clash = conflicts(set, mine);
        if (clash) throw new Error(`Apply failed with 1 conflict: conflict with "${other}": ${clash}`);
      }
    } else {
      for (const [other, set] of entry.managers) if (other !== manager) entry.managers.set(other, without(set, mine));
    }
    entry.managers.set(manager, mine);
    let merged: Obj = {};
    for (const set of entry.managers.values()) merged = merge(merged, set);
    const old = entry.live;
    const meta = old.metadata ?? { uid: randomUUID(), resourceVersion: '0', creationTimestamp: new Date().toISOString() };
    const candidate = {
      ...merged,
      metadata: { ...merged.metadata, namespace: ns, uid: meta.uid, creationTimestamp: meta.creationTimestamp, resourceVersion: meta.resourceVersion },
      ...(old.status ? { status: old.status } : {}),
    };
    if (JSON.stringify(candidate) !== JSON.stringify(old)) candidate.metadata.resourceVersion = String(Number(meta.resourceVersion) + 1);
    entry.live = candidate;
    this.objects.set(key, entry);
    return candidate;
  }
}

const stripServerFields = (o: Obj): Obj => {
  const { status: _s, ...rest } = o;
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, managedFields: _m, ...meta } = rest.metadata ?? {};
  return { ...rest, metadata: meta };
};
const isPlain = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
function merge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isPlain(v) && isPlain(a[k]) ? merge(a[k], v) : v;
  return out;
}
/** The first leaf both field sets hold with different values: a server-side apply conflict. */
function conflicts(a: Obj, b: Obj, path = ''): string | undefined {
  for (const [k, v] of Object.entries(b)) {
    const p = `${path}.${k}`;
    if (!(k in a) || IDENTITY.includes(p)) continue;
    if (isPlain(v) && isPlain(a[k])) {
      const c = conflicts(a[k], v, p);
      if (c) return c;
    } else if (JSON.stringify(a[k]) !== JSON.stringify(v)) return p;
  }
  return undefined;
}
const IDENTITY = ['.apiVersion', '.kind', '.metadata.name', '.metadata.namespace'];
function without(a: Obj, b: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(a)) {
    if (!(k in b) || ['apiVersion', 'kind'].includes(k)) out[k] = v;
    else if (isPlain(v) && isPlain(b[k])) out[k] = without(v, b[k]);
    else if (k === 'name' || k === 'namespace') out[k] = v;
  }
  return out;
}

/** RFC 7386 merge patch; with `removalsOnly`, only its nulls apply (a manager's field set). */
function mergePatch(target: unknown, patch: unknown, removalsOnly = false): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return removalsOnly ? target : patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (!removalsOnly || k in out) out[k] = mergePatch(out[k], v, removalsOnly);
  }
  return out;
}
