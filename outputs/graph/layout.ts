/**
 * Lays the fleet out as a picture: the hub on top; below it one column per
 * environment (rollout order), its clusters grouped by region, each cluster a
 * box with its facts and a stripe in its wave's colour; the rollout waves as
 * a row of boxes at the bottom, in order. Tall environments continue in more
 * columns, so a 1,000-cluster fleet stays a picture a person can scroll.
 */
import type { Cluster, Fleet } from '../../model';
import { engineName, environmentGroups, hubSummary, kubernetesVersionText, spokeFacts, waveTitle, type EnvironmentGroup } from './facts';
import type { Scene, SceneBox, SceneLabel, SceneLine, SceneText } from './scene';
import { charsIn, LINE_HEIGHT, textWidth, wrap, wrapList } from './text';

const MARGIN = 24;
/** Space inside a box around its text. */
const PAD = 8;
/** Width of the wave stripe on a cluster box. */
const STRIPE = 6;
const BOX_WIDTH = 280;
/** Room left of the boxes of a column for the line from the environment. */
const TRUNK = 20;
const COLUMN_WIDTH = TRUNK + BOX_WIDTH;
const COLUMN_GAP = 24;
const ENVIRONMENT_GAP = 48;
const BOX_GAP = 10;
const REGION_HEIGHT = 24;
/** A column longer than this continues in the next one (more for big fleets, see columnMaxHeight). */
const COLUMN_MIN_MAX_HEIGHT = 1600;
/** Width over height the environments' columns aim at when a fleet needs many. */
const ASPECT = 1.5;
const WAVE_WIDTH = 220;
const WAVE_GAP = 40;
/** A wave box names its clusters up to this many. */
const WAVE_NAMES_MAX = 8;
const LEGEND = 'Red border: production (thick: protected); green: non-production; stripe: the wave\'s colour; dashed: applied by a Pulumi stack, not synced by the hub.';
/** Vertical room between the hub and the environments, for the lines. */
const FAN_OUT = 56;

