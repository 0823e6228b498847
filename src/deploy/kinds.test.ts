import assert from 'node:assert/strict';
import { it } from 'node:test';
import { KINDS } from './kinds.js';
import { buildManifests, checkServiceOptions, type ServiceOptions } from './manifests.js';
import type { ServiceApiVersion } from './api-versions.js';

const opts = { default: { modelUri: 'gs://m/a' }, canary: { modelUri: 'gs://m/b' }, canaryPercent: 10 };

// given (an API version), want (the spec with a canary, after promote, after a rollout to 40)
const SPECS: [ServiceApiVersion, object, object, object][] = [
  [
    'serving.kubeflow.org/v1alpha1',
    { default: { tensorflow: { modelUri: 'gs://m/a' } }, canary: { tensorflow: { modelUri: 'gs://m/b' } }, canaryTrafficPercent: 10 },
    { default: { tensorflow: { modelUri: 'gs://m/b' } } },
    { default: { tensorflow: { modelUri: 'gs://m/a' } }, canary: { tensorflow: { modelUri: 'gs://m/b' } }, canaryTrafficPercent: 40 },
  ],
  [
    'serving.kubeflow.org/v1alpha2',
    {
      default: { predictor: { tensorflow: { storageUri: 'gs://m/a' } } },
      canary: { predictor: { tensorflow: { storageUri: 'gs://m/b' } } },
      canaryTrafficPercent: 10,
    },
    { default: { predictor: { tensorflow: { storageUri: 'gs://m/b' } } } },
    {
      default: { predictor: { tensorflow: { storageUri: 'gs://m/a' } } },
      canary: { predictor: { tensorflow: { storageUri: 'gs://m/b' } } },
      canaryTrafficPercent: 40,
    },
  ],
  [
    'serving.kserve.io/v1beta1',
    { predictor: { model: { modelFormat: { name: 'tensorflow' }, storageUri: 'gs://m/b' }, canaryTrafficPercent: 10 } },
    { predictor: { model: { modelFormat: { name: 'tensorflow' }, storageUri: 'gs://m/b' } } },
    { predictor: { model: { modelFormat: { name: 'tensorflow' }, storageUri: 'gs://m/b' }, canaryTrafficPercent: 40 } },
  ],
];

it('each kind: the canary spec, promote and rollout', () => {
  for (const [apiVersion, withCanary, promoted, rolled] of SPECS) {
    const k = KINDS[apiVersion];
    const spec = k.spec(opts);
    assert.deepStrictEqual(spec, withCanary, apiVersion);
    assert.equal(k.hasCanary(spec), true);
    assert.deepStrictEqual(k.promoted(spec), promoted, `${apiVersion} promoted`);
    assert.equal(k.hasCanary(k.promoted(spec)), false);
    assert.deepStrictEqual(k.withTraffic(spec, 40), rolled, `${apiVersion} rollout`);
  }
});

it('spec ConfigMaps are named and labelled by service and kind', () => {
  for (const apiVersion of Object.keys(KINDS) as ServiceApiVersion[]) {
    const m = buildManifests({ name: 'svc', apiVersion, default: { modelUri: 'gs://m/a', spec: { x: 1 } } });
    const cm = m.configMaps[0]!;
    assert.match(cm.metadata.name, new RegExp(`^svc-${KINDS[apiVersion].tag}-openapi-default-[0-9a-f]{10}$`));
    assert.equal(cm.metadata.labels!['tf2openapi.io/service-kind'], KINDS[apiVersion].tag);
    assert.equal(m.service.metadata.annotations!['tf2openapi.io/default-spec-configmap'], cm.metadata.name);
  }
});

// given (options), want (the usage error, or none)
const base: ServiceOptions = { name: 'svc', apiVersion: 'serving.kserve.io/v1beta1', default: { modelUri: 'gs://m/a', spec: {} } };
const CHECKS: [Partial<ServiceOptions>, RegExp | undefined][] = [
  [{}, undefined],
  [{ name: 'Svc_1' }, /is not valid/],
  [{ name: 'a'.repeat(46) }, /at most 45/],
  [{ namespace: 'Bad_NS' }, /DNS-1123/],
  [{ canaryPercent: 10 }, /needs --canary/],
  [{ canary: { modelUri: 'gs://m/b', spec: {} } }, /needs --canary-percent/],
  [{ canary: { modelUri: 'gs://m/b', spec: {} }, canaryPercent: 101 }, /0 to 100/],
  [{ minReplicas: 3, maxReplicas: 2 }, /below --min-replicas/],
  [{ resources: { requests: { cpu: '500m', memory: '2Gi' } } }, undefined],
  [{ resources: { limits: { cpu: '1.5', memory: '1e3' } } }, undefined],
  [{ resources: { limits: { cpu: 'abc' } } }, /--cpu "abc" \(limits\) is not a Kubernetes quantity/],
  [{ resources: { requests: { memory: '2 Gi' } } }, /--memory "2 Gi"/],
  [{ resources: { requests: { memory: '2GB' } } }, /--memory "2GB"/],
];
it('options: bad names, percentages, replicas and quantities refused before anything is read', () => {
  for (const [given, want] of CHECKS) {
    const run = () => checkServiceOptions({ ...base, ...given });
    if (want) assert.throws(run, want, JSON.stringify(given));
    else assert.doesNotThrow(run, JSON.stringify(given));
  }
});
