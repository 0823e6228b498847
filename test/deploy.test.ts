// deploy/diff/promote/rollout: manifests checked against the real CRD schemas in ../shared/crds,
// the apply path against a Kubernetes API stand-in (and real kubectl where installed).
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { ANNOTATIONS, API_VERSIONS, buildManifests, type ServiceApiVersion } from '../src/deploy/manifests.js';
import { EXIT_CODES, isTf2OpenApiError } from '../src/errors.js';
import { deploy, promote, rollout } from '../src/jobs/deploy.js';
import { diff } from '../src/jobs/diff.js';
import { generate } from '../src/jobs/generate.js';
import { kserveV2 } from '../src/protocol/index.js';
import { FakeKube } from './fake-kube.js';
import { FIXTURES, runCli, SHARED, SHARED_SKIP } from './helpers.js';

// TF Serving serves model bases (directories of version directories): one per half_plus_two version.
const bases = mkdtempSync(join(tmpdir(), 'tf2openapi-deploy-'));
after(() => rmSync(bases, { recursive: true, force: true }));
const v123 = join(bases, 'hpt-123');
const v124 = join(bases, 'hpt-124');
cpSync(join(FIXTURES, 'half_plus_two/00000123'), join(v123, '1'), { recursive: true });
cpSync(join(FIXTURES, 'half_plus_two/00000124'), join(v124, '1'), { recursive: true });
const KINDS = [
  { group: 'serving.kubeflow.org', version: 'v1alpha1', kind: 'KFService', plural: 'kfservices' },
  { group: 'serving.kubeflow.org', version: 'v1alpha2', kind: 'InferenceService', plural: 'inferenceservices' },
  { group: 'serving.kserve.io', version: 'v1beta1', kind: 'InferenceService', plural: 'inferenceservices' },
];

/** One compiled validator per CRD: the kserve schema alone takes seconds to compile. */
const crdValidators = new Map<string, ReturnType<Ajv['compile']>>();
const crdValidator = (apiVersion: string) => {
  let v = crdValidators.get(apiVersion);
  if (!v) crdValidators.set(apiVersion, (v = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(crdSchema(apiVersion))));
  return v;
};

/** The openAPIV3Schema of `apiVersion` in the matching CRD file. */
function crdSchema(apiVersion: string): object {
  const file = {
    'serving.kubeflow.org/v1alpha1': 'kfservices.serving.kubeflow.org.v1alpha1.yaml',
    'serving.kubeflow.org/v1alpha2': 'inferenceservices.serving.kubeflow.org.v1alpha2-v1beta1.yaml',
    'serving.kserve.io/v1beta1': 'inferenceservices.serving.kserve.io.v1beta1.yaml',
  }[apiVersion]!;
  const crd = parse(readFileSync(join(SHARED, 'crds', file), 'utf8'));
  const version = apiVersion.split('/')[1];
  const v = (crd.spec.versions ?? []).find((x: { name: string }) => x.name === version);
  return v?.schema?.openAPIV3Schema ?? crd.spec.validation.openAPIV3Schema;
}

describe('manifests pass the real CRD schemas', { skip: SHARED_SKIP }, () => {
  for (const apiVersion of API_VERSIONS) {
    it(`${apiVersion}, default and canary, with resources and replicas`, async () => {
      const d = await deploy({
        name: 'flowers-sample',
        model: v123,
        canary: v124,
        canaryPercent: 10,
        apiVersion,
        dryRun: true,
        minReplicas: 1,
        maxReplicas: 3,
        runtimeVersion: '2.14.0',
        resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '1', memory: '2Gi' } },
      });
      const validate = crdValidator(apiVersion);
      assert.ok(validate(d.manifests.service), JSON.stringify(validate.errors));
      const docs = parseAllDocuments(d.yaml).map((x) => x.toJS());
      assert.deepStrictEqual(
        docs.map((x) => x.kind),
        ['ConfigMap', 'ConfigMap', d.manifests.service.kind],
        'ConfigMaps first',
      );
    });
  }
});

// A Triton model repository, as KServe's Triton runtime reads it: <repo>/<model>/<version>/model.savedmodel/.
const repo = join(bases, 'triton-repo');
cpSync(join(FIXTURES, 'half_plus_two/00000123/saved_model.pb'), join(repo, 'hpt/1/model.savedmodel/saved_model.pb'));

