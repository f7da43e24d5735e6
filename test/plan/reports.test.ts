import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../bench/generate-fleet';
import { fleetMermaid } from '../../outputs/graph/mermaid';
import { formatJson, formatMarkdown, formatText, MARKDOWN_PART_MAX, planChanges } from '../../outputs/plan';
import { changeLine, fieldLine, groups } from '../../outputs/plan/present';
import { example, planBetween, sideOfFiles, smallTable } from '../helpers/plan';

/** The example with prod-ap-southeast-1 moved to the early wave and the prod overlay's Velero values changed. */
function smallChange() {
  const head = example();
  head.clusters.find((c: any) => c.name === 'prod-ap-southeast-1').rolloutTier = 'early';
  head.environments.prod.addons.velero = { values: { image: { tag: 'v1.16.1' } } };
  return planBetween(example(), head);
}

const MERMAID = /```mermaid\n[\s\S]*?\n```/;

describe('plan: reports', () => {
  it('GIVEN a small change WHEN reported as text THEN it reads as in the snapshot', () => {
    expect(formatText(smallChange())).toMatchSnapshot();
  });

  it('GIVEN a small change WHEN reported as markdown THEN it is one part that reads as in the snapshot, with the fleet picture highlighting the affected clusters', () => {
    const plan = smallChange();
    const parts = formatMarkdown(plan);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.match(MERMAID)![0]).toBe(`\`\`\`mermaid\n${fleetMermaid(plan.fleet!, { highlight: new Set(plan.affected) }).trimEnd()}\n\`\`\``);
    expect(parts[0]!.replace(MERMAID, '(mermaid)')).toMatchSnapshot();
  });

  it('GIVEN a terminal WHEN colours are asked for THEN lines carry ANSI codes, and never otherwise', () => {
    const plan = smallChange();
    expect(formatText(plan, { color: true })).toContain('\u001b[33m  ~ ConfigMap fleet-system/fleet-cluster (clusters/prod-ap-southeast-1/configmap-fleet-cluster.yaml)\u001b[0m\n');
    expect(formatText(plan)).not.toContain('\u001b[');
  });

  it('GIVEN a change WHEN reported as JSON THEN keys are sorted and it has the counts per cluster, the destructive changes and the waves in order', () => {
    const json = JSON.parse(formatJson(smallChange()));
    expect(Object.keys(json)).toEqual(['affected', 'base', 'changed', 'changes', 'clusters', 'destructive', 'head', 'outsideWaves', 'removal', 'summary', 'upgrades', 'warnings', 'waves']);
    expect(json.upgrades).toEqual([]);
    expect(json.summary).toEqual({ added: 0, changed: 4, clustersAffected: 4, clustersTotal: 7, destructive: 0, removed: 0 });
    expect(json.clusters['prod-ap-southeast-1']).toEqual({ added: 0, changed: 4, environment: 'prod', previousWave: 'general', removed: 0, status: 'changed', wave: 'early' });
    expect(json.clusters['dev-us-east-1']).toEqual({ added: 0, changed: 0, environment: 'dev', removed: 0, status: 'unchanged', wave: 'dev' });
    expect(json.waves).toEqual([
      { clusters: ['prod-us-east-1'], name: 'canary', order: 0 },
      { clusters: ['prod-ap-southeast-1', 'prod-eu-west-1'], name: 'early', order: 1 },
      { clusters: ['prod-us-west-2'], name: 'general', order: 2 },
    ]);
    expect(json.destructive).toEqual([]);
    expect(json.changes[0]).toEqual({
      action: 'changed',
      clusters: ['prod-ap-southeast-1', 'prod-eu-west-1', 'prod-us-east-1', 'prod-us-west-2'],
      fields: [{ after: { tag: 'v1.16.1' }, path: 'image' }],
      file: 'platform/velero/overlays/prod/values.yaml',
      home: 'environment:prod',
      what: 'values.yaml',
    });
  });
});

