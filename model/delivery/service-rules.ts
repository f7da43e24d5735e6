/**
 * Rules for services delivered per cluster by Argo CD: names that fit what is
 * derived from them, and, for canaries, what every cluster the service runs
 * on must run (the Argo Rollouts controller, Prometheus for the analysis,
 * ingress-nginx for traffic routing by host) and an analysis that can abort
 * the canary before it is fully promoted.
 */
import { argoRollouts, ingressNginx, kubePrometheusStack } from '../addons/catalog';
import type { AddonName } from '../addons/names';
import type { MergedCluster } from '../merge';
import type { RuleContext } from '../rules/context';
import { goDurationSeconds } from '../rules/schedule';

export { goDurationSeconds };

/** Suffixes of the Services a canary adds next to the service's own (`<name>-stable`, `<name>-canary`). */
export const CANARY_SERVICE_SUFFIXES = ['-stable', '-canary'] as const;

/** Longest name of a canary service: its Services' names must stay DNS-1035 labels (63 characters). */
export const MAX_CANARY_SERVICE_NAME = 63 - Math.max(...CANARY_SERVICE_SUFFIXES.map((s) => s.length));

/** Name of the Application a service's ApplicationSet generates for a cluster. */
export function serviceApplicationName(service: string, cluster: string): string {
  return `${service}-${cluster}`;
}

/** A duration in seconds as Go prints it, without zero parts: `90` → `1m30s`. */
export function formatSeconds(total: number): string {
  if (total === 0) return '0s';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round((total % 60) * 1000) / 1000;
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
}

/**
 * When a failing canary is caught: the analysis runs in the background from
 * the first traffic step, measures at once and then every `interval`, and
 * aborts at the measurement after `failureLimit` failed ones. The canary is
 * fully promoted after the pause of its last step.
 */
export function analysisTiming(steps: number, pauseSeconds: number, intervalSeconds: number, failureLimit: number): { promotedAfter: number; abortsAfter: number } {
  return { promotedAfter: steps * pauseSeconds, abortsAfter: failureLimit * intervalSeconds };
}

const CANARY_ADDONS: readonly { readonly addon: AddonName; readonly why: string; readonly host?: true }[] = [
  { addon: argoRollouts.name, why: 'its controller runs the Rollout' },
  { addon: kubePrometheusStack.name, why: "the canary's analysis queries the cluster's Prometheus" },
  { addon: ingressNginx.name, why: 'canary.host splits the traffic in ingress-nginx', host: true },
];

export function checkServiceDelivery({ parsed, clusters, problems }: RuleContext): void {
  if (!parsed.environments) return;
  const hosts = new Map<string, string>();
  for (const { def, path } of parsed.services) {
    if (!/^[a-z]/.test(def.name)) {
      problems.at(`${path}.name`, def.name, 'does not start with a letter, which the Kubernetes Service named after it needs (DNS-1035 label)', 'start the name with a lowercase letter');
    }
    if ((def.delivery ?? 'argocd') !== 'argocd') continue;
    const environments = def.environments ?? parsed.environmentNames;
    const targets = clusters.filter((c) => c.envResolved && !c.def.standby && environments.includes(c.def.environment));
    const longest = targets.reduce<MergedCluster | undefined>((a, c) => (a && a.def.name.length >= c.def.name.length ? a : c), undefined);
    if (longest) {
      const application = serviceApplicationName(def.name, longest.def.name);
      if (application.length > 63) {
        problems.at(
          `${path}.name`,
          def.name,
          `makes the Application name "${application}" (for ${longest.def.name}) ${application.length} characters long, over the limit of 63`,
          `shorten the service name by ${application.length - 63} character${application.length - 63 > 1 ? 's' : ''}`,
        );
      }
    }
    const canary = def.canary;
    if (!canary) continue;
    if (def.name.length > MAX_CANARY_SERVICE_NAME) {
      problems.at(
        `${path}.name`,
        def.name,
        `is ${def.name.length} characters long, too long for a canary: its Services "${def.name}${CANARY_SERVICE_SUFFIXES[0]}" and "${def.name}${CANARY_SERVICE_SUFFIXES[1]}" would pass 63 characters`,
        `use at most ${MAX_CANARY_SERVICE_NAME} characters`,
      );
    }
    for (const { addon, why, host } of CANARY_ADDONS) {
      if (host && canary.host === undefined) continue;
      const missing = targets.filter((c) => !c.addons.get(addon)?.enabled);
      if (missing.length > 0) problems.add(`${path}.canary${host ? '.host' : ''}`, missingAddonMessage(`${path}.canary${host ? '.host' : ''}`, addon, why, missing));
    }
    if (canary.host !== undefined) {
      const first = hosts.get(canary.host);
      if (first) problems.at(`${path}.canary.host`, canary.host, `is already the host of ${first}`, 'give every service its own host');
      else hosts.set(canary.host, `${path} (${def.name})`);
    }
    checkAnalysisTime(path, canary, problems);
  }
}

function checkAnalysisTime(path: string, canary: NonNullable<RuleContext['parsed']['services'][number]['def']['canary']>, problems: RuleContext['problems']): void {
  const pause = canary.pause ?? '5m';
  const interval = canary.analysis?.interval ?? '1m';
  const failureLimit = canary.analysis?.failureLimit ?? 1;
  const pauseSeconds = goDurationSeconds(pause);
  const intervalSeconds = goDurationSeconds(interval);
  if (pauseSeconds === undefined || intervalSeconds === undefined) return; // reported by the schema
  const { promotedAfter, abortsAfter } = analysisTiming(canary.steps.length, pauseSeconds, intervalSeconds, failureLimit);
  if (promotedAfter > abortsAfter) return;
  problems.at(
    `${path}.canary.pause`,
    pause,
    `gives the analysis too little time: the canary is fully promoted ${formatSeconds(promotedAfter)} after its first step (${canary.steps.length} steps × ${pause}), but the analysis aborts only at its failed measurement number ${failureLimit + 1}, one every ${interval}, ${formatSeconds(abortsAfter)} after the first step`,
    'lengthen canary.pause, or shorten canary.analysis.interval, or lower canary.analysis.failureLimit',
  );
}

/** One line per service and add-on, naming up to three clusters and counting the rest. */
function missingAddonMessage(path: string, addon: AddonName, why: string, missing: readonly MergedCluster[]): string {
  const named = missing.slice(0, 3).map((c) => `${c.def.name} (${c.path})`);
  const rest = missing.length - named.length;
  const who = rest > 0 ? `${named.join(', ')} and ${rest} more cluster${rest > 1 ? 's' : ''}` : named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0]!;
  const one = missing.length === 1;
  const environments = [...new Set(missing.map((c) => c.envPath))].map((p) => `${p}.addons`);
  const where = one
    ? `for it (${missing[0]!.path}.addons) or its environment (${environments[0]})`
    : `for them or their environment${environments.length > 1 ? 's' : ''} (${environments.join(', ')})`;
  return `${path} needs the "${addon}" add-on on every cluster the service runs on (${why}), but ${who} ${one ? 'does' : 'do'} not enable it; enable "${addon}" ${where}`;
}
