/**
 * Draws a scene as a standalone SVG document: no scripts, no external fonts
 * or stylesheets, every text escaped, so it opens offline in any browser and
 * parses as XML.
 */
import type { Fleet } from '../../model';
import { xmlText } from './escape';
import { layoutFleet } from './layout';
import type { Scene, SceneBox, SceneLine } from './scene';
import { FONT_SIZE, LINE_HEIGHT, textWidth } from './text';

const PAD = 8;
const STRIPE = 6;

/** The picture's stylesheet: colours per tier and delivery, monospace text (the layout measures it so). */
export const SVG_STYLE = [
  'text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; fill: #111827; }',
  '.heading { font-weight: bold; font-size: 14px; }',
  '.region { font-weight: bold; fill: #374151; }',
  '.engine { fill: #1d4ed8; }',
  '.legend { fill: #4b5563; }',
  '.detail { fill: #374151; }',
  '.addons { fill: #6d28d9; }',
  'rect { stroke-width: 1.5; }',
  'rect.hub { fill: #dbeafe; stroke: #1d4ed8; stroke-width: 2; }',
  'rect.environment { fill: #f3f4f6; stroke: #6b7280; }',
  'rect.environment.pulumi { stroke-dasharray: 6 4; }',
  'rect.cluster.production { fill: #fef2f2; stroke: #b91c1c; }',
  'rect.cluster.non-production { fill: #f0fdf4; stroke: #15803d; }',
  'rect.cluster.protected { stroke-width: 2.5; }',
  'rect.wave { fill: #f5f3ff; stroke: #6d28d9; }',
  'polyline { fill: none; stroke: #6b7280; stroke-width: 1.5; }',
  'polyline.pulumi { stroke-dasharray: 4 3; }',
  'polyline.order { stroke: #6d28d9; }',
].join('\n');

/** The fleet as a standalone SVG document. */
export function fleetSvg(fleet: Fleet): string {
  return sceneSvg(layoutFleet(fleet), { standalone: true });
}

/**
 * A scene as SVG. `standalone` adds the XML declaration (for a `.svg` file);
 * without it the element can be inlined in HTML.
 */
export function sceneSvg(scene: Scene, options: { readonly standalone: boolean }): string {
  const out: string[] = [];
  if (options.standalone) out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-size="${FONT_SIZE}" role="img" aria-label="${xmlText(scene.title)}">`,
    `<title>${xmlText(scene.title)}</title>`,
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#6b7280"/></marker>',
    '</defs>',
    `<style>\n${SVG_STYLE}\n</style>`,
    `<rect x="0" y="0" width="${scene.width}" height="${scene.height}" fill="#ffffff" stroke="none"/>`,
  );
  for (const line of scene.lines) out.push(polyline(line));
  for (const box of scene.boxes) out.push(...boxSvg(box));
  for (const label of scene.labels) out.push(`<text x="${label.x}" y="${label.y}" class="${label.cls}">${xmlText(label.text)}</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function polyline(line: SceneLine): string {
  const points = line.points.map(([x, y]) => `${x},${y}`).join(' ');
  return `<polyline points="${points}" class="${line.cls}"${line.arrow ? ' marker-end="url(#arrow)"' : ''}/>`;
}

function boxSvg(box: SceneBox): string[] {
  const out: string[] = [`<g${box.id ? ` id="${xmlText(box.id)}"` : ''}>`];
  if (box.title) out.push(`<title>${xmlText(box.title)}</title>`);
  out.push(`<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6" class="${box.cls}"/>`);
  const left = box.x + PAD + (box.stripe ? STRIPE : 0);
  if (box.stripe) out.push(`<rect x="${box.x + 1}" y="${box.y + 1}" width="${STRIPE}" height="${box.height - 2}" fill="${box.stripe}" stroke="none"/>`);
  const room = box.x + box.width - PAD - left;
  box.lines.forEach((line, i) => {
    const attrs = [`x="${left}"`, `y="${box.y + PAD + (i + 1) * LINE_HEIGHT - 4}"`];
    if (line.cls) attrs.push(`class="${line.cls}"`);
    if (line.bold) attrs.push('font-weight="bold"');
    // A word longer than the box is squeezed to fit rather than drawn over the edge.
    if (textWidth(line.text) > room) attrs.push(`textLength="${room}" lengthAdjust="spacingAndGlyphs"`);
    out.push(`<text ${attrs.join(' ')}>${xmlText(line.text)}</text>`);
  });
  out.push('</g>');
  return out;
}