describe('deploy --protocol v2', () => {
  it('a V2 InferenceService (protocolVersion, runtime) valid against the CRD, with the V2 spec attached', { skip: SHARED_SKIP }, async () => {
    const d = await deploy({ name: 'hpt-v2', model: repo, protocol: 'v2', apiVersion: 'serving.kserve.io/v1beta1', dryRun: true });
    const model = (d.manifests.service.spec as { predictor: { model: Record<string, unknown> } }).predictor.model;
    assert.equal(model.protocolVersion, 'v2');
    assert.equal(model.runtime, 'kserve-tritonserver');
    const validate = crdValidator('serving.kserve.io/v1beta1');
    assert.ok(validate(d.manifests.service), JSON.stringify(validate.errors));
    const spec = JSON.parse((d.manifests.configMaps[0]!.data as Record<string, string>)['openapi.json']!);
    assert.equal(spec['x-tf2openapi'].protocol, 'kserve-v2');
    assert.ok(spec.paths['/v2/models/hpt/infer'], 'served under the model directory name, as Triton does');
  });
  it('refuses v2 on the kubeflow kinds, and a repository of several models without --model-name', async () => {
    await assert.rejects(
      deploy({ name: 'hpt-v2', model: repo, protocol: 'v2', apiVersion: 'serving.kubeflow.org/v1alpha1', dryRun: true }),
      (e) => isTf2OpenApiError(e) && e.kind === 'USAGE' && /--protocol v2 needs --api-version serving\.kserve\.io\/v1beta1/.test(e.message),
    );
    const two = join(bases, 'two-models');
    cpSync(repo, two, { recursive: true });
    cpSync(join(repo, 'hpt'), join(two, 'other'), { recursive: true });
    await assert.rejects(
      deploy({ name: 'x', model: two, protocol: 'v2', dryRun: true }),
      (e) => isTf2OpenApiError(e) && /2 models .*--model-name/.test(e.message),
    );
    const picked = await deploy({ name: 'x', model: two, protocol: 'v2', modelName: 'other', dryRun: true });
    assert.ok(JSON.parse((picked.manifests.configMaps[0]!.data as Record<string, string>)['openapi.json']!).paths['/v2/models/other/infer']);
  });
});

