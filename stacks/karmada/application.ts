/**
 * The Application on the hub that syncs `hub/karmada` to Karmada's API server
 * (the cluster `karmada`), in the hub's platform project. It prunes and heals
 * like the fleet's other Applications; the objects' sync waves order
 * namespaces and member clusters before policies, and policies before the
 * workloads.
 */
import type { Construct } from 'constructs';
import { Application } from '../../constructs/argocd/application';
import { Destination } from '../../constructs/argocd/destination';
import { Source } from '../../constructs/argocd/source';
import { automatedSync } from '../../constructs/argocd/sync-policy';
import { HUB_PLATFORM_PROJECT, Layout, repoPath, type Fleet } from '../../model';
import { KARMADA_APPLICATION, KARMADA_ARGOCD_CLUSTER, usesKarmada } from './conventions';

/** The destination the hub's platform project must allow when Karmada delivers services. */
export function karmadaProjectDestinations(fleet: Fleet): { readonly cluster: string; readonly namespace: string }[] {
  return usesKarmada(fleet) ? [{ cluster: KARMADA_ARGOCD_CLUSTER, namespace: '*' }] : [];
}

/** Adds the Application when a service is delivered by Karmada. */
export function addKarmadaApplication(scope: Construct, fleet: Fleet): void {
  if (!usesKarmada(fleet)) return;
  new Application(scope, 'karmada', {
    metadata: { name: KARMADA_APPLICATION, namespace: fleet.argocd.namespace, labels: { 'fleetwright.io/component': 'karmada' } },
    project: HUB_PLATFORM_PROJECT,
    sources: [Source.git({ repoUrl: fleet.repo.url, revision: fleet.repo.revision, path: repoPath(fleet, Layout.hubKarmada) })],
    // Every object names its namespace; `default` only satisfies Argo CD.
    destination: Destination.cluster(KARMADA_ARGOCD_CLUSTER, 'default'),
    syncPolicy: automatedSync(),
  });
}
