import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTree } from '../../outputs/gitops/writer';
import { diffValues } from '../../outputs/plan/diff';
import { parseFile } from '../../outputs/plan/documents';
import { fieldLine } from '../../outputs/plan/present';
import { planChanges, sideFromDirectory, sideFromFleet } from '../../outputs/plan';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { sideOfFiles, smallTable } from '../helpers/plan';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir('fleetwright-plan-compare-');
afterAll(cleanup);

describe('plan: documents and their identity', () => {
  it('GIVEN a Kubernetes object WHEN parsed THEN it is identified by folder, group, kind, namespace and name (not version)', () => {
    const [doc] = parseFile('hub/argocd/application-x.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: x\n  namespace: argocd\n');
    expect(doc!.object).toEqual({ group: 'argoproj.io', version: 'v1alpha1', kind: 'Application', namespace: 'argocd', name: 'x' });
    expect(doc!.key).toBe('hub/argocd\u0000argoproj.io\u0000Application\u0000argocd\u0000x');
  });

  it('GIVEN kustomization.yaml, a values file, a report and broken YAML WHEN parsed THEN the kustomization is an object and the others are files of data or text', () => {
    const [k] = parseFile('hub/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: hub\nresources:\n  - argocd\n');
    expect(k!.object).toEqual({ group: 'kustomize.config.k8s.io', version: 'v1beta1', kind: 'Kustomization', name: 'hub' });
    expect(parseFile('platform/velero/base/values.yaml', 'a: 1\n')).toEqual([
      { key: 'platform/velero/base\u0000file\u0000values.yaml', file: 'platform/velero/base/values.yaml', dir: 'platform/velero/base', content: { a: 1 } },
    ]);
    expect(parseFile('hub/karmada/replicas.md', '# split\n')[0]!.content).toBe('# split\n');
    expect(parseFile('x/values.yaml', 'a: [1\n')[0]!.content).toBe('a: [1\n');
  });
});

