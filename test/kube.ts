// A real Kubernetes API server for the cluster suite: ../shared/kube/start-kube.sh (etcd,
// kube-apiserver and the garbage-collecting controller manager on 127.0.0.1), with the three
// service CRDs installed through the API itself. Absent in a fresh clone: the suite says it skipped.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'node:https';
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { ROOT, SHARED } from './helpers.js';

const run = promisify(execFile);
export const KUBE_DIR = join(SHARED, 'kube');
// start-kube.sh needs these beside bash: openssl (certificates), curl (readiness), xz (the binaries).
const MISSING = ['openssl', 'curl', 'xz'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
export const HAVE_KUBE = existsSync(join(KUBE_DIR, 'start-kube.sh')) && MISSING.length === 0;
export const KUBE_SKIP = !existsSync(join(KUBE_DIR, 'start-kube.sh'))
  ? 'skipped: ../shared/kube is absent (a fresh clone); CI runs these against a real API server'
  : MISSING.length
    ? `skipped: ../shared/kube needs ${MISSING.join(', ')}, not installed here`
    : false;

const CRDS = [
  'kfservices.serving.kubeflow.org.v1alpha1.as-v1.yaml',
  'inferenceservices.serving.kubeflow.org.v1alpha2-v1beta1.as-v1.yaml',
  'inferenceservices.serving.kserve.io.v1beta1.yaml',
];

export interface RealKube {
  state: string;
  kubeconfig: string;
  /** The `dev` user with no RBAC rights (for 403s). */
  kubeconfigDev: string;
  api: KubernetesObjectApi;
  kc: KubeConfig;
  startedMs: number;
  stop(): Promise<void>;
}

export async function startKube(): Promise<RealKube> {
  const t0 = Date.now();
  const state = mkdtempSync(join(tmpdir(), 'tf2openapi-kube-'));
  const env = {
    ...process.env,
    // start-kube.sh unpacks its binaries (137 MB) once into a cache, by default in /tmp where every run
    // would leave them: keep that cache with the project's other tool caches, gone with node_modules.
    KUBE_CACHE_DIR: process.env.KUBE_CACHE_DIR ?? join(ROOT, 'node_modules', '.cache'),
    ...(existsSync('/dev/shm') ? { KUBE_ETCD_DATA: join('/dev/shm', `tf2openapi-etcd-${process.pid}-${Date.now()}`) } : {}),
  };
  const stop = async () => {
    await run(join(KUBE_DIR, 'start-kube.sh'), ['stop', state], { env }).catch(() => {});
    rmSync(state, { recursive: true, force: true });
    if (env.KUBE_ETCD_DATA) rmSync(env.KUBE_ETCD_DATA, { recursive: true, force: true });
  };
  try {
    await run(join(KUBE_DIR, 'start-kube.sh'), ['start', state], { env: { ...env, KUBE_READY_TIMEOUT: '180' }, timeout: 240_000 });
    const kc = new KubeConfig();
    kc.loadFromFile(join(state, 'kubeconfig'));
    const api = KubernetesObjectApi.makeApiClient(kc);
    // Raw server-side apply: the typed client's serializer drops x-kubernetes-* schema keys.
    for (const file of CRDS) {
      const crd = parse(readFileSync(join(KUBE_DIR, 'crds', file), 'utf8')) as KubernetesObject;
      await raw(
        kc,
        'PATCH',
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata!.name}?fieldManager=test-setup&force=true`,
        crd,
        'application/apply-patch+yaml',
      );
    }
    // Established, and served by discovery (which is what clients look kinds up in).
    for (let i = 0; ; i++) {
      try {
        await api.list('serving.kserve.io/v1beta1', 'InferenceService', 'default');
        await api.list('serving.kubeflow.org/v1alpha2', 'InferenceService', 'default');
        await api.list('serving.kubeflow.org/v1alpha1', 'KFService', 'default');
        break;
      } catch (e) {
        if (i > 480) throw e;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    return { state, kubeconfig: join(state, 'kubeconfig'), kubeconfigDev: join(state, 'kubeconfig-dev'), api, kc, startedMs: Date.now() - t0, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** One request to the API server as the kubeconfig's user, the body sent as JSON. */
export async function raw(
  kc: KubeConfig,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; body: string }> {
  const url = new URL(kc.getCurrentCluster()!.server + path);
  const opts: import('node:https').RequestOptions = {
    method,
    hostname: url.hostname,
    port: url.port,
    path: url.pathname + url.search,
    headers: { 'content-type': contentType },
  };
  await kc.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`${method} ${path}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
        else resolve({ status: res.statusCode ?? 0, body: text });
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
