/**
 * The Namespaces Argo CD would create on a cluster for the charts it syncs
 * there (`CreateNamespace=true`), with the labels of their ApplicationSets'
 * `managedNamespaceMetadata`, read from the rendered ApplicationSets alone:
 * the oracle for the labelled Namespaces a direct apply creates before each
 * chart's release. Namespaces Argo CD writes no labels to (kube-system, which
 * every cluster has) are left out.
 */
import type { KubeObject, Unit } from '../../stacks/rendered';
import type { ArgoView } from './argocd-view';

interface ApplicationSetObject extends KubeObject {
  readonly spec: { readonly template: { readonly spec: { readonly syncPolicy?: { readonly managedNamespaceMetadata?: { readonly labels?: Record<string, string> } } } } };
}

export function argoChartNamespaces(units: readonly Unit[], view: ArgoView): KubeObject[] {
  const sets = new Map(
    units.flatMap((u) => u.objects).filter((o) => o.kind === 'ApplicationSet').map((o) => [o.metadata.name, o as ApplicationSetObject]),
  );
  const namespaces = new Map<string, KubeObject>();
  for (const chart of view.charts) {
    const labels = sets.get(chart.applicationSet)!.spec.template.spec.syncPolicy?.managedNamespaceMetadata?.labels;
    if (labels === undefined || namespaces.has(chart.namespace)) continue;
    namespaces.set(chart.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: chart.namespace, labels: { ...labels } } });
  }
  return [...namespaces.values()];
}
