import { describe, expect, it } from 'vitest';
import { resolveFleet, type Fleet } from '../../model';
import { fleetHtml, fleetSvg } from '../../outputs/graph';
import { layoutFleet } from '../../outputs/graph/layout';
import type { SceneBox } from '../../outputs/graph/scene';
import { wrap, wrapList } from '../../outputs/graph/text';
import { exampleFleet } from '../helpers/example';
import { generatedFleet, smallDefinition, smallFleet } from './fleets';
import { allText, parseXml, XmlError, type XmlElement } from './xml';

/** The `<g id="cluster-…">` of each cluster, with its text lines. */
function clusterGroups(root: XmlElement): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (e: XmlElement) => {
    const id = e.attributes.id;
    if (e.name === 'g' && id?.startsWith('cluster-')) out.set(id.slice('cluster-'.length), e.children.filter((c) => c.name === 'text').map((c) => c.text));
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

function overlaps(a: SceneBox, b: SceneBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('the XML check the picture tests rely on', () => {
  it.each([
    ['an unclosed element', '<svg><g></svg>', '</svg> closes <g>'],
    ['a raw < in text', '<svg><text>a < b</text></svg>', 'malformed tag'],
    ['a stray &', '<svg><text>a & b</text></svg>', '"&" not starting an entity in <text>'],
    ['an unquoted attribute', '<svg width=3></svg>', 'malformed tag <svg>'],
    ['two roots', '<svg/><svg/>', 'second root element <svg>'],
  ])('GIVEN %s WHEN checked THEN it is refused', (_title, source, message) => {
    expect(() => parseXml(source)).toThrow(XmlError);
    expect(() => parseXml(source)).toThrow(message);
  });
});

describe('text wrapping of the picture', () => {
  it('GIVEN a sentence and a list WHEN wrapped at 20 characters THEN lines break at spaces and items stay whole', () => {
    expect(wrap('production, protected, DR standby', 20)).toEqual(['production,', 'protected, DR', 'standby']);
    expect(wrapList(['argo-rollouts', 'cert-manager', 'kube-prometheus-stack'], 20)).toEqual(['argo-rollouts,', 'cert-manager,', 'kube-prometheus-stack']);
  });
});

describe('fleetSvg: the fleet as a standalone SVG', () => {
  it('GIVEN the example fleet WHEN drawn THEN the SVG is well-formed XML with no script, link or external reference', () => {
    const svg = fleetSvg(exampleFleet);
    const doc = parseXml(svg);
    expect(doc.root.name).toBe('svg');
    expect(doc.root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(doc.elements.filter((e) => ['script', 'image', 'foreignObject', 'a', 'use'].includes(e.name))).toEqual([]);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
  });

  it('GIVEN the example fleet WHEN drawn THEN every cluster has a box with its name, region and provider, Kubernetes version, tier, wave and add-ons', () => {
    const groups = clusterGroups(parseXml(fleetSvg(exampleFleet)).root);
    expect([...groups.keys()].sort()).toEqual(exampleFleet.clusters.map((c) => c.name));
    expect(groups.get('prod-us-west-2')).toEqual([
      'prod-us-west-2',
      'us-west-2 · capi-aws-eks',
      'Kubernetes 1.34',
      'production, protected, DR standby',
      'wave 5 general',
      'argo-rollouts, cert-manager,',
      'external-dns, external-secrets,',
      'ingress-nginx,',
      'kube-prometheus-stack, kyverno,',
      'thanos, velero',
    ]);
    expect(groups.get('dev-us-east-1')!.slice(0, 5)).toEqual(['dev-us-east-1', 'us-east-1 · capi-aws', 'Kubernetes 1.35.1 (from 1.34.2)', 'non-production', 'wave 1 dev']);
  });

  it('GIVEN the example fleet WHEN drawn THEN the waves are boxes in rollout order naming their clusters, joined by arrows', () => {
    const doc = parseXml(fleetSvg(exampleFleet));
    const waves = doc.elements.filter((e) => e.name === 'g' && e.attributes.id?.startsWith('wave-'));
    expect(waves.map((w) => w.children.filter((c) => c.name === 'text').map((c) => c.text))).toEqual([
      ['1 dev', '1 cluster, all at once', 'dev-us-east-1'],
      ['2 staging', '1 cluster, all at once', 'staging-us-east-1'],
      ['3 canary', '1 cluster, 1 at a time', 'prod-us-east-1'],
      ['4 early', '1 cluster, 2 at a time', 'prod-eu-west-1'],
      ['5 general', '2 clusters, 25% at a time', 'prod-ap-southeast-1', 'prod-us-west-2'],
    ]);
    const xs = waves.map((w) => Number(w.children.find((c) => c.name === 'rect')!.attributes.x));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(doc.elements.filter((e) => e.name === 'polyline' && e.attributes.class === 'order')).toHaveLength(4);
  });

  it('GIVEN the example fleet WHEN laid out THEN no two boxes overlap, every box is inside the picture, and the hub links to the environments its Argo CD syncs', () => {
    const scene = layoutFleet(exampleFleet);
    scene.boxes.forEach((a, i) => scene.boxes.slice(i + 1).forEach((b) => {
      // An environment's header spans its columns but not its clusters.
      expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }));
    for (const b of scene.boxes) expect(b.x + b.width <= scene.width && b.y + b.height <= scene.height, b.id).toBe(true);
    const fans = scene.lines.filter((l) => l.arrow && l.cls === 'link gitops');
    const envs = scene.boxes.filter((b) => b.id?.startsWith('environment-'));
    const entered = envs.filter((e) => fans.some((l) => { const [x, y] = l.points[l.points.length - 1]!; return y === e.y && x > e.x && x < e.x + e.width; }));
    expect(entered.map((e) => e.id)).toEqual(['environment-staging', 'environment-prod']);
    expect(envs.find((e) => e.id === 'environment-dev')!.cls).toBe('environment non-production pulumi');
  });

  it('GIVEN names with XML syntax WHEN drawn THEN every text is escaped and reads back unchanged', () => {
    const weird = `<b>&"x'</b>`;
    const fleet: Fleet = {
      ...smallFleet,
      name: weird,
      hub: { ...smallFleet.hub, name: weird },
      clusters: smallFleet.clusters.map((c) => (c.name === 'prod-eks' ? { ...c, region: weird } : c)),
    };
    for (const source of [fleetSvg(fleet), fleetHtml(fleet)]) {
      const text = allText(parseXml(source).root);
      expect(text).toContain(weird);
      expect(text).toContain(`${weird} · capi-aws-eks`);
    }
  });

  it('GIVEN 1,000 generated clusters WHEN drawn THEN every cluster has a box, none overlap within a column, and the picture is neither a strip nor a tower', () => {
    const fleet = generatedFleet(1000);
    const scene = layoutFleet(fleet);
    const clusters = scene.boxes.filter((b) => b.id?.startsWith('cluster-'));
    expect(clusters.map((b) => b.id!.slice('cluster-'.length)).sort()).toEqual(fleet.clusters.map((c) => c.name));
    const byColumn = new Map<number, SceneBox[]>();
    for (const b of clusters) byColumn.set(b.x, [...(byColumn.get(b.x) ?? []), b]);
    for (const column of byColumn.values()) column.slice(1).forEach((b, i) => expect(b.y).toBeGreaterThanOrEqual(column[i]!.y + column[i]!.height));
    expect(scene.width / scene.height).toBeGreaterThan(0.5);
    expect(scene.width / scene.height).toBeLessThan(4);
    expect(clusterGroups(parseXml(fleetSvg(fleet)).root).size).toBe(1000);
  });
});

describe('fleetHtml: a page to open offline', () => {
  it('GIVEN the example fleet WHEN written THEN the page parses as XML, has no script or external resource, inlines the SVG and lists every cluster', () => {
    const html = fleetHtml(exampleFleet);
    const doc = parseXml(html);
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(doc.root.name).toBe('html');
    expect(doc.elements.filter((e) => ['script', 'link', 'img', 'iframe'].includes(e.name))).toEqual([]);
    expect(doc.elements.filter((e) => e.name === 'svg')).toHaveLength(1);
    const rows = doc.elements.filter((e) => e.name === 'tr').slice(1);
    expect(rows.map((r) => allText(r)[0])).toEqual(['dev-us-east-1', 'staging-us-east-1', 'prod-ap-southeast-1', 'prod-eu-west-1', 'prod-us-east-1', 'prod-us-west-2']);
    expect(allText(rows[4]!)).toEqual([
      'prod-us-east-1', 'prod', 'us-east-1', 'pulumi-eks', '1.34', 'production, protected', '3 canary',
      'argo-rollouts, cert-manager, external-dns, external-secrets, ingress-nginx, kube-prometheus-stack, kyverno, thanos, velero',
    ]);
    expect(clusterGroups(doc.root).size).toBe(exampleFleet.clusters.length);
  });

  it('GIVEN one fleet defined with its clusters in two orders WHEN drawn THEN the SVG and HTML are byte for byte the same', () => {
    const d = smallDefinition();
    const reversed = { ...d, clusters: [...d.clusters].reverse() };
    expect(fleetSvg(resolveFleet(reversed))).toBe(fleetSvg(resolveFleet(d)));
    expect(fleetHtml(resolveFleet(reversed))).toBe(fleetHtml(resolveFleet(d)));
  });
});
