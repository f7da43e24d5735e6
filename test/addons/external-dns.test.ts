import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addonLabel, CATALOG, hasIrsa, resolveFleet } from '../../model';
import { synthesize } from '../../outputs/synth';
import { conformanceRequired, CRDS, validatorTool, VALIDATOR } from '../helpers/conformance';
import { mutableDefinition } from '../helpers/definitions';
import { exampleFleet, exampleSynth } from '../helpers/example';
import { tempDir } from '../helpers/tmp';
import { addonAppSet, running, syncedRunning, selectedBy, unitOf, valuesOf } from '../helpers/addons';

/** external-dns on the two kubeadm dev clusters (credentials through Vault) and the prod EKS clusters (IRSA). */
function dnsDefinition(policy?: 'sync' | 'upsert-only'): any {
  const d = mutableDefinition();
  d.platform = {
    irsaRoleArn: 'arn:aws:iam::111122223333:role/{cluster}-{addon}',
    externalDns: { domainFilters: ['acme.io', 'acme.dev'], ...(policy ? { policy } : {}) },
    externalSecrets: { store: { kind: 'vault', server: 'https://vault.acme.io:8200' } },
  };
  d.environments.dev.addons = { cilium: true, 'external-secrets': true, 'external-dns': true, 'kube-prometheus-stack': true };
  d.clusters[2].addons = { 'external-dns': true };
  d.clusters[3].addons = { 'external-dns': true };
  return d;
}

const fleet = resolveFleet(dnsDefinition());
const out = synthesize(fleet);



describe('external-dns: values', () => {
  it('GIVEN the fleet zones and no policy WHEN synthesized THEN the base values watch Services and Ingresses for Route 53 in those zones, never deleting records', () => {
    expect(valuesOf(out, 'platform/external-dns/base')).toEqual({
      provider: { name: 'aws' },
      sources: ['service', 'ingress'],
      registry: 'txt',
      policy: 'upsert-only',
      domainFilters: ['acme.io', 'acme.dev'],
    });
  });

  it('GIVEN policy sync WHEN synthesized THEN the base values sync', () => {
    expect((valuesOf(synthesize(resolveFleet(dnsDefinition('sync'))), 'platform/external-dns/base') as any).policy).toBe('sync');
  });

  it('GIVEN the ApplicationSet WHEN rendered THEN every cluster owns its records under its own name', () => {
    const chart = addonAppSet(out, 'external-dns').spec.template.spec.sources.find((s: any) => s.chart === 'external-dns');
    expect(chart.helm.valuesObject).toEqual({ txtOwnerId: '{{ .name }}' });
    expect(chart.targetRevision).toBe(CATALOG['external-dns'].chart!.version);
  });

  it('GIVEN the EKS cluster prod-eks WHEN synthesized THEN its service account assumes its IAM role and no credentials object exists', () => {
    expect(valuesOf(out, 'clusters/prod-eks/addons/external-dns')).toEqual({
      serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/prod-eks-external-dns' } },
    });
    expect(unitOf(out, 'clusters/prod-eks/addons/external-dns')!.objects).toEqual([]);
  });

  it("GIVEN the kubeadm cluster dev-aws WHEN synthesized THEN the SDK's credentials come from a Secret written from its part of the store, and Prometheus scrapes it", () => {
    const fromSecret = (key: string) => ({ secretKeyRef: { name: 'external-dns-aws-credentials', key } });
    expect(valuesOf(out, 'clusters/dev-aws/addons/external-dns')).toEqual({
      env: [
        { name: 'AWS_ACCESS_KEY_ID', valueFrom: fromSecret('aws-access-key-id') },
        { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: fromSecret('aws-secret-access-key') },
        { name: 'AWS_DEFAULT_REGION', value: 'us-east-1' },
      ],
      serviceMonitor: { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } },
    });
    const objects = unitOf(out, 'clusters/dev-aws/addons/external-dns')!.objects as any[];
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['ExternalSecret/external-dns/external-dns-aws-credentials']);
    expect(objects[0].spec.data).toEqual([
      { secretKey: 'accessKeyId', remoteRef: { key: 'acme/dev-aws/external-dns-aws', property: 'access_key_id' } },
      { secretKey: 'secretAccessKey', remoteRef: { key: 'acme/dev-aws/external-dns-aws', property: 'secret_access_key' } },
    ]);
    expect(objects[0].spec.target.template.data).toEqual({ 'aws-access-key-id': '{{ .accessKeyId }}', 'aws-secret-access-key': '{{ .secretAccessKey }}' });
    expect(objects[0]).toMatchSnapshot();
  });
});

describe('external-dns: fleet-wide', () => {
  it.each([
    ['a fleet of EKS and kubeadm clusters', fleet, out],
    ['the example fleet', exampleFleet, exampleSynth()],
  ])('GIVEN %s WHEN the ApplicationSet selector is applied to the registrations THEN it selects exactly the clusters that run external-dns', (_t, f, o) => {
    expect(selectedBy(o, 'external-dns', f)).toEqual(syncedRunning(f, 'external-dns').map((c) => c.name).sort());
    for (const cluster of [f.hub, ...f.clusters]) {
      expect(cluster.labels[addonLabel('external-dns')], cluster.name).toBe(cluster.addons.includes('external-dns') ? 'true' : undefined);
    }
  });

  it.each([
    ['a fleet of EKS and kubeadm clusters', fleet, out],
    ['the example fleet', exampleFleet, exampleSynth()],
  ])('GIVEN every cluster of %s running external-dns WHEN synthesized THEN it reaches AWS one way: its IAM role, or the Secret its ExternalSecret writes and its pod reads', (_t, f, o) => {
    for (const cluster of running(f, 'external-dns')) {
      const values = valuesOf(o, `clusters/${cluster.name}/addons/external-dns`) as any;
      const secrets = unitOf(o, `clusters/${cluster.name}/addons/external-dns`)!.objects.filter((x) => x.kind === 'ExternalSecret') as any[];
      if (hasIrsa(cluster.provider)) {
        expect(values.serviceAccount.annotations['eks.amazonaws.com/role-arn'], cluster.name).toBe(`arn:aws:iam::111122223333:role/${cluster.name}-external-dns`);
        expect(secrets, cluster.name).toEqual([]);
        expect(values.env, cluster.name).toBeUndefined();
      } else {
        const referenced = [...new Set(values.env.flatMap((e: any) => (e.valueFrom ? [e.valueFrom.secretKeyRef.name] : [])))];
        expect(secrets.map((s) => s.spec.target.name), cluster.name).toEqual(referenced);
        const keys = values.env.flatMap((e: any) => (e.valueFrom ? [e.valueFrom.secretKeyRef.key] : []));
        expect(Object.keys(secrets[0].spec.target.template.data).sort(), cluster.name).toEqual(keys.sort());
        expect(values.serviceAccount, cluster.name).toBeUndefined();
      }
    }
  });

  it('GIVEN credentials written by External Secrets WHEN the fleet is written THEN every object validates against the upstream schemas', () => {
    const tool = validatorTool();
    if (!tool.available && !conformanceRequired) return;
    const { dir, cleanup } = tempDir();
    try {
      for (const [file, content] of out.files) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
      }
      const result = spawnSync(process.execPath, [VALIDATOR, '--crds', CRDS, dir], { encoding: 'utf8' });
      expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^validated \d+ objects: 0 errors, 0 unknown-field, \d+ unknown-kind$/);
    } finally {
      cleanup();
    }
  });
});
