import { describe, expect, it } from 'vitest';
import { resolveFleet, type Fleet } from '../../model';
import { clusterNodeId, fleetMermaid, HUB_NODE_ID, MERMAID_DETAIL_MAX_CLUSTERS, MERMAID_MAX_CHARS } from '../../outputs/graph';
import { exampleFleet } from '../helpers/example';
import { AWKWARD_NAMES, awkwardDefinition, generatedFleet, smallFleet } from './fleets';
import { classOf, readMermaid } from './mermaid-check';

/** GitHub refuses to render Mermaid sources longer than this. */
const GITHUB_MERMAID_LIMIT = 50_000;

describe('fleetMermaid: the fleet as a Mermaid flowchart', () => {
  it('GIVEN a three-cluster fleet WHEN drawn THEN the source is exactly the hub, environments by region, waves in order and classes', () => {
    expect(fleetMermaid(smallFleet)).toBe(
      [
        'flowchart LR',
        '  %% fleet acme: hub management, 3 clusters, 3 waves',
        '  fleet_hub["management<br>hub · us-east-1 · pulumi-eks · 1.34<br>no add-ons"]',
        '  subgraph e0["dev · non-production · 1 cluster"]',
        '    subgraph e0r0["us-east-1"]',
        '      c_dev_aws["dev-aws<br>capi-aws · 1.35.1 (from 1.34.2) · non-production<br>wave 1 dev<br>cilium"]',
        '    end',
        '  end',
        '  subgraph e1["prod · production · 2 clusters"]',
        '    subgraph e1r0["eu-west-1"]',
        '      c_prod_eks["prod-eks<br>capi-aws-eks · 1.34 · production, protected<br>wave 3 general<br>argo-rollouts, ingress-nginx"]',
        '    end',
        '    subgraph e1r1["us-east-1"]',
        '      c_prod_pulumi["prod-pulumi<br>pulumi-eks · 1.34 · production, protected<br>wave 2 canary<br>argo-rollouts, ingress-nginx"]',
        '    end',
        '  end',
        '  e0_stack("Pulumi stack dev") -.->|"pulumi up"| e0',
        '  fleet_hub -->|"Argo CD"| e1',
        '  subgraph rollout["rollout waves, by rollout-tier · upgrade to 1.35.1 through wave dev"]',
        '    direction LR',
        '    w0["1 dev<br>all at once<br>dev-aws"]',
        '    w1["2 canary<br>1 at a time<br>prod-pulumi"]',
        '    w2["3 general<br>50% at a time<br>prod-eks"]',
        '    w0 --> w1 --> w2',
        '  end',
        '  classDef hub fill:#dbeafe,stroke:#1d4ed8,stroke-width:2px',
        '  classDef production fill:#fef2f2,stroke:#b91c1c',
        '  classDef nonProduction fill:#f0fdf4,stroke:#15803d',
        '  classDef wave fill:#f5f3ff,stroke:#6d28d9',
        '  classDef highlight fill:#fef08a,stroke:#a16207,stroke-width:4px',
        '  class fleet_hub hub',
        '  class c_dev_aws nonProduction',
        '  class c_prod_eks,c_prod_pulumi production',
        '  class w0,w1,w2 wave',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN the example fleet WHEN drawn THEN it matches the snapshot', () => {
    expect(fleetMermaid(exampleFleet)).toMatchSnapshot();
  });

  it('GIVEN the same fleet drawn twice, once from a definition with clusters in reverse order, WHEN compared THEN the sources are identical', () => {
    const d = awkwardDefinition();
    const reversed = { ...d, clusters: [...d.clusters].reverse() };
    expect(fleetMermaid(resolveFleet(reversed))).toBe(fleetMermaid(resolveFleet(d)));
  });

  it('GIVEN highlighted clusters, the hub and an unknown name WHEN drawn THEN exactly those nodes and the waves holding them get the highlight class', () => {
    const graph = readMermaid(fleetMermaid(smallFleet, { highlight: new Set(['prod-eks', 'management', 'not-a-cluster']) }));
    expect(graph.classes.get('highlight')).toEqual([HUB_NODE_ID, 'c_prod_eks', 'w2']);
    expect(classOf(graph, 'c_prod_pulumi')).toEqual(['production']);
    expect(classOf(graph, 'w1')).toEqual(['wave']);
    expect(classOf(graph, 'c_prod_eks')).toEqual(['highlight']);
  });

  it('GIVEN no highlight WHEN drawn THEN no node has the highlight class', () => {
    expect(readMermaid(fleetMermaid(exampleFleet)).classes.has('highlight')).toBe(false);
  });

  it('GIVEN clusters named like Mermaid keywords and edge syntax WHEN drawn THEN every id is prefixed, distinct and readable, and the labels keep the names', () => {
    const fleet = resolveFleet(awkwardDefinition());
    const graph = readMermaid(fleetMermaid(fleet, { highlight: new Set(['end', 'o']) }));
    expect(AWKWARD_NAMES.map(clusterNodeId)).toEqual(['c_end', 'c_subgraph', 'c_class', 'c_o', 'c_x_1', 'c_0_graph']);
    for (const name of AWKWARD_NAMES) expect(graph.nodes.get(clusterNodeId(name))?.[0]).toBe(name);
    expect(graph.classes.get('highlight')).toEqual(['c_end', 'c_o', 'w0']);
  });

  it('GIVEN text with quotes, #, <, >, & and backticks in names WHEN drawn THEN the labels carry them as entity codes and read back unchanged', () => {
    const weird = 'a"b<c>#d&e`f|g[h]i{j}k(l)m';
    const fleet: Fleet = {
      ...smallFleet,
      hub: { ...smallFleet.hub, name: weird },
      environments: smallFleet.environments.map((e) => (e.name === 'prod' ? { ...e, name: weird } : e)),
      clusters: smallFleet.clusters.map((c) => (c.environment === 'prod' ? { ...c, environment: weird, region: weird } : c)),
    };
    const source = fleetMermaid(fleet);
    expect(source).toContain('fleet_hub["a#34;b#60;c#62;#35;d#38;e#96;f|g[h]i{j}k(l)m<br>');
    const graph = readMermaid(source);
    expect(graph.nodes.get(HUB_NODE_ID)?.[0]).toBe(weird);
    expect(graph.subgraphs.get('e1')?.label).toEqual([`${weird} · production · 2 clusters`]);
    expect(graph.subgraphs.get('e1r0')?.label).toEqual([weird]);
  });

  it('GIVEN the example fleet WHEN drawn THEN every cluster is a node in its environment and region, with its wave and add-ons, and the waves are chained in order', () => {
    const graph = readMermaid(fleetMermaid(exampleFleet));
    for (const cluster of exampleFleet.clusters) {
      const id = clusterNodeId(cluster.name);
      const label = graph.nodes.get(id)!;
      expect(label[0], cluster.name).toBe(cluster.name);
      const wave = exampleFleet.rollout.waves.find((w) => w.name === cluster.wave)!;
      expect(label[2], cluster.name).toBe(`wave ${wave.index + 1} ${wave.name}`);
      expect(label.slice(3).join(', ').split(', '), cluster.name).toEqual([...cluster.addons]);
      const region = [...graph.subgraphs].find(([, s]) => s.members.includes(id))!;
      expect(region[1].label, cluster.name).toEqual([cluster.region]);
      const env = [...graph.subgraphs].find(([, s]) => s.members.includes(region[0]))!;
      expect(env[1].label[0]!.split(' · ')[0], cluster.name).toBe(cluster.environment);
    }
    expect(graph.subgraphs.get('rollout')?.members).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
    expect(graph.edges.filter((e) => e.from.startsWith('w'))).toEqual([
      { from: 'w0', to: 'w1' }, { from: 'w1', to: 'w2' }, { from: 'w2', to: 'w3' }, { from: 'w3', to: 'w4' },
    ]);
    expect(exampleFleet.rollout.waves.map((_, i) => graph.nodes.get(`w${i}`)![0])).toEqual(['1 dev', '2 staging', '3 canary', '4 early', '5 general']);
    expect(graph.nodes.get('w4')!.slice(2)).toEqual(['prod-ap-southeast-1', 'prod-us-west-2']);
  });

  it('GIVEN the example fleet WHEN drawn THEN the hub links to the environments its Argo CD syncs and dev is applied by its Pulumi stack', () => {
    const graph = readMermaid(fleetMermaid(exampleFleet));
    expect(graph.edges.filter((e) => !e.from.startsWith('w'))).toEqual([
      { from: 'e0_stack', to: 'e0', label: 'pulumi up' },
      { from: HUB_NODE_ID, to: 'e1', label: 'Argo CD' },
      { from: HUB_NODE_ID, to: 'e2', label: 'Argo CD' },
    ]);
    expect(graph.nodes.get(HUB_NODE_ID)).toEqual(['management', 'hub · us-east-1 · pulumi-eks · 1.34', 'cert-manager, external-secrets, kube-prometheus-stack', 'thanos']);
  });

  it(`GIVEN ${MERMAID_DETAIL_MAX_CLUSTERS} clusters WHEN drawn THEN every cluster is still a node, under the size budget`, () => {
    const fleet = generatedFleet(MERMAID_DETAIL_MAX_CLUSTERS);
    const source = fleetMermaid(fleet);
    expect(source.length).toBeLessThanOrEqual(MERMAID_MAX_CHARS);
    const graph = readMermaid(source);
    for (const c of fleet.clusters) expect(graph.nodes.has(clusterNodeId(c.name)), c.name).toBe(true);
  });

  it('GIVEN a budget smaller than the detailed source WHEN drawn THEN the example fleet is summarized: one node per region, no cluster node', () => {
    const source = fleetMermaid(exampleFleet, { maxChars: 2000 });
    const graph = readMermaid(source);
    expect(source).toContain('(summarized)');
    expect([...graph.nodes.keys()].filter((id) => id.startsWith('c_'))).toEqual([]);
    expect(graph.nodes.get('e2r0')).toEqual([
      'ap-southeast-1', '1 cluster',
      'all run: argo-rollouts, cert-manager, external-dns', 'external-secrets, ingress-nginx, kube-prometheus-stack', 'kyverno, thanos, velero',
    ]);
  });

  it('GIVEN 500 generated clusters WHEN drawn THEN it is summarized per environment, region and wave, far under GitHub\'s limit, and the counts add up', () => {
    const fleet = generatedFleet(500);
    const marked = new Set(fleet.clusters.filter((c) => c.environment === 'prod' && c.region === 'eu-west-1').map((c) => c.name));
    const source = fleetMermaid(fleet, { highlight: marked });
    expect(source.length).toBeLessThan(GITHUB_MERMAID_LIMIT / 5);
    const graph = readMermaid(source);
    expect([...graph.nodes.keys()].some((id) => id.startsWith('c_'))).toBe(false);
    const regionCounts = [...graph.nodes].filter(([id]) => /^e\d+r\d+$/.test(id)).map(([, label]) => Number(label[1]!.split(' ')[0]));
    expect(regionCounts.reduce((a, b) => a + b, 0)).toBe(500);
    const waveCounts = fleet.rollout.waves.map((_, i) => graph.nodes.get(`w${i}`)!);
    expect(waveCounts.map((l) => l[2])).toEqual(fleet.rollout.waves.map((w) => `${w.clusters.length} clusters`));
    const [prodEuWest] = [...graph.subgraphs.get('e2')!.members].filter((id) => graph.nodes.get(id)![0] === 'eu-west-1');
    expect(classOf(graph, prodEuWest!)).toEqual(['highlight']);
    expect(graph.nodes.get(prodEuWest!)![2]).toBe(`marked ${marked.size}: ${[...marked].sort().slice(0, 2).join(', ')}`);
    expect(graph.classes.get('highlight')!.filter((id) => /^e\d+r\d+$/.test(id))).toEqual([prodEuWest]);
  });

  it('GIVEN 1,000 generated clusters WHEN drawn THEN the summary lists each region\'s add-ons, those on every cluster and those on some', () => {
    const fleet = generatedFleet(1000);
    const graph = readMermaid(fleetMermaid(fleet));
    const label = [...graph.nodes].find(([id, l]) => id.startsWith('e0r') && l.some((x) => x.startsWith('some run:')))![1];
    const region = label[0]!;
    const clusters = fleet.clusters.filter((c) => c.environment === 'dev' && c.region === region);
    const cilium = clusters.filter((c) => c.addons.includes('cilium')).length;
    expect(label.slice(1)).toEqual([
      `${clusters.length} clusters`,
      'all run: argo-rollouts, cert-manager, external-dns',
      'external-secrets, ingress-nginx, kube-prometheus-stack',
      'kyverno, thanos, velero',
      `some run: cilium on ${cilium}`,
    ]);
  });
});
