/**
 * Validates a fleet definition and resolves it into the immutable model.
 * Pure: no I/O, no clock, no environment variables.
 */
import { CATALOG, type Catalog } from './addons/catalog';
import { buildFleet } from './build';
import { mergeClusters } from './merge';
import { parseDefinition } from './parse';
import { FleetValidationError, FURTHER_CHECKS, Problems, type Problem } from './problems';
import { checkRollout, checkServices } from './delivery/rules';
import { checkEngine } from './delivery/engine-rules';
import { checkServiceDelivery } from './delivery/service-rules';
import { checkKarmada } from './delivery/karmada-rules';
import { checkAddons } from './rules/addons';
import { checkDecommissioned } from './rules/decommission';
import { checkAppNetworkPolicies } from './rules/app-network-policy';
import { checkApps, checkDrCopies } from './rules/apps';
import { checkDeliveryOwners } from './rules/delivery-owner';
import { checkDisasterRecovery } from './rules/disaster-recovery';
import { checkLabels } from './rules/labels';
import { checkNames } from './rules/names';
import { checkNetworks } from './rules/networks';
import { checkProviders } from './rules/providers';
import type { RuleContext } from './rules/context';
import type { Fleet } from './types';

export interface CheckResult {
  /** The model, when the definition has no problem. */
  readonly fleet?: Fleet;
  /** Every problem, in the order of the definition's parts. */
  readonly problems: readonly Problem[];
}

export interface ResolveOptions {
  /** The add-on catalog to check against. @default CATALOG */
  readonly catalog?: Catalog;
}

function listParts(paths: readonly string[]): string {
  const shown = paths.slice(0, 5).join(', ');
  return paths.length > 5 ? `${shown} and ${paths.length - 5} more` : shown;
}

/** The rules relating parts: apps, add-ons, disaster recovery, delivery. */
function checkRelations(context: RuleContext, catalog: Catalog): void {
  checkApps(context);
  checkAppNetworkPolicies(context);
  checkAddons(context, catalog);
  checkDisasterRecovery(context);
  checkDrCopies(context);
  checkRollout(context);
  checkServices(context);
  checkEngine(context);
  checkServiceDelivery(context);
  checkKarmada(context);
  checkDeliveryOwners(context);
  checkDecommissioned(context);
}

/** Checks `input` and reports every problem at once. */
export function checkFleet(input: unknown, options: ResolveOptions = {}): CheckResult {
  const problems = new Problems();
  const parsed = parseDefinition(input, problems);
  const clusters = mergeClusters(parsed);
  const context = { parsed, clusters, problems };
  const parsedMark = problems.mark;
  // Rules about one part at a time, and about what every cluster's identity says (names, ranges).
  checkNames(context);
  checkLabels(context);
  checkProviders(context);
  checkNetworks(context);
  if (parsed.unreadable.includes('(root)')) return { problems: problems.all };
  // An unreadable app or service is only absent from the rules about apps and services.
  const heldBy = parsed.unreadable.filter((path) => !/^(apps|services)\[\d+\]$/.test(path));
  if (heldBy.length === 0) checkRelations(context, options.catalog ?? CATALOG);
  problems.dropFollowOns(parsedMark, parsed.refused);
  if (heldBy.length > 0) {
    // Rules relating parts would take an unreadable part as absent and report false problems
    // (a wave selecting no cluster, an add-on not enabled on the hub): they wait for it.
    problems.add(
      FURTHER_CHECKS,
      `${FURTHER_CHECKS} add-ons, apps, delivery and disaster recovery are checked once ${listParts(heldBy)} can be read; fix the problems above and run check again`,
    );
  }
  if (problems.size > 0) return { problems: problems.all };
  return { fleet: buildFleet(parsed, clusters), problems: [] };
}

/** Like {@link checkFleet}, but throws a {@link FleetValidationError} listing every problem. */
export function resolveFleet(input: unknown, options: ResolveOptions = {}): Fleet {
  const result = checkFleet(input, options);
  if (!result.fleet) throw new FleetValidationError(result.problems);
  return result.fleet;
}
