// deploy, rollout and promote against a real Kubernetes API server (../shared/kube: kube-apiserver
// v1.20, etcd, the garbage-collecting controller manager; the three service CRDs as apiextensions v1,
// so pruning and schema validation are real). The stand-in in deploy.test.ts stays for a fresh
// clone and for faults this server cannot be made to produce.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { API_VERSIONS, ANNOTATIONS, type ServiceApiVersion } from '../src/deploy/manifests.js';
import { kindOf } from '../src/deploy/kinds.js';
import { isTf2OpenApiError } from '../src/errors.js';
import { deploy, promote, rollout } from '../src/jobs/deploy.js';
import { remove, status } from '../src/jobs/status.js';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { FIXTURES } from './helpers.js';
import { KUBE_SKIP, raw, startKube, type RealKube } from './kube.js';

type Obj = KubernetesObject & { spec?: Record<string, unknown>; data?: Record<string, string>; immutable?: boolean };

describe('against a real Kubernetes API server', { skip: KUBE_SKIP }, () => {
  let kube: RealKube;
  let roundTripMs = 0;
  let bases: string;
  let a: string;
  let b: string;
  before(async () => {
    kube = await startKube();
    bases = mkdtempSync(join(tmpdir(), 'tf2openapi-cluster-'));
    a = join(bases, 'hpt-123');
    b = join(bases, 'hpt-124');
    cpSync(join(FIXTURES, 'half_plus_two/00000123'), join(a, '1'), { recursive: true });
    cpSync(join(FIXTURES, 'half_plus_two/00000124'), join(b, '1'), { recursive: true });
  });
  after(async () => {
    if (kube) console.log(`# real API server: started with its CRDs served in ${kube.startedMs} ms; deploy → ready (--wait, by watch) in ${roundTripMs} ms`);
    await kube?.stop();
    if (bases) rmSync(bases, { recursive: true, force: true });
  });

  const cluster = () => ({ kubeconfigPath: kube.kubeconfig });
  const read = async (apiVersion: string, kind: string, name: string) =>
    (await kube.api.read({ apiVersion, kind, metadata: { name, namespace: 'default' } })) as Obj;
  const configMaps = async (selector: string) =>
    ((await kube.api.list('v1', 'ConfigMap', 'default', undefined, undefined, undefined, undefined, selector)).items as Obj[])
      .map((o) => o.metadata!.name!)
      .sort();
  /** A label set by someone else, as `kubectl label` does (a merge patch by another field manager). */
  const foreignLabel = (apiVersion: string, kind: string, name: string) =>
    raw(
      kube.kc,
      'PATCH',
      `/apis/${apiVersion}/namespaces/default/${kind === 'KFService' ? 'kfservices' : 'inferenceservices'}/${name}?fieldManager=kubectl-label`,
      { metadata: { labels: { team: 'vision' } } },
      'application/merge-patch+json',
    );

  // The garbage collector finds a new CRD's kinds on its own schedule (about 20 s here): the
  // service is deleted first thing, and its spec ConfigMaps looked for at the end.
  it('garbage collection, part 1: a deployed service is deleted', async () => {
    await deploy({ name: 'collected', model: a, apiVersion: 'serving.kserve.io/v1beta1', cluster: cluster() });
    assert.equal((await configMaps('tf2openapi.io/service=collected')).length, 1);
    await kube.api.delete({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'collected', namespace: 'default' } });
  });

  for (const apiVersion of API_VERSIONS) {
    const kind = kindOf(apiVersion as ServiceApiVersion);
    const name = `hpt-${kind.tag}`;
    it(`${apiVersion}: deploy, again (nothing changes), canary, rollout, a drop of the canary, promote; others' labels survive`, async () => {
      await deploy({ name, model: a, apiVersion, cluster: cluster() });
      const first = await read(apiVersion, kind.kind, name);
      const specs = await configMaps(`tf2openapi.io/service=${name},tf2openapi.io/service-kind=${kind.tag}`);
      assert.deepStrictEqual(specs, [first.metadata!.annotations![ANNOTATIONS.defaultSpec]]);
      const cm = await read('v1', 'ConfigMap', specs[0]!);
      assert.equal(cm.immutable, true);
      assert.equal(cm.metadata!.ownerReferences?.[0]?.uid, first.metadata!.uid, 'owned by the service');
      assert.ok(JSON.parse(cm.data!['openapi.json']!).paths, 'the spec is stored whole');

      await deploy({ name, model: a, apiVersion, cluster: cluster() });
      const again = await read(apiVersion, kind.kind, name);
      assert.equal(again.metadata!.resourceVersion, first.metadata!.resourceVersion, 'a second identical deploy changes nothing');

      await foreignLabel(apiVersion, kind.kind, name);
      await deploy({ name, model: a, canary: b, canaryPercent: 10, apiVersion, cluster: cluster() });
      assert.ok(kind.hasCanary((await read(apiVersion, kind.kind, name)).spec!));
      await rollout({ name, apiVersion, canaryPercent: 40, cluster: cluster() });
      const rolled = await read(apiVersion, kind.kind, name);
      assert.equal(rolled.metadata!.labels!.team, 'vision', "rollout keeps another manager's label");
      assert.equal(rolled.metadata!.labels!['tf2openapi.io/service'], name, 'and its own');

      // Dropping the canary by deploying the default alone (the seed's defect: a null canary refused).
      await deploy({ name, model: a, apiVersion, cluster: cluster() });
      const dropped = await read(apiVersion, kind.kind, name);
      assert.equal(kind.hasCanary(dropped.spec!), false);
      assert.equal(dropped.metadata!.labels!.team, 'vision');

      await deploy({ name, model: a, canary: b, canaryPercent: 10, apiVersion, cluster: cluster() });
      const canarySha = (await read(apiVersion, kind.kind, name)).metadata!.annotations![ANNOTATIONS.canarySha]!;
      await promote({ name, apiVersion, cluster: cluster() });
      const promoted = await read(apiVersion, kind.kind, name);
      assert.equal(kind.hasCanary(promoted.spec!), false);
      assert.equal(promoted.metadata!.annotations![ANNOTATIONS.defaultModel], b);
      assert.equal(promoted.metadata!.annotations![ANNOTATIONS.defaultSha], canarySha);
      assert.equal(promoted.metadata!.labels!.team, 'vision', "promote keeps another manager's label");
      // The promoted spec is the default's now, in name and label; the old ones are gone.
      const left = await configMaps(`tf2openapi.io/service=${name},tf2openapi.io/service-kind=${kind.tag}`);
      assert.deepStrictEqual(left, [promoted.metadata!.annotations![ANNOTATIONS.defaultSpec]]);
      assert.match(left[0]!, /-openapi-default-/);
      assert.equal((await read('v1', 'ConfigMap', left[0]!)).metadata!.labels!['tf2openapi.io/role'], 'default');
    });
  }

  it('a KFService and an InferenceService of one name keep their own specs', async () => {
    await deploy({ name: 'twins', model: a, apiVersion: 'serving.kubeflow.org/v1alpha1', cluster: cluster() });
    await deploy({ name: 'twins', model: b, apiVersion: 'serving.kserve.io/v1beta1', cluster: cluster() });
    const kf = await read('serving.kubeflow.org/v1alpha1', 'KFService', 'twins');
    const is = await read('serving.kserve.io/v1beta1', 'InferenceService', 'twins');
    const kfSpec = await read('v1', 'ConfigMap', kf.metadata!.annotations![ANNOTATIONS.defaultSpec]!);
    assert.equal(kfSpec.metadata!.ownerReferences?.[0]?.uid, kf.metadata!.uid);
    const isSpec = await read('v1', 'ConfigMap', is.metadata!.annotations![ANNOTATIONS.defaultSpec]!);
    assert.equal(isSpec.metadata!.ownerReferences?.[0]?.uid, is.metadata!.uid);
  });

  it('a field the CRD prunes is an error naming it, not "applied"', async () => {
    // The KFService CRD converted to apiextensions v1 (as every 1.22+ cluster needs) prunes resources.
    await assert.rejects(
      deploy({
        name: 'pruned',
        model: a,
        apiVersion: 'serving.kubeflow.org/v1alpha1',
        resources: { requests: { cpu: '1' }, limits: { cpu: '1' } },
        cluster: cluster(),
      }),
      (e) => isTf2OpenApiError(e) && /did not keep spec\.default\.tensorflow\.resources/.test(e.message),
    );
  });

  it('403 for a user without rights: nothing is left behind', async () => {
    await assert.rejects(
      deploy({ name: 'forbidden', model: a, cluster: { kubeconfigPath: kube.kubeconfigDev } }),
      (e) => isTf2OpenApiError(e) && /forbidden \(403\)/.test(e.message),
    );
    assert.deepStrictEqual(await configMaps('tf2openapi.io/service=forbidden'), []);
  });

  it('two deploys of one service at once: the spec the service ends up naming exists', async () => {
    await deploy({ name: 'raced', model: a, apiVersion: 'serving.kserve.io/v1beta1', cluster: cluster() });
    for (let round = 0; round < 3; round++) {
      await Promise.all([a, b].map((model) => deploy({ name: 'raced', model, apiVersion: 'serving.kserve.io/v1beta1', cluster: cluster() })));
      const named = (await read('serving.kserve.io/v1beta1', 'InferenceService', 'raced')).metadata!.annotations![ANNOTATIONS.defaultSpec]!;
      assert.ok((await configMaps('tf2openapi.io/service=raced')).includes(named), `round ${round}: ${named} exists`);
    }
  });

  it('--protocol v2: the V2 InferenceService is stored as sent (protocolVersion and runtime kept)', async () => {
    const repo = join(bases, 'triton');
    cpSync(join(FIXTURES, 'half_plus_two/00000123/saved_model.pb'), join(repo, 'hpt/1/model.savedmodel/saved_model.pb'));
    await deploy({ name: 'hpt-v2', model: repo, protocol: 'v2', apiVersion: 'serving.kserve.io/v1beta1', cluster: cluster() });
    const live = await read('serving.kserve.io/v1beta1', 'InferenceService', 'hpt-v2');
    assert.deepStrictEqual((live.spec!.predictor as { model: Record<string, unknown> }).model.protocolVersion, 'v2');
    const cm = await read('v1', 'ConfigMap', live.metadata!.annotations![ANNOTATIONS.defaultSpec]!);
    assert.equal(JSON.parse(cm.data!['openapi.json']!)['x-tf2openapi'].protocol, 'kserve-v2');
  });

  it('--dry-run=server: the server validates and prunes, nothing is stored', async () => {
    const d = await deploy({ name: 'dry', model: a, apiVersion: 'serving.kserve.io/v1beta1', dryRun: 'server', cluster: cluster() });
    assert.match(d.yaml, /uid: /, 'the YAML is what the server answered (it gave a uid)');
    assert.deepStrictEqual(await configMaps('tf2openapi.io/service=dry'), []);
    await assert.rejects(read('serving.kserve.io/v1beta1', 'InferenceService', 'dry'), /404|not found/i);
    // The pruning a real apply reports is reported by the dry run too.
    await assert.rejects(
      deploy({ name: 'dry', model: a, apiVersion: 'serving.kubeflow.org/v1alpha1', resources: { limits: { cpu: '1' } }, dryRun: 'server', cluster: cluster() }),
      (e) => isTf2OpenApiError(e) && /did not keep spec\.default\.tensorflow\.resources/.test(e.message),
    );
  });

  it('status: URL, readiness, the specs intact and matching their models, the ingress address and a curl line; --wait by watch', async () => {
    // The ingress as Istio installs it, with the address a cloud load balancer would have written.
    await raw(kube.kc, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
    await raw(kube.kc, 'POST', '/api/v1/namespaces/istio-system/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istio-ingressgateway' },
      spec: { type: 'LoadBalancer', ports: [{ name: 'http2', port: 80, targetPort: 8080 }] },
    });
    await raw(
      kube.kc,
      'PATCH',
      '/api/v1/namespaces/istio-system/services/istio-ingressgateway/status',
      { status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } },
      'application/merge-patch+json',
    );
    const t0 = Date.now();
    const waiting = deploy({ name: 'ready', model: a, apiVersion: 'serving.kserve.io/v1beta1', waitSeconds: 30, cluster: cluster() });
    // KServe's controller would write this once the predictor serves.
    for (let i = 0; ; i++) {
      try {
        await raw(
          kube.kc,
          'PATCH',
          '/apis/serving.kserve.io/v1beta1/namespaces/default/inferenceservices/ready/status',
          {
            status: {
              url: 'http://ready.default.example.com',
              conditions: [
                { type: 'PredictorReady', status: 'True' },
                { type: 'Ready', status: 'True' },
              ],
            },
          },
          'application/merge-patch+json',
        );
        break;
      } catch (e) {
        if (i > 300) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const d = await waiting;
    roundTripMs = Date.now() - t0;
    assert.equal(d.url, 'http://ready.default.example.com');
    const s = await status({ name: 'ready', apiVersion: 'serving.kserve.io/v1beta1', cluster: cluster(), checkModels: true });
    assert.equal(s.ready, true);
    assert.deepStrictEqual(s.ingress, { address: '203.0.113.7', source: 'istio-system/istio-ingressgateway load balancer' });
    assert.deepStrictEqual(
      s.specs.map((p) => [p.role, p.stored, p.modelMatches]),
      [['default', 'intact', true]],
    );
    assert.match(
      s.curl!,
      /^curl -H 'Host: ready\.default\.example\.com' http:\/\/203\.0\.113\.7\/v1\/models\/ready:predict -d '\{"instances":\[\[0\.5\],\[0\.5\]\]\}'$/,
    );
  });

  it('delete removes the service and its specs, and nothing another manager made', async () => {
    await deploy({ name: 'gone', model: a, apiVersion: 'serving.kubeflow.org/v1alpha2', cluster: cluster() });
    await raw(kube.kc, 'POST', '/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'gone-notes', labels: { 'tf2openapi.io/service': 'gone' } },
      data: { a: 'b' },
    });
    const dry = await remove({ name: 'gone', apiVersion: 'serving.kubeflow.org/v1alpha2', cluster: cluster(), dryRun: true });
    assert.equal(dry.configMaps.length, 1);
    assert.ok(await read('serving.kubeflow.org/v1alpha2', 'InferenceService', 'gone'), 'a dry run deletes nothing');
    const r = await remove({ name: 'gone', apiVersion: 'serving.kubeflow.org/v1alpha2', cluster: cluster() });
    assert.equal(r.service, true);
    assert.deepStrictEqual(await configMaps('tf2openapi.io/service=gone'), ['gone-notes'], "the other manager's ConfigMap stays");
  });

  it(
    'kubectl finds the services and their specs by label',
    { skip: spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0 ? false : 'skipped: kubectl is not installed' },
    async () => {
      const { stdout } = await promisify(execFile)('kubectl', [
        '--kubeconfig',
        kube.kubeconfig,
        'get',
        'kfservice,inferenceservices.serving.kserve.io,configmap',
        '-l',
        'tf2openapi.io/service=twins',
        '-o',
        'json',
      ]);
      const kinds = (JSON.parse(stdout).items as { kind: string }[]).map((o) => o.kind).sort();
      assert.deepStrictEqual(kinds, ['ConfigMap', 'ConfigMap', 'InferenceService', 'KFService']);
    },
  );

  it('a conflict with another field manager is a 409 naming --force-conflicts; with it, the field is taken over', async () => {
    await deploy({ name: 'contested', model: a, apiVersion: 'serving.kubeflow.org/v1alpha1', cluster: cluster() });
    await raw(
      kube.kc,
      'PATCH',
      '/apis/serving.kubeflow.org/v1alpha1/namespaces/default/kfservices/contested?fieldManager=someone&force=true',
      {
        apiVersion: 'serving.kubeflow.org/v1alpha1',
        kind: 'KFService',
        metadata: { name: 'contested' },
        spec: { default: { tensorflow: { modelUri: 'gs://elsewhere' } } },
      },
      'application/apply-patch+yaml',
    );
    await assert.rejects(
      deploy({ name: 'contested', model: a, apiVersion: 'serving.kubeflow.org/v1alpha1', cluster: cluster() }),
      (e) => isTf2OpenApiError(e) && /conflict \(409\).*--force-conflicts/.test(e.message),
    );
    await deploy({ name: 'contested', model: a, apiVersion: 'serving.kubeflow.org/v1alpha1', cluster: { ...cluster(), force: true } });
    assert.equal(
      ((await read('serving.kubeflow.org/v1alpha1', 'KFService', 'contested')).spec!.default as { tensorflow: { modelUri: string } }).tensorflow.modelUri,
      a,
    );
  });

  it('a wrong token is a 401 naming the kubeconfig; nothing is written', async () => {
    const bad = join(bases, 'kubeconfig-bad');
    const config = JSON.parse(kube.kc.exportConfig()) as { users: { user: { token?: string } }[] };
    for (const u of config.users) u.user.token = 'wrong';
    writeFileSync(bad, JSON.stringify(config));
    await assert.rejects(
      deploy({ name: 'unauthorized', model: a, cluster: { kubeconfigPath: bad } }),
      (e) => isTf2OpenApiError(e) && /unauthorized \(401\)/.test(e.message),
    );
    assert.deepStrictEqual(await configMaps('tf2openapi.io/service=unauthorized'), []);
  });

  it("RBAC that allows ConfigMaps but not the service: the run's ConfigMaps are rolled back", async () => {
    await raw(kube.kc, 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'specs-only' },
      rules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'create', 'patch', 'delete'] },
        { apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'], verbs: ['get', 'list'] },
      ],
    });
    await raw(kube.kc, 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'dev-specs-only' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'specs-only' },
      subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }],
    });
    for (let i = 0; ; i++) {
      try {
        await deploy({ name: 'half-allowed', model: a, apiVersion: 'serving.kserve.io/v1beta1', cluster: { kubeconfigPath: kube.kubeconfigDev } });
        assert.fail('the service write must be refused');
      } catch (e) {
        // RBAC changes take a moment to reach the authorizer's cache.
        if (isTf2OpenApiError(e) && /InferenceService default\/half-allowed: forbidden \(403\)/.test(e.message)) break;
        if (i > 160) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    assert.deepStrictEqual(await configMaps('tf2openapi.io/service=half-allowed'), [], 'the ConfigMaps it created are deleted again');
  });

  it('KServe v1beta1: a first deploy with --canary is refused before anything is written', async () => {
    await assert.rejects(
      deploy({ name: 'canary-first', model: a, canary: b, canaryPercent: 10, apiVersion: 'serving.kserve.io/v1beta1', cluster: cluster() }),
      (e) => isTf2OpenApiError(e) && /deploy --model .* first, then --canary/.test(e.message),
    );
    assert.deepStrictEqual(await configMaps('tf2openapi.io/service=canary-first'), []);
  });

  it('a CRD that is not installed is named before anything is written', async () => {
    await raw(kube.kc, 'DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/inferenceservices.serving.kubeflow.org');
    // Deletion is asynchronous: wait until the API server no longer serves the kind.
    for (let i = 0; ; i++) {
      const gone = await kube.api.list('serving.kubeflow.org/v1alpha2', 'InferenceService', 'default').then(
        () => false,
        () => true,
      );
      if (gone) break;
      assert.ok(i < 480, 'the CRD went within 120 s');
      await new Promise((r) => setTimeout(r, 250));
    }
    await assert.rejects(
      deploy({ name: 'no-crd', model: a, apiVersion: 'serving.kubeflow.org/v1alpha2', cluster: cluster() }),
      (e) => isTf2OpenApiError(e) && /InferenceService \(serving\.kubeflow\.org\/v1alpha2\): not served/.test(e.message),
    );
    assert.deepStrictEqual(await configMaps('tf2openapi.io/service=no-crd'), []);
  });

  it("garbage collection, part 2: with the controller manager running, the deleted service's spec ConfigMaps are gone", async () => {
    for (let i = 0; (await configMaps('tf2openapi.io/service=collected')).length > 0; i++) {
      assert.ok(i < 360, 'garbage-collected within 180 s');
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  it('a server that went away: one line naming it, exit CLUSTER', async () => {
    const kept = join(bases, 'kubeconfig-stopped');
    writeFileSync(kept, kube.kc.exportConfig());
    await kube.stop();
    await assert.rejects(
      deploy({ name: 'late', model: a, cluster: { kubeconfigPath: kept } }),
      (e) => isTf2OpenApiError(e) && e.kind === 'CLUSTER' && /cannot reach the cluster at https:\/\/127\.0\.0\.1/.test(e.message),
    );
  });
});
