/**
 * Application teams' workloads: unique names, known environments and clusters,
 * generator fields that fit together (explicit clusters, selectors, services,
 * service folders, previews), Application names that stay unique, and DR
 * copies that do not collide.
 */
import { isAddonName } from '../addons/names';
import type { ClusterSelectorDefinition } from '../delivery/definition';
import type { MergedCluster } from '../merge';
import { AppNames } from '../names';
import type { RuleContext } from './context';


/** Pull request numbers a preview namespace must have room for (up to 999999). */
const PREVIEW_NUMBER_DIGITS = 6;
/** Longest app name whose preview namespaces `<app>-pr-<number>` stay DNS labels. */
export const MAX_PREVIEW_APP_NAME = 63 - AppNames.preview('', '').length - PREVIEW_NUMBER_DIGITS;

const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;

type ParsedApp = RuleContext['parsed']['apps'][number];

export function checkApps(context: RuleContext): void {
  const { parsed, problems } = context;
  const seen = new Map<string, string>();
  for (const app of parsed.apps) {
    const first = seen.get(app.def.name);
    if (first) problems.at(`${app.path}.name`, app.def.name, `is already the name of ${first}`, 'give every app a unique name');
    else seen.set(app.def.name, app.path);
    if (isAddonName(app.def.name)) {
      problems.at(`${app.path}.name`, app.def.name, 'is the name of an add-on, so their Applications would clash', 'rename the app');
    }
    checkAppClusters(context, app);
    checkServiceFields(context, app);
    checkPreviews(context, app);
    if (!parsed.environments) continue;
    app.def.environments?.forEach((env, i) => {
      if (!parsed.environmentNames.includes(env)) {
        problems.at(`${app.path}.environments[${i}]`, env, 'is not a declared environment', `use one of ${parsed.environmentNames.map((n) => JSON.stringify(n)).join(', ')}`);
      }
    });
  }
  checkApplicationNames(context);
}

/** The environments whose clusters run `app`. */
export function appEnvironments({ parsed }: RuleContext, app: ParsedApp): readonly string[] {
  return app.def.environments ?? parsed.environmentNames;
}

/** `clusters` (list generator) and `clusterSelector` (cluster generator). */
function checkAppClusters(context: RuleContext, app: ParsedApp): void {
  const { parsed, clusters, problems } = context;
  const names = new Set(parsed.identities.map((c) => c.name));
  const hub = parsed.hub?.name;
  const envs = appEnvironments(context, app);
  const byName = new Map(clusters.map((c) => [c.def.name, c]));
  const listed = new Map<string, number>();
  app.def.clusters?.forEach((name, i) => {
    const path = `${app.path}.clusters[${i}]`;
    const twice = listed.get(name);
    if (twice !== undefined) {
      problems.at(path, name, `is listed twice (also ${app.path}.clusters[${twice}])`, 'list each cluster once');
      return;
    }
    listed.set(name, i);
    const cluster = byName.get(name);
    if (name === hub) problems.at(path, name, 'is the hub, which runs no apps', 'name a spoke of the app\'s environments');
    else if (!names.has(name)) problems.at(path, name, 'is not a cluster of the fleet', 'name a cluster of clusters');
    else if (cluster && !envs.includes(cluster.def.environment)) {
      problems.at(path, name, `is in environment "${cluster.def.environment}", which the app does not run in`, `add "${cluster.def.environment}" to the app's environments, or remove the cluster`);
    } else if (cluster?.def.standby) {
      problems.at(path, name, 'is a disaster-recovery standby, which runs only DR copies of its primaries\' apps', 'remove it (standbys get the app as DR copies of their primaries)');
    }
  });
  if (app.def.clusters && app.def.clusterSelector) {
    problems.at(`${app.path}.clusterSelector`, app.def.clusterSelector, 'is set together with clusters, which already names them', 'keep one of the two');
  }
  checkSelector(context, `${app.path}.clusterSelector`, app.def.clusterSelector);
}

function checkSelector({ problems }: RuleContext, path: string, selector: ClusterSelectorDefinition | undefined): void {
  selector?.matchExpressions?.forEach((e, i) => {
    const needsValues = e.operator === 'In' || e.operator === 'NotIn';
    const hasValues = e.values !== undefined && e.values.length > 0;
    if (needsValues && !hasValues) {
      problems.at(`${path}.matchExpressions[${i}]`, e, `uses operator ${e.operator} without values, so it matches no cluster`, 'list the label values to match in values');
    } else if (!needsValues && e.values !== undefined) {
      problems.at(`${path}.matchExpressions[${i}].values`, e.values, `are given with operator ${e.operator}, which takes none`, 'remove values, or use In or NotIn');
    }
  });
}

