/** Reading a synthesized fleet in add-on tests: folders, value files, ApplicationSets and what they select. */
import type { AddonName, Fleet } from '../../model';
import type { SynthOutput } from '../../outputs/synth';
import { hubRegistrations } from './registrations';

export const unitOf = (out: SynthOutput, dir: string) => out.rendered.units.find((u) => u.dir === dir);

/** The values.yaml of a folder, as data. */
export const valuesOf = (out: SynthOutput, dir: string): any => unitOf(out, dir)?.files.find((f) => f.name === 'values.yaml')?.content;

/** The ApplicationSet of an add-on. */
export const addonAppSet = (out: SynthOutput, addon: AddonName): any =>
  unitOf(out, 'hub/addons')!.objects.find((x) => x.kind === 'ApplicationSet' && x.metadata.name === `addon-${addon}`);

/** Names of the registered clusters (the tree's registrations and the Pulumi stacks') the add-on's ApplicationSet selector matches, sorted. */
export function selectedBy(out: SynthOutput, addon: AddonName, fleet: Fleet): string[] {
  const selector: Record<string, string> = addonAppSet(out, addon).spec.generators[0].clusters.selector.matchLabels;
  return hubRegistrations(fleet, out.rendered.units)
    .filter((r) => Object.entries(selector).every(([k, v]) => r.labels[k] === v))
    .map((r) => r.name)
    .sort();
}

/** The clusters (hub included) that run the add-on. */
export const running = (fleet: Fleet, addon: AddonName) => [fleet.hub, ...fleet.clusters].filter((c) => c.addons.includes(addon));

/** The clusters (hub included) that run the add-on and are delivered by GitOps: those its ApplicationSet must select. */
export const syncedRunning = (fleet: Fleet, addon: AddonName) => running(fleet, addon).filter((c) => c.delivery === 'gitops');