describe('plan: field-level differences', () => {
  it('GIVEN objects that differ only in key order WHEN diffed THEN there is no difference', () => {
    expect(diffValues({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('GIVEN changed, added and removed fields WHEN diffed THEN each has its path, and absent sides are left out', () => {
    expect(diffValues({ spec: { source: { targetRevision: '1.2.3' }, old: true } }, { spec: { source: { targetRevision: '1.2.4' }, new: 3 } })).toEqual([
      { path: 'spec.new', after: 3 },
      { path: 'spec.old', before: true },
      { path: 'spec.source.targetRevision', before: '1.2.3', after: '1.2.4' },
    ]);
  });

  it('GIVEN lists of named objects, of scalars and of anonymous objects WHEN diffed THEN they are matched by name, as sets and by index', () => {
    const before = { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }], args: ['--x', '--y'], rules: [{ verbs: ['get'] }] };
    const after = { containers: [{ name: 'b', image: 'b:2' }, { name: 'c', image: 'c:1' }], args: ['--y', '--z'], rules: [{ verbs: ['get', 'list'] }, { verbs: ['watch'] }] };
    expect(diffValues(before, after)).toEqual([
      { path: 'args[-]', before: '--x' },
      { path: 'args[+]', after: '--z' },
      { path: 'containers[name=a]', before: { name: 'a', image: 'a:1' } },
      { path: 'containers[name=b].image', before: 'b:1', after: 'b:2' },
      { path: 'containers[name=c]', after: { name: 'c', image: 'c:1' } },
      { path: 'rules[0].verbs[+]', after: 'list' },
      { path: 'rules[1]', after: { verbs: ['watch'] } },
    ]);
    expect(diffValues({ list: ['a', 'b'] }, { list: ['b', 'a'] })).toEqual([{ path: 'list(order)', before: ['a', 'b'], after: ['b', 'a'] }]);
  });

  it('GIVEN embedded JSON and text with several lines WHEN diffed THEN JSON is compared as data and text line by line', () => {
    expect(diffValues({ data: { 'd.json': '{"b":1,"a":[2]}' } }, { data: { 'd.json': '{"a":[2],"b":2}' } })).toEqual([
      { path: 'data["d.json"](json).b', before: 1, after: 2 },
    ]);
    expect(diffValues('# t\nx\ny\nz\n', '# t\nx\nY\nz\nw\n')).toEqual([
      { path: '(line 3)', before: 'y', after: 'Y' },
      { path: '(line 5)', after: 'w' },
    ]);
  });

  it('GIVEN field changes WHEN shown THEN values are compact, absent sides say so and long strings are cut around the difference', () => {
    expect(fieldLine({ path: 'spec.source.targetRevision', before: '1.2.3', after: '1.2.4' })).toBe('spec.source.targetRevision: 1.2.3 → 1.2.4');
    expect(fieldLine({ path: 'spec.x', after: { a: 1 } })).toBe('spec.x: (absent) → {"a":1}');
    expect(fieldLine({ path: 'args[+]', after: '--endpoint=x:1' })).toBe('args: + --endpoint=x:1');
    const long = 'a,'.repeat(50);
    expect(fieldLine({ path: 'q', before: `${long}OLD,${long}`, after: `${long}NEW,${long}` })).toBe('q: …a,a,a,a,a,a,OLD,a,a,a,a,a,a… → …a,a,a,a,a,a,NEW,a,a,a,a,a,a…');
  });
});

describe('plan: semantic comparison of trees', () => {
  it('GIVEN a base tree whose files are reformatted and their keys reordered WHEN planned THEN nothing changes', () => {
    const out = path.join(dir, 'reformatted');
    writeTree(out, exampleSynth().files, exampleSynth().manifest);
    const file = path.join(out, 'hub/addons/applicationset-addon-velero.yaml');
    const json = JSON.parse(JSON.stringify(parseFile('f.yaml', fs.readFileSync(file, 'utf8'))[0]!.content));
    const reordered = Object.fromEntries(Object.entries(json).reverse());
    // JSON is YAML: flow style, other quoting, reversed keys.
    fs.writeFileSync(file, `${JSON.stringify(reordered)}\n`);
    const values = path.join(out, 'platform/velero/base/values.yaml');
    fs.writeFileSync(values, `# a comment\n${fs.readFileSync(values, 'utf8')}`);
    const head = sideFromFleet(exampleFleet, 'head');
    const plan = planChanges(sideFromDirectory(out, head.table), head);
    expect(plan.changes).toEqual([]);
  });

  it('GIVEN an object moved to a newer version of its API WHEN planned THEN it is one changed object, not a removal and an addition', () => {
    const object = (version: string) => `apiVersion: external-secrets.io/${version}\nkind: ExternalSecret\nmetadata:\n  name: s\n  namespace: n\nspec:\n  refreshInterval: 1h\n`;
    const plan = planChanges(
      sideOfFiles({ 'clusters/a/externalsecret-s.yaml': object('v1beta1') }, smallTable(), 'base'),
      sideOfFiles({ 'clusters/a/externalsecret-s.yaml': object('v1') }, smallTable(), 'head'),
    );
    expect(plan.changes.map((c) => ({ action: c.action, what: c.what, home: c.home, fields: c.fields }))).toEqual([
      { action: 'changed', what: 'ExternalSecret n/s', home: { kind: 'cluster', cluster: 'a' }, fields: [{ path: 'apiVersion', before: 'external-secrets.io/v1beta1', after: 'external-secrets.io/v1' }] },
    ]);
  });

  it('GIVEN an object whose file is renamed in its folder WHEN planned THEN it is the same object', () => {
    const object = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: n\ndata:\n  k: v\n';
    const plan = planChanges(
      sideOfFiles({ 'clusters/a/configmap-c.yaml': object }, smallTable(), 'base'),
      sideOfFiles({ 'clusters/a/configmap-n-c.yaml': object }, smallTable(), 'head'),
    );
    expect(plan.changes).toEqual([]);
  });
});
