/**
 * `apiObjectJson` renders plain objects itself and must give, byte for byte,
 * what `ApiObject.toJson()` gives; everything else goes to `toJson()`.
 */
import { ApiObject, App, Chart, JsonPatch, Lazy, type IResolver, type ResolutionContext } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiObjectJson } from '../../stacks/object-json';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const chart = (app = new App()) => new Chart(app, 'test', { disableResourceNameHashes: true, labels: { 'app.kubernetes.io/managed-by': 'fleetwright' } });

/** Renders `object` both ways; returns the fast rendering and whether it called `toJson()`. */
function bothWays(object: ApiObject): { fast: unknown; viaToJson: unknown; calledToJson: boolean } {
  const viaToJson = object.toJson();
  const spy = vi.spyOn(object, 'toJson');
  const fast = apiObjectJson(object);
  return { fast, viaToJson, calledToJson: spy.mock.calls.length > 0 };
}

describe('GIVEN an object of plain JSON', () => {
  it('WHEN rendered THEN it is exactly toJson()\'s object, key order included, without calling toJson()', () => {
    const object = new ApiObject(chart(), 'app', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web', namespace: 'argocd', annotations: { 'b/x': '1', 'a/y': '2' }, labels: { tier: 'web' }, finalizers: [] },
      spec: {
        zeta: [{ b: 1, a: { d: true, c: 'on' } }, 'x'],
        alpha: { empty: {}, none: [], dropped: undefined, gone: null, '10': 'ten', '2': 'two' },
        project: 'default',
      },
      status: undefined,
    });
    object.metadata.addAnnotation('c/z', '3');
    const { fast, viaToJson, calledToJson } = bothWays(object);
    expect(calledToJson).toBe(false);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(viaToJson));
    expect(Object.keys(fast as object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect((fast as { metadata: object }).metadata).toEqual({
      annotations: { 'a/y': '2', 'b/x': '1', 'c/z': '3' },
      labels: { 'app.kubernetes.io/managed-by': 'fleetwright', tier: 'web' },
      name: 'web',
      namespace: 'argocd',
    });
  });

  it('WHEN its metadata has only a name THEN empty labels, annotations and lists are left out, as toJson() leaves them', () => {
    const object = new ApiObject(new Chart(new App(), 'bare'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', labels: {}, ownerReferences: [] } });
    const { fast, viaToJson, calledToJson } = bothWays(object);
    expect(calledToJson).toBe(false);
    expect(fast).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    expect(JSON.stringify(fast)).toBe(JSON.stringify(viaToJson));
  });
});

describe('GIVEN an object of an L1 class of k8s, with plain props', () => {
  it.each<[string, () => ApiObject]>([
    ['KubeConfigMap', () => new k8s.KubeConfigMap(chart(), 'cm', { metadata: { name: 'cm', annotations: { z: '1', a: '2' } }, data: { b: '1', a: '2' }, immutable: true })],
    ['KubeService (field names mapped: clusterIp → clusterIP)', () =>
      new k8s.KubeService(chart(), 'svc', { metadata: { name: 'svc', namespace: 'web' }, spec: { clusterIp: 'None', selector: { app: 'web' }, ports: [{ port: 80, name: 'http' }] } })],
  ])('WHEN it is %s THEN it is exactly toJson()\'s object, key order included, without calling toJson()', (_name, make) => {
    const { fast, viaToJson, calledToJson } = bothWays(make());
    expect(calledToJson).toBe(false);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(viaToJson));
  });

  it('WHEN a KubeService is rendered THEN its spec has the Kubernetes field names', () => {
    const service = new k8s.KubeService(chart(), 'svc', { metadata: { name: 'svc' }, spec: { clusterIp: 'None' } });
    expect(apiObjectJson(service)).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { labels: { 'app.kubernetes.io/managed-by': 'fleetwright' }, name: 'svc' },
      spec: { clusterIP: 'None' },
    });
  });
});

describe('GIVEN objects that need cdk8s\'s own rendering', () => {
  const plainProps = () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } });

  it.each<[string, () => ApiObject]>([
    ['a Lazy value', () => new ApiObject(chart(), 'cm', { ...plainProps(), data: { a: Lazy.any({ produce: () => 'produced' }) } })],
    ['an implicit token', () => new ApiObject(chart(), 'cm', { ...plainProps(), data: { a: { resolve: () => 'resolved' } } })],
    ['a null inside an array', () => new ApiObject(chart(), 'cm', { ...plainProps(), spec: { list: ['a', null, 'b'] } })],
    ['an empty object inside an array in metadata', () => new ApiObject(chart(), 'cm', { ...plainProps(), metadata: { name: 'cm', ownerReferences: [{}] as never } })],
    ['a class of its own that renders itself (here a subclass of an L1 class)', () => {
      class Stamped extends k8s.KubeConfigMap {
        override toJson(): any {
          return { ...super.toJson(), stamped: true };
        }
      }
      return new Stamped(chart(), 'cm', { metadata: { name: 'cm' }, data: { a: 'b' } });
    }],
    ['an L1 class holding a class instance (IntOrString)', () =>
      new k8s.KubeService(chart(), 'svc', { metadata: { name: 'svc' }, spec: { ports: [{ port: 80, targetPort: k8s.IntOrString.fromNumber(8080) }] } })],
    ['a JSON patch', () => {
      const o = new ApiObject(chart(), 'cm', plainProps());
      o.addJsonPatch(JsonPatch.add('/data/c', 'patched'));
      return o;
    }],
    ['a custom resolver in the App', () => {
      const upper: IResolver = {
        resolve: (context: ResolutionContext) => {
          if (typeof context.value === 'string' && context.value === 'b') context.replaceValue('B');
        },
      };
      return new ApiObject(chart(new App({ resolvers: [upper] })), 'cm', plainProps());
    }],
  ])('WHEN it holds %s THEN toJson() renders it', (_name, make) => {
    const { fast, viaToJson, calledToJson } = bothWays(make());
    expect(calledToJson).toBe(true);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(viaToJson));
  });

  it('WHEN CDK8S_DISABLE_SORT is set THEN toJson() renders it, keys unsorted', () => {
    vi.stubEnv('CDK8S_DISABLE_SORT', '1');
    const { fast, calledToJson } = bothWays(new ApiObject(chart(), 'cm', { ...plainProps(), data: { z: '1', a: '2' } }));
    expect(calledToJson).toBe(true);
    expect(Object.keys((fast as { data: object }).data)).toEqual(['z', 'a']);
  });

  it('WHEN a map has its own `constructor` key THEN cdk8s\'s error is the one thrown', () => {
    const object = new ApiObject(chart(), 'cm', { ...plainProps(), data: { constructor: 'x' } });
    expect(() => object.toJson()).toThrow(/can't render non-simple object/);
    expect(() => apiObjectJson(object)).toThrow(/can't render non-simple object/);
  });
});
