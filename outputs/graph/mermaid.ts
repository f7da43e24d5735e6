/**
 * The fleet as a Mermaid flowchart: the hub, its spokes grouped by
 * environment (rollout order) and region, each spoke with its provider,
 * Kubernetes version, tier, wave and add-ons; then the rollout waves as an
 * ordered chain. Big fleets are summarized (counts per region and wave) so the
 * source stays well under what GitHub renders.
 *
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
import type { Cluster, Fleet, Wave } from '../../model';
import { mermaidText } from './escape';
import { compare, engineName, environmentGroups, hubSummary, spokeFacts, waveTitle, type EnvironmentGroup, type RegionGroup } from './facts';

export interface FleetMermaidOptions {
  /**
   * Clusters to mark (class `highlight`), e.g. those a change affects. The
   * hub's name marks the hub; names that are not in the fleet are ignored.
   * Waves holding a marked cluster are marked too.
   * @default - nothing is marked
   */
  readonly highlight?: ReadonlySet<string>;
  /**
   * Longest detailed source; a longer one (or a fleet over
   * MERMAID_DETAIL_MAX_CLUSTERS) is summarized. Lower it to leave room in a
   * pull-request comment.
   * @default MERMAID_MAX_CHARS
   */
  readonly maxChars?: number;
}

/** Fleets with more spokes than this are summarized: counts per region and wave instead of a node per cluster. */
export const MERMAID_DETAIL_MAX_CLUSTERS = 100;

/**
 * Longest detailed source; a longer one is summarized. GitHub refuses
 * diagrams over 50,000 characters, and a plan comment holds other text too.
 */
export const MERMAID_MAX_CHARS = 40_000;

/** Add-ons per label line. */
const ADDONS_PER_LINE = 3;
/** A wave node names its clusters up to this many, else counts them. */
const WAVE_NAMES_MAX = 4;
/** A summarized region names its marked clusters up to this many. */
const MARKED_NAMES_MAX = 5;

const CLASS_DEFS = [
  'classDef hub fill:#dbeafe,stroke:#1d4ed8,stroke-width:2px',
  'classDef production fill:#fef2f2,stroke:#b91c1c',
  'classDef nonProduction fill:#f0fdf4,stroke:#15803d',
  'classDef wave fill:#f5f3ff,stroke:#6d28d9',
  'classDef highlight fill:#fef08a,stroke:#a16207,stroke-width:4px',
];

/** Mermaid `flowchart` source (without code fences) of the fleet. Deterministic. */
export function fleetMermaid(fleet: Fleet, options: FleetMermaidOptions = {}): string {
  const highlight = options.highlight ?? new Set<string>();
  if (fleet.clusters.length <= MERMAID_DETAIL_MAX_CLUSTERS) {
    const detailed = render(fleet, highlight, 'detailed');
    if (detailed.length <= (options.maxChars ?? MERMAID_MAX_CHARS)) return detailed;
  }
  return render(fleet, highlight, 'summary');
}

/** Node id of a spoke: `c_` and its name with '-' as '_' (names are DNS-1123 labels, so this is one-to-one and never a keyword). */
export function clusterNodeId(name: string): string {
  return `c_${name.replace(/[^a-z0-9]/g, '_')}`;
}

export const HUB_NODE_ID = 'fleet_hub';

type Mode = 'detailed' | 'summary';

function render(fleet: Fleet, highlight: ReadonlySet<string>, mode: Mode): string {
  const lines: string[] = ['flowchart LR'];
  const classes = new Map<string, string[]>();
  const mark = (cls: string, id: string) => classes.set(cls, [...(classes.get(cls) ?? []), id]);
  const marked = (c: Cluster) => highlight.has(c.name);

  lines.push(`  %% fleet ${mermaidText(fleet.name)}: hub ${mermaidText(fleet.hub.name)}, ${count(fleet.clusters.length, 'cluster')}, ${count(fleet.rollout.waves.length, 'wave')}${mode === 'summary' ? ' (summarized)' : ''}`);
  const hubAddons = fleet.hub.addons.length > 0 ? addonLines(fleet.hub.addons) : ['no add-ons'];
  lines.push(`  ${HUB_NODE_ID}${label([fleet.hub.name, `hub · ${hubSummary(fleet)}`, ...hubAddons])}`);
  mark(highlight.has(fleet.hub.name) ? 'highlight' : 'hub', HUB_NODE_ID);

  const groups = environmentGroups(fleet);
  groups.forEach((env, e) => {
    const envId = `e${e}`;
    lines.push(`  subgraph ${envId}${label([`${env.name} · ${env.tier} · ${count(env.size, 'cluster')}`])}`);
    env.regions.forEach((region, r) => {
      const regionId = `${envId}r${r}`;
      if (mode === 'detailed') {
        lines.push(`    subgraph ${regionId}${label([region.region])}`);
        for (const cluster of region.clusters) {
          const id = clusterNodeId(cluster.name);
          lines.push(`      ${id}${label(spokeLines(fleet, cluster))}`);
          mark(marked(cluster) ? 'highlight' : tierClass(cluster.tier), id);
        }
        lines.push('    end');
      } else {
        lines.push(`    ${regionId}${label(regionSummary(region, highlight))}`);
        mark(region.clusters.some(marked) ? 'highlight' : tierClass(env.tier), regionId);
      }
    });
    lines.push('  end');
  });
  groups.forEach((env, e) => lines.push(...deliveryEdge(fleet, env, `e${e}`)));

  lines.push(`  subgraph rollout${label([`rollout waves, by ${fleet.rollout.by}${fleet.rollout.upgrade ? ` · upgrade to ${versionText(fleet)} through wave ${fleet.rollout.upgrade.throughWave}` : ''}`])}`);
  lines.push('    direction LR');
  fleet.rollout.waves.forEach((wave, w) => {
    const id = `w${w}`;
    lines.push(`    ${id}${label(waveLines(wave, highlight))}`);
    mark(wave.clusters.some((c) => highlight.has(c)) ? 'highlight' : 'wave', id);
  });
  if (fleet.rollout.waves.length > 1) lines.push(`    ${fleet.rollout.waves.map((_, w) => `w${w}`).join(' --> ')}`);
  lines.push('  end');

  lines.push(...CLASS_DEFS.map((d) => `  ${d}`));
  for (const cls of [...classes.keys()].sort(compare)) lines.push(`  class ${classes.get(cls)!.join(',')} ${cls}`);
  return `${lines.join('\n')}\n`;
}

