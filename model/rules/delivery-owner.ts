/**
 * Who delivers an environment: its GitOps engine, or its Pulumi stack
 * (`environments.<env>.delivery: 'pulumi'`), which applies the folders synth
 * renders for its clusters and nothing else. What only an engine can deliver
 * is refused on the clusters of such an environment:
 *
 * - apps: their manifests live in the app's own repository, which synth does
 *   not render, and an engine follows its revision; a Pulumi stack would
 *   apply a copy taken at `pulumi up`, so the app would stop following its
 *   repository;
 * - pull-request previews: Applications Argo CD creates and deletes as pull
 *   requests open and close;
 * - DR copies of apps on a standby: Applications from the app's repository;
 * - `existing` clusters with `secret-store` auth: their connection is only in
 *   the hub's registration store, which the hub's External Secrets reads; the
 *   stack could not reach them.
 */
import type { MergedCluster } from '../merge';
import type { ParsedDefinition } from '../parse';
import { formatPath } from '../problems';
import { appEnvironments, appTargets } from './apps';
import type { RuleContext } from './context';

type ParsedApp = ParsedDefinition['apps'][number];

export function checkDeliveryOwners(context: RuleContext): void {
  const pulumi = pulumiEnvironments(context.parsed);
  if (pulumi.size > 0) {
    for (const app of context.parsed.apps) {
      checkAppEnvironments(context, app, pulumi);
      checkPreviews(context, app, pulumi);
      checkDrCopies(context, app, pulumi);
    }
  }
  checkReachable(context);
}

/** Names of the environments Pulumi delivers. */
function pulumiEnvironments(parsed: ParsedDefinition): ReadonlySet<string> {
  return new Set([...(parsed.environments ?? new Map())].filter(([, env]) => env.delivery === 'pulumi').map(([name]) => name));
}

/** `environments.prod.delivery` */
function deliveryPath(env: string): string {
  return formatPath(['environments', env, 'delivery']);
}

function cannotDeploy(app: ParsedApp): string {
  return `cannot deploy the app: its manifests live in ${app.def.repoUrl}, which synth does not render`;
}

/** An app runs on the clusters of its environments, or on the clusters it lists. */
function checkAppEnvironments(context: RuleContext, app: ParsedApp, pulumi: ReadonlySet<string>): void {
  const { problems } = context;
  if (app.def.environments) {
    app.def.environments.forEach((env, i) => {
      if (!pulumi.has(env)) return;
      problems.at(
        `${app.path}.environments[${i}]`,
        env,
        `is delivered by Pulumi (${deliveryPath(env)}), which ${cannotDeploy(app)}`,
        `leave "${env}" out of the app's environments, or deliver "${env}" with GitOps`,
      );
    });
    return;
  }
  if (app.def.clusters) {
    // Without environments, the listed clusters are what the app reaches.
    const byName = new Map(context.clusters.map((c) => [c.def.name, c]));
    app.def.clusters.forEach((name, i) => {
      const env = byName.get(name)?.def.environment;
      if (env === undefined || !pulumi.has(env)) return;
      problems.at(
        `${app.path}.clusters[${i}]`,
        name,
        `is in environment "${env}", delivered by Pulumi (${deliveryPath(env)}), which ${cannotDeploy(app)}`,
        `remove the cluster, or deliver "${env}" with GitOps`,
      );
    });
    return;
  }
  const envs = appEnvironments(context, app).filter((env) => pulumi.has(env));
  if (envs.length === 0) return;
  const quoted = list(envs.map((env) => `"${env}"`));
  const path = `${app.path}.environments`;
  problems.add(
    path,
    `${path} is not set, so the app runs in every environment, ${quoted} included, delivered by Pulumi (${envs.map(deliveryPath).join(', ')}), which ${cannotDeploy(app)}; list the app's environments without ${quoted}, or deliver ${envs.length === 1 ? 'it' : 'them'} with GitOps`,
  );
}

/** Previews are Applications Argo CD creates per pull request. */
function checkPreviews(context: RuleContext, app: ParsedApp, pulumi: ReadonlySet<string>): void {
  const previews = app.def.previews;
  if (!previews) return;
  const env = context.clusters.find((c) => c.def.name === previews.cluster)?.def.environment;
  if (env === undefined || !pulumi.has(env)) return;
  context.problems.at(
    `${app.path}.previews.cluster`,
    previews.cluster,
    `is in environment "${env}", delivered by Pulumi (${deliveryPath(env)}), which cannot run previews: Argo CD creates and deletes them as pull requests open and close`,
    'name a cluster of an environment delivered by GitOps',
  );
}

/** A DR copy is an Application from the app's repository on the primary's standby. */
function checkDrCopies(context: RuleContext, app: ParsedApp, pulumi: ReadonlySet<string>): void {
  const byName = new Map(context.clusters.map((c) => [c.def.name, c]));
  const byStandby = new Map<MergedCluster, string[]>();
  for (const primary of appTargets(context, app)) {
    const standby = primary.def.drPartner === undefined ? undefined : byName.get(primary.def.drPartner);
    // Broken partners are reported by the disaster-recovery rules.
    if (!standby || !standby.def.standby || primary.def.standby || !pulumi.has(standby.def.environment)) continue;
    byStandby.set(standby, [...(byStandby.get(standby) ?? []), primary.def.name]);
  }
  for (const [standby, primaries] of byStandby) {
    const env = standby.def.environment;
    context.problems.at(
      `${app.path}.name`,
      app.def.name,
      `runs on ${list(primaries)}, whose standby ${standby.def.name} is in environment "${env}", delivered by Pulumi (${deliveryPath(env)}), which cannot deploy the app's DR copies: they come from ${app.def.repoUrl}, which synth does not render`,
      `give ${list(primaries)} a standby in an environment delivered by GitOps, or deliver "${env}" with GitOps`,
    );
  }
}

/**
 * A Pulumi stack reaches its clusters with a kubeconfig it builds from the
 * definition (EKS: server, CA and an IAM role) or from the cluster it creates;
 * `secret-store` auth gives it nothing to build one from.
 */
function checkReachable(context: RuleContext): void {
  const { parsed, clusters, problems } = context;
  const hub = parsed.hub;
  if (hub?.delivery === 'pulumi' && hub.provider.kind === 'existing' && hub.provider.auth.kind === 'secret-store') {
    problems.at(
      'hub.provider.auth.kind',
      'secret-store',
      'gives the management stack (hub.delivery "pulumi") nothing to build a kubeconfig from, so it cannot reach the hub',
      'use auth kind "aws-iam" for an EKS hub, or deliver the hub with GitOps',
    );
  }
  for (const c of clusters) {
    const p = c.def.provider;
    if (c.delivery !== 'pulumi' || p.kind !== 'existing' || p.auth.kind !== 'secret-store') continue;
    const env = c.def.environment;
    problems.at(
      `${c.path}.provider.auth.kind`,
      'secret-store',
      `keeps the cluster's connection in the hub's registration store, which only the hub's External Secrets reads, so the Pulumi stack of environment "${env}" (${deliveryPath(env)}) cannot reach the cluster`,
      `use auth kind "aws-iam" for an EKS cluster, or deliver "${env}" with GitOps`,
    );
  }
}

/** `a`, `a and b`, `a, b and c` */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
