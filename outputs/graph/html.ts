/**
 * The fleet as one standalone HTML page: the picture inline (SVG), then a
 * table of every cluster to search with the browser. No scripts, no network:
 * it opens offline. Written as well-formed XML (XHTML syntax) so it also
 * parses as XML.
 */
import type { Fleet } from '../../model';
import { xmlText } from './escape';
import { environmentGroups, hubSummary, spokeFacts } from './facts';
import { layoutFleet } from './layout';
import { sceneSvg } from './svg';

const PAGE_STYLE = [
  'body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #111827; }',
  '.picture { overflow: auto; border: 1px solid #e5e7eb; }',
  'table { border-collapse: collapse; margin-top: 12px; font-size: 13px; }',
  'th, td { border: 1px solid #e5e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }',
  'th { background: #f9fafb; }',
  'td.name { font-weight: bold; white-space: nowrap; }',
].join('\n');

const COLUMNS = ['cluster', 'environment', 'region', 'provider', 'Kubernetes', 'tier', 'wave', 'add-ons'];

export function fleetHtml(fleet: Fleet): string {
  const scene = layoutFleet(fleet);
  const rows = environmentGroups(fleet).flatMap((env) =>
    env.regions.flatMap((region) =>
      region.clusters.map((cluster) => {
        const f = spokeFacts(fleet, cluster);
        const cells = [f.environment, f.region, f.provider, f.version, f.flags.join(', '), f.wave.replace(/^wave /, ''), f.addons.join(', ') || 'none'];
        return `<tr><td class="name"><a href="#cluster-${xmlText(f.name)}">${xmlText(f.name)}</a></td>${cells.map((c) => `<td>${xmlText(c)}</td>`).join('')}</tr>`;
      }),
    ),
  );
  const hub = fleet.hub;
  return [
    '<!DOCTYPE html>',
    '<html xmlns="http://www.w3.org/1999/xhtml" lang="en">',
    '<head>',
    '<meta charset="utf-8"/>',
    `<title>${xmlText(`fleet ${fleet.name}`)}</title>`,
    `<style>\n${PAGE_STYLE}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${xmlText(`Fleet ${fleet.name}`)}</h1>`,
    `<p>${xmlText(`${scene.title}. Hub: ${hub.name} (${hubSummary(fleet)}), add-ons: ${hub.addons.join(', ') || 'none'}.`)}</p>`,
    `<p>${xmlText('Each cluster box: region and provider, Kubernetes version, tier, rollout wave (the coloured stripe matches its wave below) and the add-ons it runs. Dashed: applied by a Pulumi stack rather than synced by the hub.')}</p>`,
    '<div class="picture">',
    sceneSvg(scene, { standalone: false }).trimEnd(),
    '</div>',
    '<h2>Clusters</h2>',
    '<table>',
    `<thead><tr>${COLUMNS.map((c) => `<th>${xmlText(c)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