describe('deploy --dry-run', () => {
  it('attaches both specs, named in annotations with their sha256', async () => {
    const d = await deploy({ name: 'flowers-sample', model: v123, canary: v124, canaryPercent: 10, dryRun: true, apiVersion: 'serving.kubeflow.org/v1alpha1' });
    const a = d.manifests.service.metadata.annotations!;
    const [def, can] = d.manifests.configMaps;
    assert.equal(a[ANNOTATIONS.defaultSpec], def!.metadata.name);
    assert.equal(a[ANNOTATIONS.canarySpec], can!.metadata.name);
    const spec = JSON.parse((can as unknown as { data: Record<string, string> }).data['openapi.json']!);
    assert.ok(spec.paths['/v1/models/flowers-sample:predict'], 'the spec uses the service name as the model name');
    assert.equal(a[ANNOTATIONS.canarySha], (await import('node:crypto')).createHash('sha256').update(JSON.stringify(spec)).digest('hex'));
    assert.deepStrictEqual(d.manifests.service.spec, {
      default: { tensorflow: { modelUri: v123 } },
      canary: { tensorflow: { modelUri: v124 } },
      canaryTrafficPercent: 10,
    });
  });
  it('stores specs over 256 KiB gzipped in binaryData, and what it prints is what it applies', async () => {
    const big = { openapi: '3.0.3', padding: 'x'.repeat(300 * 1024) };
    const m = buildManifests({ name: 'big', apiVersion: 'serving.kserve.io/v1beta1', namespace: 'models', default: { modelUri: 'gs://b/m', spec: big } });
    const cm = m.configMaps[0] as { data?: Record<string, string>; binaryData?: Record<string, string>; immutable?: boolean };
    assert.equal(cm.data, undefined, 'not stored as text');
    assert.deepStrictEqual(JSON.parse(gunzipSync(Buffer.from(cm.binaryData!['openapi.json.gz']!, 'base64')).toString()), big);
    assert.equal(cm.immutable, true);
    assert.equal(m.configMaps[0]!.metadata.namespace, 'models');
    const small = buildManifests({ name: 'small', apiVersion: 'serving.kserve.io/v1beta1', default: { modelUri: 'gs://b/m', spec: { openapi: '3.0.3' } } });
    assert.equal((small.configMaps[0] as { data?: Record<string, string> }).data!['openapi.json'], '{"openapi":"3.0.3"}');
  });
  it("an image classifier's spec fits a ConfigMap uncompressed", async () => {
    const base = join(bases, 'resnet');
    cpSync(join(FIXTURES, 'image_classifier/1'), join(base, '1'), { recursive: true });
    const d = await deploy({ name: 'resnet', model: base, dryRun: true });
    assert.ok((d.manifests.configMaps[0] as { data?: Record<string, string> }).data!['openapi.json']!.length < 256 * 1024);
  });
  it('refuses a saved_model.pb or a version directory as the model URI, naming the model base', async () => {
    await assert.rejects(
      deploy({ name: 's', model: join(v123, '1'), dryRun: true }),
      (e) => isTf2OpenApiError(e) && e.kind === 'USAGE' && e.message.endsWith(`give the model base ${v123}`),
    );
    await assert.rejects(
      deploy({ name: 's', model: join(v123, '1/saved_model.pb'), dryRun: true }),
      (e) => isTf2OpenApiError(e) && e.message.endsWith(`give the model base ${v123}`),
    );
  });
  it('--out without --dry-run is refused rather than ignored', () => {
    const r = runCli(['deploy', 'flowers-sample', '--model', v123, '--out', join(bases, 'x.yaml')]);
    assert.equal(r.status, EXIT_CODES.USAGE);
    assert.match(r.stderr, /--out writes the manifests of a dry run/);
    assert.equal(existsSync(join(bases, 'x.yaml')), false);
  });
  it('refuses a canary that breaks the default API unless --allow-breaking', async () => {
    await assert.rejects(
      deploy({ name: 's', model: v124, canary: v123, canaryPercent: 5, dryRun: true }),
      (e) => isTf2OpenApiError(e) && e.kind === 'BREAKING_CHANGES',
    );
    const d = await deploy({ name: 's', model: v124, canary: v123, canaryPercent: 5, dryRun: true, allowBreaking: true });
    assert.ok(d.changes.some((c) => c.severity === 'breaking' && c.message === 'signature removed'));
  });
  for (const [what, opts, kind] of [
    ['a name that is not DNS-1035', { name: 'Flowers_Sample' }, 'USAGE'],
    ['a percent above 100', { canary: v124, canaryPercent: 101 }, 'USAGE'],
    ['a percent without a canary', { canaryPercent: 10 }, 'USAGE'],
    ['a canary without a percent', { canary: v124 }, 'USAGE'],
    ['an unreadable model', { model: join(FIXTURES, 'nope') }, 'NOT_FOUND'],
  ] as const) {
    it(`rejects ${what} before anything is sent`, async () => {
      await assert.rejects(deploy({ name: 'ok', model: v123, dryRun: true, ...opts }), (e) => isTf2OpenApiError(e) && e.kind === kind);
    });
  }
  it('the CLI prints the seed example with both specs', () => {
    const r = runCli([
      'deploy',
      'flowers-sample',
      '--model',
      v123,
      '--canary',
      v124,
      '--canary-percent',
      '10',
      '--dry-run',
      '--api-version',
      'serving.kubeflow.org/v1alpha1',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const docs = parseAllDocuments(r.stdout).map((x) => x.toJS());
    assert.equal(docs[2].kind, 'KFService');
    assert.equal(docs[2].spec.canaryTrafficPercent, 10);
    assert.ok(docs[0].immutable && docs[1].immutable, 'the printed ConfigMaps are immutable, as applied');
    const plain = parseAllDocuments(runCli(['deploy', 'flowers-sample', '--model', v123, '--dry-run']).stdout).map((x) => x.toJS());
    assert.deepStrictEqual([plain[1].apiVersion, plain[1].kind], ['serving.kserve.io/v1beta1', 'InferenceService'], 'KServe is the default kind');
  });
});

describe('diff', () => {
  it('classes changes between the two half_plus_two versions', async () => {
    const forward = await diff(v123, v124);
    assert.equal(forward.breaking, false);
    assert.deepStrictEqual(
      forward.changes.map((c) => c.message),
      ['signature added'],
    );
    const back = await diff(v124, v123);
    assert.equal(back.breaking, true);
  });
  it('shape and dtype changes', async () => {
    const r = await diff(join(FIXTURES, 'no_default'), join(FIXTURES, 'shapes'));
    assert.ok(r.changes.filter((c) => c.message === 'signature removed').length === 3);
    const cli = runCli(['diff', v124, v123]);
    assert.equal(cli.status, EXIT_CODES.BREAKING_CHANGES);
    assert.match(cli.stdout, /BREAKING\s+"predict_with_scale": signature removed/);
  });
  it("-s compares one signature: TF Serving's narrowed, V2's served one, from models and specs", async () => {
    // v124 only adds a signature: compared on serving_default alone, nothing changed either way.
    assert.deepStrictEqual((await diff(v124, v123, { signature: 'serving_default' })).changes, []);
    const shapes = join(FIXTURES, 'shapes');
    const spec = join(bases, 'shapes-v2-vectors.json');
    const g = await generate(shapes, { protocol: kserveV2, signature: 'vectors' } as never);
    writeFileSync(spec, JSON.stringify(g.document));
    assert.deepStrictEqual((await diff(spec, shapes, { protocol: 'v2', signature: 'vectors' })).changes, []);
    // Without -s, V2 describes serving_default: another signature than the spec's.
    assert.equal((await diff(spec, shapes, { protocol: 'v2' })).breaking, true);
    await assert.rejects(diff(spec, shapes, { protocol: 'v2', signature: 'nope' }), (e) => isTf2OpenApiError(e) && e.kind === 'NO_SUCH_SIGNATURE');
  });
  it('on the shared multi-version models', { skip: SHARED_SKIP }, async () => {
    const base = join(SHARED, 'fixtures/savedmodels');
    const same = await diff(
      join(base, 'tfserving-saved_model_half_plus_two_2_versions/00000123'),
      join(base, 'tfserving-saved_model_half_plus_two_2_versions/00000124'),
    );
    assert.deepStrictEqual(same.changes, []);
    const keras = await diff(join(base, 'keras-dense-double/3'), join(base, 'keras-dense-double/5'));
    assert.equal(keras.breaking, false, keras.text);
    const other = await diff(join(base, 'tf13-chopstick'), join(base, 'keras-dense-double/5'));
    assert.equal(other.breaking, true);
  });
});

describe('apply against a Kubernetes API stand-in', () => {
  let kube: FakeKube;
  before(async () => (kube = await new FakeKube(KINDS).start()));
  after(() => kube.close());
  const run = (extra: object = {}, apiVersion: ServiceApiVersion = 'serving.kubeflow.org/v1alpha1') =>
    deploy({ name: 'flowers-sample', model: v123, canary: v124, canaryPercent: 10, apiVersion, cluster: { kubeConfig: kube.kubeConfig() }, ...extra });

  it('applies ConfigMaps then the service, with server-side apply as tf2openapi', async () => {
    kube.requests = [];
    const d = await run();
    const patches = kube.requests.filter((r) => r.method === 'PATCH');
    for (const p of patches) {
      assert.equal(p.contentType, 'application/apply-patch+yaml');
      assert.equal(p.query.get('fieldManager'), 'tf2openapi');
    }
    const order = patches.map((p) => p.path.split('/').slice(-2).join('/'));
    assert.equal(order[2], 'kfservices/flowers-sample', 'the service is written after both specs');
    const svc = kube.get('kfservices', 'models', 'flowers-sample')!;
    const cmName = svc.metadata.annotations[ANNOTATIONS.defaultSpec];
    const cm = kube.get('configmaps', 'models', cmName)!;
    assert.equal(cm.immutable, true);
    assert.deepStrictEqual(
      cm.metadata.ownerReferences.map((o: { uid: string }) => o.uid),
      [svc.metadata.uid],
    );
    assert.deepStrictEqual(d.applied!.created.length, 2);
  });
  it('a second run changes nothing, and fields others own survive', async () => {
    kube.applyAs('kubectl', 'kfservices', 'models', {
      apiVersion: 'serving.kubeflow.org/v1alpha1',
      kind: 'KFService',
      metadata: { name: 'flowers-sample', labels: { team: 'vision' } },
    });
    const before = JSON.stringify([...kube.objects.values()].map((o) => o.live));
    const d = await run();
    assert.equal(JSON.stringify([...kube.objects.values()].map((o) => o.live)), before);
    assert.deepStrictEqual(d.applied!.created, []);
    assert.equal(kube.get('kfservices', 'models', 'flowers-sample')!.metadata.labels.team, 'vision');
  });
  for (const code of [409, 403, 500]) {
    it(`a ${code} on the service write leaves nothing half-done`, async () => {
      const snapshot = JSON.stringify([...kube.objects.entries()]);
      kube.fault = (r) => (r.method === 'PATCH' && r.path.includes('/kfservices/') ? code : undefined);
      try {
        await assert.rejects(
          run({ canary: v124, canaryPercent: 20, model: v123, tags: ['serve'], name: 'flowers-sample' }),
          (e) => isTf2OpenApiError(e) && e.kind === 'CLUSTER' && new RegExp(`\\(${code}\\)|HTTP ${code}`).test(e.message),
        );
        // A new default spec would be a new ConfigMap: deploy another model to force one.
        await assert.rejects(run({ model: join(FIXTURES, 'half_plus_two/00000124'), canary: undefined, canaryPercent: undefined }));
      } finally {
        kube.fault = () => undefined;
      }
      assert.equal(JSON.stringify([...kube.objects.entries()]), snapshot);
    });
  }
  it('a missing CRD is named before anything is written', async () => {
    const partial = await new FakeKube([KINDS[0]!]).start();
    try {
      await assert.rejects(
        deploy({ name: 'x', model: v123, apiVersion: 'serving.kubeflow.org/v1alpha2', cluster: { kubeConfig: partial.kubeConfig() } }),
        (e) => isTf2OpenApiError(e) && /InferenceService \(serving.kubeflow.org\/v1alpha2\): not served by/.test(e.message),
      );
      assert.ok(partial.requests.every((r) => r.method === 'GET'));
      assert.equal(partial.objects.size, 0);
    } finally {
      await partial.close();
    }
  });
  it('401 and an unreachable cluster give one clear line', async () => {
    const kc = kube.kubeConfig();
    kc.users[0] = { ...kc.users[0]!, token: 'wrong' };
    await assert.rejects(run({ cluster: { kubeConfig: kc } }), (e) => isTf2OpenApiError(e) && /unauthorized \(401\)/.test(e.message));
    const dead = new FakeKube(KINDS).kubeConfig();
    dead.clusters[0] = { ...dead.clusters[0]!, server: 'http://127.0.0.1:9' };
    await assert.rejects(run({ cluster: { kubeConfig: dead } }), (e) => isTf2OpenApiError(e) && /cannot reach the cluster/.test(e.message));
  });
  // A fault a real API server cannot be made to produce: it accepts the connection and never answers.
  it('an API server that never answers: a typed error after --request-timeout', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const kc = new FakeKube(KINDS).kubeConfig();
      kc.clusters[0] = { ...kc.clusters[0]!, server: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` };
      const t0 = Date.now();
      await assert.rejects(
        run({ cluster: { kubeConfig: kc, requestTimeoutMs: 300 } }),
        (e) => isTf2OpenApiError(e) && e.kind === 'CLUSTER' && /no answer within 0\.3 s/.test(e.message),
      );
      assert.ok(Date.now() - t0 < 5000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
  it('rollout moves traffic; promote makes the canary the default and drops the old spec', async () => {
    await rollout({ name: 'flowers-sample', apiVersion: 'serving.kubeflow.org/v1alpha1', canaryPercent: 50, cluster: { kubeConfig: kube.kubeConfig() } });
    assert.equal(kube.get('kfservices', 'models', 'flowers-sample')!.spec.canaryTrafficPercent, 50);
    const canarySpec = kube.get('kfservices', 'models', 'flowers-sample')!.metadata.annotations[ANNOTATIONS.canarySpec];
    await promote({ name: 'flowers-sample', apiVersion: 'serving.kubeflow.org/v1alpha1', cluster: { kubeConfig: kube.kubeConfig() } });
    const svc = kube.get('kfservices', 'models', 'flowers-sample')!;
    assert.deepStrictEqual(svc.spec, { default: { tensorflow: { modelUri: v124 } } });
    // The canary's spec now serves as the default's: the same content under the default's role.
    const promoted = canarySpec.replace('-canary-', '-default-');
    assert.equal(svc.metadata.annotations[ANNOTATIONS.defaultSpec], promoted);
    assert.equal(svc.metadata.annotations[ANNOTATIONS.canarySpec], undefined);
    assert.equal(svc.metadata.labels.team, 'vision');
    const cms = [...kube.objects.keys()].filter((k) => k.startsWith('configmaps/'));
    assert.deepStrictEqual(cms, [`configmaps/models/${promoted}`]);
    const cm = kube.get('configmaps', 'models', promoted)!;
    assert.equal(cm.metadata.labels['tf2openapi.io/role'], 'default');
    assert.equal(cm.metadata.annotations['tf2openapi.io/spec-sha256'], svc.metadata.annotations[ANNOTATIONS.defaultSha]);
  });
  it('kserve v1beta1: the canary is the predictor revision taking canaryTrafficPercent, once the default serves', async () => {
    await assert.rejects(
      run({ name: 'kserve-sample' }, 'serving.kserve.io/v1beta1'),
      (e) => isTf2OpenApiError(e) && e.kind === 'USAGE' && /deploy --model .* first/.test(e.message),
    );
    assert.equal(kube.get('inferenceservices', 'models', 'kserve-sample'), undefined);
    await run({ name: 'kserve-sample', canary: undefined, canaryPercent: undefined }, 'serving.kserve.io/v1beta1');
    assert.equal(kube.get('inferenceservices', 'models', 'kserve-sample')!.spec.predictor.model.storageUri, v123);
    await run({ name: 'kserve-sample' }, 'serving.kserve.io/v1beta1');
    const svc = kube.get('inferenceservices', 'models', 'kserve-sample')!;
    assert.equal(svc.apiVersion, 'serving.kserve.io/v1beta1');
    assert.deepStrictEqual(svc.spec.predictor, { model: { modelFormat: { name: 'tensorflow' }, storageUri: v124 }, canaryTrafficPercent: 10 });
  });
  it('--wait prints the URL once the service is ready', async () => {
    const live = kube.get('kfservices', 'models', 'flowers-sample')!;
    live.status = { url: 'http://flowers-sample.models.example.com', conditions: [{ type: 'Ready', status: 'True' }] };
    const d = await run({ canary: undefined, canaryPercent: undefined, model: v124, waitSeconds: 5 });
    assert.equal(d.url, 'http://flowers-sample.models.example.com');
  });
  const haveKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  it(
    'real kubectl reads what deploy wrote, and finds the service and its specs by label',
    { skip: haveKubectl ? false : 'skipped: kubectl is not installed' },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kubectl-'));
      const cfg = join(dir, 'config');
      writeFileSync(cfg, kube.kubeConfig().exportConfig());
      // Asynchronously: the API stand-in runs in this process and must keep answering.
      kube.allowAnonymous = true;
      try {
        const kubectl = (...args: string[]) =>
          promisify(execFile)('kubectl', ['--kubeconfig', cfg, '--request-timeout=10s', ...args], { env: { ...process.env, HOME: dir } });
        const { stdout } = await kubectl('get', 'kfservice', 'flowers-sample', '-o', 'json');
        assert.equal(JSON.parse(stdout).metadata.annotations[ANNOTATIONS.defaultModel], v124);
        assert.match((await kubectl('get', 'kfservice')).stdout, /flowers-sample/);
        const labelled = JSON.parse(
          (await kubectl('get', 'kfservice,configmap', '-n', 'models', '-l', 'tf2openapi.io/service=flowers-sample', '-o', 'json')).stdout,
        );
        assert.ok(labelled.items.some((o: { kind: string }) => o.kind === 'KFService'));
        assert.ok(labelled.items.some((o: { kind: string }) => o.kind === 'ConfigMap'));
      } finally {
        kube.allowAnonymous = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
