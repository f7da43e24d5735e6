/**
 * Benchmark for `outputs/yaml/stringify.ts` (not a test): serializes 30,000
 * Kubernetes-shaped objects (~1 KB of YAML each) with JSON.stringify, our
 * serializer and the `yaml` package (cdk8s settings), printing the median of
 * several runs and the ratio to JSON.stringify.
 *
 * Usage: npx tsx scripts/bench-yaml.ts [objects=30000] [runs=5]
 */
import YAML from 'yaml';
import { stringifyDocument } from '../outputs/yaml/stringify';

const count = Number(process.argv[2] ?? 30_000);
const runs = Number(process.argv[3] ?? 5);

function object(i: number): unknown {
  const name = `app-${i % 997}-svc-${i}`;
  // A function, not a shared object: cdk8s output has no shared references (the yaml package would emit aliases).
  const labels = () => ({
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': `${name}-prod`,
    'app.kubernetes.io/managed-by': 'fleetwright',
    'fleetwright.dev/cluster': `cluster-${i % 40}`,
  });
  if (i % 3 === 0) {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: `team-${i % 17}`, labels: labels() },
      data: {
        'config.yaml': `server:\n  port: ${8000 + (i % 100)}\n  host: 0.0.0.0\nlog:\n  level: info\n`,
        LOG_LEVEL: 'info',
        ENABLED: 'true',
        TIMEOUT: '30s',
        RATIO: '0.75',
      },
    };
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: `team-${i % 17}`, labels: labels(), annotations: { 'argocd.argoproj.io/sync-wave': String(i % 5) } },
    spec: {
      replicas: 1 + (i % 4),
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: labels() },
        spec: {
          containers: [
            {
              name: 'main',
              image: `ghcr.io/acme/${name}:1.27.${i % 10}`,
              args: ['--config=/etc/app/config.yaml', '--verbose'],
              ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
              env: [{ name: 'REGION', value: 'eu-west-1' }, { name: 'DEBUG', value: 'no' }],
              resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
              securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true },
            },
          ],
          volumes: [],
        },
      },
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(label: string, fn: (o: unknown) => string, objects: unknown[], baseline?: number): number {
  const samples: number[] = [];
  let bytes = 0;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    bytes = 0;
    for (const o of objects) bytes += fn(o).length;
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const ms = median(samples);
  const ratio = baseline ? ` (${(ms / baseline).toFixed(2)}x JSON.stringify)` : '';
  console.log(`${label.padEnd(16)} ${ms.toFixed(1).padStart(8)} ms  ${(bytes / count).toFixed(0)} chars/object${ratio}`);
  return ms;
}

const objects = Array.from({ length: count }, (_, i) => object(i));
console.log(`${count} objects, median of ${runs} runs`);
const json = time('JSON.stringify', (o) => JSON.stringify(o), objects);
time('stringify.ts', stringifyDocument, objects, json);
time('yaml (cdk8s)', (o) => YAML.stringify(o, { lineWidth: 0, version: '1.1' }), objects, json);
