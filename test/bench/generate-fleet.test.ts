import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../bench/generate-fleet';
import { CATALOG, checkFleet } from '../../model';
import { synthesize } from '../../outputs/synth';

describe('synthetic fleets for scale work', () => {
  it('GIVEN 240 generated clusters WHEN checked THEN the definition is valid: names, networks and add-on settings are consistent', () => {
    expect(checkFleet(generateFleet(240)).problems).toEqual([]);
  });

  it('GIVEN a generated fleet WHEN synthesized THEN every cluster runs the whole catalog but cilium on EKS, and is registered', () => {
    const def = generateFleet(24);
    const { fleet } = checkFleet(def);
    const { rendered } = synthesize(fleet!);
    for (const cluster of fleet!.clusters) {
      const expected = Object.keys(CATALOG).filter((a) => a !== 'cilium' || cluster.provider.kind === 'capi-aws').sort();
      expect(cluster.addons, cluster.name).toEqual(expected);
      expect(rendered.units.some((u) => u.dir === `clusters/${cluster.name}`), cluster.name).toBe(true);
    }
  });

  it('GIVEN a size outside the supported range WHEN generated THEN it is refused', () => {
    expect(() => generateFleet(0)).toThrow('generateFleet: 0 clusters is outside 1..16000');
  });
});