describe('plan: markdown parts for pull-request comments', () => {
  // 150 generated clusters; every cluster's Velero locations and Thanos sidecar address change.
  const base = generateFleet(150);
  const head: any = structuredClone(base);
  head.platform = { ...head.platform, velero: { ...head.platform!.velero, bucket: 'acme-backups-{region}' }, thanos: { sidecarEndpoint: 'sidecar.{cluster}.thanos.acme.io:10901' } };
  const plan = planBetween(base, head);
  const parts = formatMarkdown(plan);

  it('GIVEN a large change WHEN split THEN there are several parts, each under 65,000 characters and saying "part i of n"', () => {
    expect(plan.changes.length).toBeGreaterThan(400);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part, i) => {
      expect(part.length).toBeLessThan(MARKDOWN_PART_MAX);
      expect(part.startsWith(`### fleetwright plan (part ${i + 1} of ${parts.length})\n`)).toBe(true);
      expect(part.match(/^```/gm)!.length % 2).toBe(0);
    });
    expect(parts[0]).toContain('- **clusters affected: 151 of 151');
  });

  it('GIVEN the parts WHEN put back together THEN every object and every field change is there exactly once, in order', () => {
    const fenced = parts.flatMap((part) => [...part.matchAll(/```diff\n([\s\S]*?)```\n/g)].map((m) => m[1]!));
    const expected = groups(plan).flatMap((g) =>
      g.changes.flatMap((c) => {
        const line = changeLine(c, g.home, plan.table.hub);
        return [c.action === 'changed' ? `!${line.slice(1)}` : line, ...c.fields.map((f) => `    ${fieldLine(f)}`)];
      }),
    );
    const lines = fenced.join('').split('\n').filter((l) => l !== '');
    expect(lines).toEqual(expected);
  });

  it('GIVEN long base and head labels WHEN split THEN the header\'s real length is reserved: every part stays under 65,000 characters, labels included', () => {
    const base = `origin/${'feature/'.repeat(40)}x (0123456789ab)`;
    const head = `${'/very/deep/checkout'.repeat(16)}/fleet.config.ts (working tree)`;
    expect(base.length + head.length).toBeGreaterThanOrEqual(500);
    const long = formatMarkdown({ ...plan, base, head });
    expect(long.length).toBeGreaterThan(1);
    long.forEach((part, i) => {
      expect(part.length).toBeLessThan(MARKDOWN_PART_MAX);
      expect(part.startsWith(`### fleetwright plan (part ${i + 1} of ${long.length})\n\n\`${base}\` → \`${head}\`${i > 0 ? ' (continued)' : ''}\n`)).toBe(true);
    });
    // The parts are still filled: the longest comes within a few lines of the limit.
    expect(Math.max(...long.map((p) => p.length))).toBeGreaterThan(MARKDOWN_PART_MAX - 2_000);
  });

  it('GIVEN labels longer than a part WHEN split THEN the header shows them cut in the middle and every part stays under the limit', () => {
    const base = `b${'a'.repeat(100_000)}`;
    const head = `h${'e'.repeat(100_000)}`;
    const long = formatMarkdown({ ...plan, base, head });
    long.forEach((part) => expect(part.length).toBeLessThan(MARKDOWN_PART_MAX));
    const shown = /^### fleetwright plan \(part 1 of \d+\)\n\n`([^`]*)` → `([^`]*)`\n/.exec(long[0]!)!;
    expect(shown[1]).toBe(`b${'a'.repeat(498)}…${'a'.repeat(499)}`);
    expect(shown[2]).toBe(`h${'e'.repeat(498)}…${'e'.repeat(499)}`);
  });

  it('GIVEN one object whose diff alone is longer than a part WHEN split THEN it is truncated with a note and the part stays under the limit', () => {
    const values = (v: number) => `${Array.from({ length: 4000 }, (_, i) => `key${i}: ${v}`).join('\n')}\n`;
    const big = planChanges(sideOfFiles({ 'clusters/a/addons/x/values.yaml': values(1) }, smallTable(), 'base'), sideOfFiles({ 'clusters/a/addons/x/values.yaml': values(2) }, smallTable(), 'head'));
    const split = formatMarkdown(big);
    expect(split).toHaveLength(1);
    expect(split[0]!.length).toBeLessThan(MARKDOWN_PART_MAX);
    expect(split[0]).toMatch(/\n {4}… diff truncated: \d+ more lines \(see --format text or json\)\n```\n$/);
  });
});