function spokeLines(fleet: Fleet, cluster: Cluster): string[] {
  const facts = spokeFacts(fleet, cluster);
  return [facts.name, `${facts.provider} · ${facts.version} · ${facts.flags.join(', ')}`, facts.wave, ...(facts.addons.length > 0 ? addonLines(facts.addons) : ['no add-ons'])];
}

function regionSummary(region: RegionGroup, highlight: ReadonlySet<string>): string[] {
  const size = region.clusters.length;
  const perAddon = new Map<string, number>();
  for (const c of region.clusters) for (const a of c.addons) perAddon.set(a, (perAddon.get(a) ?? 0) + 1);
  const addons = [...perAddon].sort(([a], [b]) => compare(a, b));
  const everywhere = addons.filter(([, n]) => n === size).map(([a]) => a);
  const some = addons.filter(([, n]) => n < size).map(([a, n]) => `${a} on ${n}`);
  const markedNames = region.clusters.filter((c) => highlight.has(c.name)).map((c) => c.name);
  return [
    region.region,
    count(size, 'cluster'),
    ...(markedNames.length > 0
      ? prefixed(`marked ${markedNames.length}: `, chunk([...markedNames.slice(0, MARKED_NAMES_MAX), ...(markedNames.length > MARKED_NAMES_MAX ? ['…'] : [])], 2).map((l) => l.join(', ')))
      : []),
    ...prefixed('all run: ', addonLines(everywhere)),
    ...prefixed('some run: ', addonLines(some)),
    ...(addons.length === 0 ? ['no add-ons'] : []),
  ];
}

function waveLines(wave: Wave, highlight: ReadonlySet<string>): string[] {
  const members = wave.clusters.length <= WAVE_NAMES_MAX ? [...wave.clusters] : [count(wave.clusters.length, 'cluster')];
  const markedCount = wave.clusters.length > WAVE_NAMES_MAX ? wave.clusters.filter((c) => highlight.has(c)).length : 0;
  const pace = wave.maxUpdate === '100%' ? 'all at once' : `${wave.maxUpdate} at a time`;
  return [waveTitle(wave), pace, ...members, ...(markedCount > 0 ? [`marked ${markedCount}`] : [])];
}

/** The hub's engine syncs GitOps environments; Pulumi environments are applied by their stack. */
function deliveryEdge(fleet: Fleet, env: EnvironmentGroup, envId: string): string[] {
  if (env.delivery === 'gitops') return [`  ${HUB_NODE_ID} -->|${quoted([engineName(fleet)])}| ${envId}`];
  return [`  ${envId}_stack(${quoted([`Pulumi stack ${env.name}`])}) -.->|"pulumi up"| ${envId}`];
}

function versionText(fleet: Fleet): string {
  const v = fleet.rollout.upgrade!.kubernetesVersion;
  return v.patch === undefined ? `1.${v.minor}` : `1.${v.minor}.${v.patch}`;
}

function tierClass(tier: Cluster['tier']): string {
  return tier === 'production' ? 'production' : 'nonProduction';
}

/** `prefix` before the first line. */
function prefixed(prefix: string, lines: readonly string[]): string[] {
  return lines.map((l, i) => (i === 0 ? `${prefix}${l}` : l));
}

function addonLines(addons: readonly string[]): string[] {
  return chunk(addons, ADDONS_PER_LINE).map((l) => l.join(', '));
}

/** A rectangle's label: quoted, escaped, lines joined with `<br>`. */
function label(lines: readonly string[]): string {
  return `[${quoted(lines)}]`;
}

function quoted(lines: readonly string[]): string {
  return `"${lines.map(mermaidText).join('<br>')}"`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
