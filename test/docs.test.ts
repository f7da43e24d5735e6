import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import exampleDefinition from '../fleet.config';
import { CATALOG, checkFleet } from '../model';
import { PROJECT } from './helpers/conformance';

describe('README', () => {
  const readme = fs.readFileSync(path.join(PROJECT, 'README.md'), 'utf8');

  it.each(Object.values(CATALOG).map((spec) => [spec.name, spec] as const))('GIVEN add-on %s WHEN the catalog table is read THEN its row names the chart and version the code pins', (name, spec) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
    expect(row, `README has no row for ${name}`).toBeDefined();
    const chartCell = row!.split('|')[2]!;
    if (spec.chart) expect(chartCell).toContain(`\`${spec.chart.chart}\` ${spec.chart.version} (${spec.chart.repoUrl.replace(/^https:\/\//, '')})`);
    else expect(chartCell.trim()).toMatch(/^none/);
  });

  it('GIVEN the cluster of "Adding a cluster" WHEN appended to the example fleet THEN the definition is valid', () => {
    const section = readme.slice(readme.indexOf('### Adding a cluster'));
    const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(snippet, 'README has no ts snippet under "Adding a cluster"').toBeDefined();
    // The snippet is a plain object literal (the README shows it with a trailing comma).
    const cluster = new Function(`return (${snippet!.trim().replace(/,$/, '')});`)();
    const d = structuredClone(exampleDefinition) as any;
    d.clusters.push(cluster);
    expect(checkFleet(d).problems.map((p) => p.message)).toEqual([]);
  });
});