/** `services`, `serviceDirectories` and the `{service}` placeholder of `path`. */
function checkServiceFields({ problems }: RuleContext, app: ParsedApp): void {
  const { def, path } = app;
  if (def.services && def.serviceDirectories) {
    problems.at(`${path}.serviceDirectories`, def.serviceDirectories, 'is set together with services', 'list the services, or let the folders name them, not both');
  }
  const listed = new Map<string, number>();
  def.services?.forEach((service, i) => {
    const twice = listed.get(service);
    if (twice !== undefined) problems.at(`${path}.services[${i}]`, service, `is listed twice (also ${path}.services[${twice}])`, 'list each service once');
    else listed.set(service, i);
  });
  const placeholder = def.path.includes('{service}');
  if (def.services && !placeholder) {
    problems.at(`${path}.path`, def.path, 'does not contain {service}, so every service would deploy the same manifests', 'put {service} where each service\'s folder goes, e.g. "services/{service}/overlays/{env}"');
  } else if (!def.services && !def.serviceDirectories && placeholder) {
    problems.at(`${path}.path`, def.path, 'contains {service}, but the app has no services', 'list them in services, or remove {service} from the path');
  }
}

/** Pull-request previews: a known spoke of the app's environments, one deployable path, names that fit. */
function checkPreviews(context: RuleContext, app: ParsedApp): void {
  const { parsed, clusters, problems } = context;
  const previews = app.def.previews;
  if (!previews) return;
  const path = `${app.path}.previews`;
  const cluster = clusters.find((c) => c.def.name === previews.cluster);
  if (previews.cluster === parsed.hub?.name) {
    problems.at(`${path}.cluster`, previews.cluster, 'is the hub, which runs no apps', 'name a spoke of the app\'s environments');
  } else if (!parsed.identities.some((c) => c.name === previews.cluster)) {
    problems.at(`${path}.cluster`, previews.cluster, 'is not a cluster of the fleet', 'name the cluster previews run on');
  } else if (cluster && !appEnvironments(context, app).includes(cluster.def.environment)) {
    problems.at(
      `${path}.cluster`,
      previews.cluster,
      `is in environment "${cluster.def.environment}", which the app does not run in, so its project would not allow the app's repository`,
      'name a cluster of the app\'s environments',
    );
  }
  if (previews.path === undefined && (app.def.services || app.def.serviceDirectories)) {
    problems.missing(`${path}.path`, `the app deploys several services, so give the folder of one preview in ${app.def.repoUrl}, e.g. "deploy/preview"`);
  } else if (previews.path?.includes('{service}')) {
    problems.at(`${path}.path`, previews.path, 'contains {service}, but a preview deploys one folder', 'give the folder of the preview, e.g. "deploy/preview"');
  }
  if (app.def.name.length > MAX_PREVIEW_APP_NAME) {
    problems.at(
      `${app.path}.name`,
      app.def.name,
      `is too long for its preview namespaces "${AppNames.preview(app.def.name, '<number>')}", which must fit in 63 characters with pull request numbers of up to ${PREVIEW_NUMBER_DIGITS} digits`,
      `shorten the app name to at most ${MAX_PREVIEW_APP_NAME} characters`,
    );
  }
  if (!GITHUB_OWNER.test(previews.github.owner)) {
    problems.at(`${path}.github.owner`, previews.github.owner, 'is not a GitHub user or organization name', 'give the owner alone, e.g. "acme"');
  }
  if (!GITHUB_REPO.test(previews.github.repo)) {
    problems.at(`${path}.github.repo`, previews.github.repo, 'is not a GitHub repository name', 'give the name alone, e.g. "payments-api" (the owner goes in github.owner)');
  }
}

/**
 * Who generates a name: an app (its index), a service of it (index into
 * `services`, or -1), the cluster, and whether it is the ApplicationSet, an
 * Application, or a DR copy. Kept small: a large fleet generates a name per
 * app, cluster and service, and messages are only built for clashes.
 */
interface NameOwner {
  readonly app: number;
  readonly service: number;
  readonly cluster: string;
  readonly kind: 'set' | 'previews' | 'dr-set' | 'app' | 'dr';
}

/**
 * Every Application and ApplicationSet an app generates that the definition
 * determines (folders and pull requests are only known to Argo CD) must have
 * a name of its own: Argo CD would otherwise make one object of two. Clusters
 * of the app's environments count whether or not a selector picks them today,
 * since registration labels change without the definition changing.
 */
