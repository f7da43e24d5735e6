/**
 * `hub/karmada`: what the hub's Argo CD applies to Karmada's API server (not
 * to the hub, so the hub's kustomization does not include it): per service
 * delivered by Karmada its Deployment and Service, PropagationPolicy and
 * OverridePolicy; their namespaces; the member clusters; the failover taint
 * policies; and `replicas.md`, the replica split for review.
 */
import { Layout, type Fleet } from '../../model';
import { replicaSplits } from '../../model/delivery/karmada-split';
import { renderUnit, textFile, type Unit } from '../rendered';
import { karmadaServices } from './conventions';
import { addFailoverTaints, addMemberClusters, addServiceNamespaces, karmadaMemberClusters } from './members';
import { REPLICA_REPORT, replicaReport } from './report';
import { addKarmadaService } from './service';

/** The folder, or nothing when no service is delivered by Karmada. */
export function karmadaUnits(fleet: Fleet): Unit[] {
  const services = karmadaServices(fleet);
  if (services.length === 0) return [];
  const unit = renderUnit(
    Layout.hubKarmada,
    { scope: 'karmada' },
    [],
    (chart) => {
      addMemberClusters(chart, karmadaMemberClusters(fleet, services));
      addServiceNamespaces(chart, fleet, services);
      for (const service of services) addKarmadaService(chart, fleet, service);
      addFailoverTaints(chart, fleet);
    },
    { files: [textFile(REPLICA_REPORT, replicaReport(replicaSplits(fleet)))] },
  );
  return [unit];
}