/** One colour per wave (cycled), shared by the wave's box and its clusters' stripes. */
export const WAVE_COLOURS = ['#2563eb', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#92400e'] as const;

export function waveColour(index: number): string {
  return WAVE_COLOURS[index % WAVE_COLOURS.length]!;
}

/** Lines of text of a box `width` wide (stripe and padding taken off). */
function textLines(width: number, stripe: boolean): number {
  return charsIn(width - 2 * PAD - (stripe ? STRIPE : 0));
}

function boxHeight(lines: number): number {
  return 2 * PAD + lines * LINE_HEIGHT;
}

/** The facts of a spoke, wrapped to its box. */
export function clusterLines(fleet: Fleet, cluster: Cluster): SceneText[] {
  const max = textLines(BOX_WIDTH, true);
  const facts = spokeFacts(fleet, cluster);
  const detail = (text: string): SceneText[] => wrap(text, max).map((t) => ({ text: t, cls: 'detail' }));
  return [
    { text: facts.name, bold: true },
    ...detail(`${facts.region} · ${facts.provider}`),
    ...detail(`Kubernetes ${facts.version}`),
    ...detail(facts.flags.join(', ')),
    ...detail(facts.wave),
    ...(facts.addons.length > 0 ? wrapList(facts.addons, max) : ['no add-ons']).map((text) => ({ text, cls: 'addons' })),
  ];
}

/** A box's tooltip: its lines, with wrapped lists joined again. */
function tooltip(lines: readonly SceneText[]): string {
  return lines.map((l) => l.text).join('\n').replace(/,\n/g, ', ');
}

/** Each spoke's wrapped lines, computed once per picture. */
type ClusterTexts = ReadonlyMap<string, SceneText[]>;

interface Placed {
  readonly boxes: SceneBox[];
  readonly lines: SceneLine[];
  readonly labels: SceneLabel[];
  readonly width: number;
  readonly bottom: number;
  /** Where the line from the hub ends: the top centre of the header. */
  readonly entry: readonly [number, number];
}

type Item = { readonly kind: 'region'; readonly text: string } | { readonly kind: 'cluster'; readonly cluster: Cluster; readonly lines: SceneText[] };

function itemHeight(item: Item): number {
  return item.kind === 'region' ? REGION_HEIGHT : boxHeight(item.lines.length) + BOX_GAP;
}

/**
 * How tall a column may grow: 1,600 pixels, or for big fleets what makes all
 * the columns together about ASPECT times wider than tall (a 1,000-cluster
 * fleet is then a picture to scroll both ways, not a 25,000-pixel strip).
 */
function columnMaxHeight(texts: ClusterTexts): number {
  let total = 0;
  for (const lines of texts.values()) total += boxHeight(lines.length) + BOX_GAP;
  return Math.max(COLUMN_MIN_MAX_HEIGHT, Math.ceil(Math.sqrt((total * (COLUMN_WIDTH + COLUMN_GAP)) / ASPECT)));
}

/** Splits an environment's regions and clusters into columns no taller than `maxHeight`. */
function columns(texts: ClusterTexts, env: EnvironmentGroup, maxHeight: number): Item[][] {
  const out: Item[][] = [[]];
  let height = 0;
  for (const region of env.regions) {
    let first = true;
    for (const cluster of region.clusters) {
      const box: Item = { kind: 'cluster', cluster, lines: texts.get(cluster.name)! };
      const needed = itemHeight(box) + (first ? REGION_HEIGHT : 0);
      let column = out[out.length - 1]!;
      if (column.length > 0 && height + needed > maxHeight) {
        column = [];
        out.push(column);
        height = 0;
      }
      if (first || column.length === 0) {
        column.push({ kind: 'region', text: first ? region.region : `${region.region} (continued)` });
        height += REGION_HEIGHT;
      }
      column.push(box);
      height += itemHeight(box);
      first = false;
    }
  }
  return out;
}

function placeEnvironment(fleet: Fleet, texts: ClusterTexts, env: EnvironmentGroup, x: number, y: number, maxHeight: number): Placed {
  const cols = columns(texts, env, maxHeight);
  const width = cols.length * COLUMN_WIDTH + (cols.length - 1) * COLUMN_GAP;
  const delivery = env.delivery === 'gitops' ? `synced by the hub's ${engineName(fleet)}` : `applied by Pulumi stack ${env.name}`;
  const headerLines: SceneText[] = [
    { text: env.name, bold: true },
    ...wrap(`${env.tier} · ${env.size} cluster${env.size === 1 ? '' : 's'} · ${delivery}`, textLines(width, false)).map((t) => ({ text: t, cls: 'detail' })),
  ];
  const header: SceneBox = {
    x, y, width, height: boxHeight(headerLines.length),
    cls: `environment ${env.tier} ${env.delivery}`,
    lines: headerLines,
    id: `environment-${env.name}`,
  };
  const boxes: SceneBox[] = [header];
  const lines: SceneLine[] = [];
  const labels: SceneLabel[] = [];
  const top = y + header.height;
  let bottom = top;
  cols.forEach((column, c) => {
    const colX = x + c * (COLUMN_WIDTH + COLUMN_GAP);
    const trunkX = colX + TRUNK / 2;
    let cursor = top + BOX_GAP;
    let lastMid = top;
    for (const item of column) {
      if (item.kind === 'region') {
        labels.push({ x: colX + TRUNK, y: cursor + REGION_HEIGHT - 8, text: item.text, cls: 'region' });
        cursor += REGION_HEIGHT;
        continue;
      }
      const height = boxHeight(item.lines.length);
      const wave = fleet.rollout.waves.find((w) => w.name === item.cluster.wave);
      boxes.push({
        x: colX + TRUNK, y: cursor, width: BOX_WIDTH, height,
        cls: `cluster ${item.cluster.tier}${item.cluster.protected ? ' protected' : ''}`,
        lines: item.lines,
        title: tooltip(item.lines),
        id: `cluster-${item.cluster.name}`,
        ...(wave ? { stripe: waveColour(wave.index) } : {}),
      });
      lastMid = cursor + Math.round(height / 2);
      lines.push({ points: [[trunkX, lastMid], [colX + TRUNK, lastMid]], cls: `link ${env.delivery}` });
      cursor += height + BOX_GAP;
    }
    if (lastMid > top) lines.push({ points: [[trunkX, top], [trunkX, lastMid]], cls: `link ${env.delivery}` });
    bottom = Math.max(bottom, cursor);
  });
  return { boxes, lines, labels, width, bottom, entry: [x + Math.round(width / 2), y] };
}

function placeWaves(fleet: Fleet, y: number): { boxes: SceneBox[]; lines: SceneLine[]; labels: SceneLabel[]; width: number; bottom: number } {
  const rollout = fleet.rollout;
  const upgrade = rollout.upgrade
    ? `; Kubernetes upgrade to ${kubernetesVersionText({ kubernetesVersion: rollout.upgrade.kubernetesVersion })} through wave ${rollout.upgrade.throughWave}`
    : '';
  const labels: SceneLabel[] = [{ x: MARGIN, y, text: `Rollout waves, in order (by ${rollout.by})${upgrade}`, cls: 'heading' }];
  const max = textLines(WAVE_WIDTH, true);
  const contents = rollout.waves.map((wave): SceneText[] => {
    const names = wave.clusters.slice(0, WAVE_NAMES_MAX).flatMap((n) => wrap(n, max));
    const more = wave.clusters.length > WAVE_NAMES_MAX ? [`… and ${wave.clusters.length - WAVE_NAMES_MAX} more`] : [];
    const pace = wave.maxUpdate === '100%' ? 'all at once' : `${wave.maxUpdate} at a time`;
    return [
      { text: waveTitle(wave), bold: true },
      { text: `${wave.clusters.length} cluster${wave.clusters.length === 1 ? '' : 's'}, ${pace}`, cls: 'detail' },
      ...[...names, ...more].map((text) => ({ text })),
    ];
  });
  const height = boxHeight(Math.max(0, ...contents.map((c) => c.length)));
  const top = y + 12;
  const boxes = rollout.waves.map((wave, i): SceneBox => ({
    x: MARGIN + i * (WAVE_WIDTH + WAVE_GAP), y: top, width: WAVE_WIDTH, height,
    cls: 'wave', lines: contents[i]!, id: `wave-${i + 1}`, stripe: waveColour(wave.index),
    title: [`wave ${waveTitle(wave)}`, ...wave.clusters].join('\n'),
  }));
  const mid = top + 2 * PAD + LINE_HEIGHT / 2;
  const lines = boxes.slice(1).map((b): SceneLine => ({ points: [[b.x - WAVE_GAP, mid], [b.x, mid]], cls: 'order', arrow: true }));
  const width = rollout.waves.length * (WAVE_WIDTH + WAVE_GAP) - WAVE_GAP;
  return { boxes, lines, labels, width, bottom: top + height };
}

/** The whole picture. */
export function layoutFleet(fleet: Fleet): Scene {
  const title = `Fleet ${fleet.name}: hub ${fleet.hub.name}, ${fleet.clusters.length} cluster${fleet.clusters.length === 1 ? '' : 's'} in ${fleet.environments.length} environment${fleet.environments.length === 1 ? '' : 's'}, ${fleet.rollout.waves.length} rollout wave${fleet.rollout.waves.length === 1 ? '' : 's'}`;
  const hubMax = textLines(BOX_WIDTH, false);
  const hubLines: SceneText[] = [
    { text: fleet.hub.name, bold: true },
    ...wrap(`hub · ${hubSummary(fleet)}`, hubMax).map((text) => ({ text, cls: 'detail' })),
    ...(fleet.hub.addons.length > 0 ? wrapList(fleet.hub.addons, hubMax) : ['no add-ons']).map((text) => ({ text, cls: 'addons' })),
  ];
  const hubTop = MARGIN + 24;
  const hubHeight = boxHeight(hubLines.length);
  const envTop = hubTop + hubHeight + FAN_OUT;

  const groups = environmentGroups(fleet);
  const placed: Placed[] = [];
  const texts: ClusterTexts = new Map(fleet.clusters.map((c) => [c.name, clusterLines(fleet, c)]));
  const maxHeight = columnMaxHeight(texts);
  let x = MARGIN;
  for (const env of groups) {
    const p = placeEnvironment(fleet, texts, env, x, envTop, maxHeight);
    placed.push(p);
    x += p.width + ENVIRONMENT_GAP;
  }
  const columnsWidth = Math.max(BOX_WIDTH, x - ENVIRONMENT_GAP - MARGIN);
  const hubX = MARGIN + Math.max(0, Math.round((Math.min(columnsWidth, 2400) - BOX_WIDTH) / 2));
  const hub: SceneBox = { x: hubX, y: hubTop, width: BOX_WIDTH, height: hubHeight, cls: 'hub', lines: hubLines, id: 'hub', title: tooltip(hubLines) };

  const hubBottom: readonly [number, number] = [hubX + BOX_WIDTH / 2, hubTop + hubHeight];
  const fanY = hubBottom[1] + Math.round(FAN_OUT / 2);
  const fan: SceneLine[] = [];
  const fanLabels: SceneLabel[] = [];
  groups.forEach((env, i) => {
    if (env.delivery !== 'gitops') return;
    const [ex, ey] = placed[i]!.entry;
    fan.push({ points: [hubBottom, [hubBottom[0], fanY], [ex, fanY], [ex, ey]], cls: 'link gitops', arrow: true });
  });
  if (fan.length > 0) fanLabels.push({ x: hubBottom[0] + 6, y: hubBottom[1] + 16, text: engineName(fleet), cls: 'engine' });

  const wavesTop = Math.max(...placed.map((p) => p.bottom), envTop) + 40;
  const waves = placeWaves(fleet, wavesTop);
  const width = 2 * MARGIN + Math.max(columnsWidth, waves.width);
  const legend: SceneLabel = { x: MARGIN, y: waves.bottom + 28, text: LEGEND, cls: 'legend' };
  return {
    width: Math.max(width, 2 * MARGIN + textWidth(LEGEND)),
    height: legend.y + MARGIN,
    title,
    boxes: [hub, ...placed.flatMap((p) => p.boxes), ...waves.boxes],
    lines: [...fan, ...placed.flatMap((p) => p.lines), ...waves.lines],
    labels: [{ x: MARGIN, y: MARGIN + 4, text: title, cls: 'heading' }, ...fanLabels, ...placed.flatMap((p) => p.labels), ...waves.labels, legend],
  };
}