function checkApplicationNames(context: RuleContext): void {
  const { parsed, problems } = context;
  const apps = parsed.apps;
  const describe = (o: NameOwner): { path: string; value: string; what: string } => {
    const { def, path } = apps[o.app]!;
    const service = o.service < 0 ? undefined : def.services![o.service]!;
    const of = service === undefined ? def.name : `${def.name} service ${service}`;
    const what = {
      set: `the ApplicationSet of app ${def.name}`,
      previews: `the ApplicationSet of ${def.name}'s previews`,
      'dr-set': `the ApplicationSet of ${def.name}'s DR copies`,
      app: `the Application of ${of} on ${o.cluster}`,
      dr: `the DR copy of ${of} on ${o.cluster}`,
    }[o.kind];
    return service === undefined ? { path: `${path}.name`, value: def.name, what } : { path: `${path}.services[${o.service}]`, value: service, what };
  };
  const sets = new Map<string, NameOwner>();
  const applications = new Map<string, NameOwner>();
  /** Applications named like previews (`…-pr-<digits>`), the only ones a preview could clash with. */
  const previewLike: string[] = [];
  // One problem per pair of clashing fields, however many clusters they clash on.
  const clashes = new Map<string, { owner: NameOwner; first: NameOwner; name: string; more: number }>();
  const claim = (names: Map<string, NameOwner>, name: string, owner: NameOwner) => {
    const first = names.get(name);
    if (!first) {
      names.set(name, owner);
      if (names === applications && /-pr-\d+$/.test(name)) previewLike.push(name);
      return;
    }
    const key = `${owner.app}/${owner.service}/${owner.kind}/${first.app}/${first.service}/${first.kind}`;
    const clash = clashes.get(key);
    if (clash) clash.more += 1;
    else clashes.set(key, { owner, first, name, more: 0 });
  };
  const seen = new Set<string>();
  apps.forEach((app, a) => {
    const { def } = app;
    // A second app of the same name is reported as such.
    if (seen.has(def.name)) return;
    seen.add(def.name);
    claim(sets, AppNames.applicationSet(def.name), { app: a, service: -1, cluster: '', kind: 'set' });
    if (def.previews) claim(sets, AppNames.previewApplicationSet(def.name), { app: a, service: -1, cluster: '', kind: 'previews' });
    const targets = appTargets(context, app);
    const primaries = targets.filter((c) => c.def.drPartner !== undefined);
    if (def.serviceDirectories) {
      if (primaries.length > 0) claim(sets, AppNames.drApplicationSet(def.name), { app: a, service: -1, cluster: '', kind: 'dr-set' });
      return;
    }
    const services = def.services === undefined ? [-1] : def.services.flatMap((s, j) => (def.services!.indexOf(s) === j ? [j] : []));
    for (const service of services) {
      const name = service < 0 ? undefined : def.services![service]!;
      for (const c of targets) {
        const cluster = c.def.name;
        claim(applications, name === undefined ? AppNames.perCluster(def.name, cluster) : AppNames.perService(def.name, name, cluster), { app: a, service, cluster, kind: 'app' });
      }
      for (const c of primaries) claim(applications, AppNames.drCopy(def.name, c.def.name, name), { app: a, service, cluster: c.def.name, kind: 'dr' });
    }
  });
  for (const { owner, first, name, more } of clashes.values()) {
    const source = describe(owner);
    const earlier = describe(first);
    problems.at(
      source.path,
      source.value,
      `would name ${source.what} "${name}", already the name of ${earlier.what} (${earlier.path})${more > 0 ? `, and ${more} more like it` : ''}`,
      'rename an app, a service or a cluster so that the names differ',
    );
  }
  // Preview Applications are named `<app>-pr-<number>`: no other Application may have that form.
  for (const app of apps) {
    if (!app.def.previews) continue;
    const prefix = AppNames.preview(app.def.name, '');
    for (const name of previewLike) {
      if (!name.startsWith(prefix) || !/^\d+$/.test(name.slice(prefix.length))) continue;
      const source = describe(applications.get(name)!);
      problems.at(
        `${app.path}.name`,
        app.def.name,
        `would name its preview Applications "${AppNames.preview(app.def.name, '<number>')}", a form ${source.what} (${source.path}) already has: "${name}"`,
        'rename an app, a service or a cluster so that the names differ',
      );
    }
  }
}

/** The spokes an app's generator may reach: its listed clusters, or every non-standby of its environments. */
export function appTargets(context: RuleContext, app: ParsedApp): readonly MergedCluster[] {
  if (app.def.clusters) {
    const listed = new Set(app.def.clusters);
    return context.clusters.filter((c) => listed.has(c.def.name));
  }
  const envs = appEnvironments(context, app);
  return context.clusters.filter((c) => envs.includes(c.def.environment) && !c.def.standby);
}

/**
 * A standby runs one DR copy of each app per primary: two primaries of the
 * same standby both running an app would deploy the same objects twice.
 */
export function checkDrCopies(context: RuleContext): void {
  const { parsed, problems } = context;
  for (const app of parsed.apps) {
    const byStandby = new Map<string, string[]>();
    for (const c of appTargets(context, app)) {
      if (c.def.drPartner === undefined || c.def.standby) continue;
      byStandby.set(c.def.drPartner, [...(byStandby.get(c.def.drPartner) ?? []), c.def.name]);
    }
    for (const [standby, primaries] of byStandby) {
      if (primaries.length < 2) continue;
      problems.at(
        `${app.path}.name`,
        app.def.name,
        `runs on ${primaries.join(' and ')}, which share the standby ${standby}: their DR copies would deploy the same objects to namespace ${app.def.namespace} there`,
        'give these primaries different standbys, or limit the app\'s environments',
      );
    }
  }
}
