import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../model';
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
});
