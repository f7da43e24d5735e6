/**
 * The folders of the services Argo CD delivers per cluster:
 * `services/<name>/base` (the workload, its Services, and for a canary its
 * analysis), `services/<name>/overlays/<env>` per environment the service runs
 * in (the base, plus what differs there), and `services` on the hub (one
 * ApplicationSet per service). Services Karmada propagates are rendered
 * elsewhere.
 */
import { Layout, type Fleet } from '../../model';
import { renderUnit, type Unit } from '../rendered';
import { addServiceApplicationSet, serviceClusters } from './application-set';
import { addServiceBase, addServiceOverlay } from './workload';

export function serviceUnits(fleet: Fleet): Unit[] {
  const services = fleet.services.filter((s) => s.delivery === 'argocd');
  if (services.length === 0) return [];
  const units: Unit[] = [
    renderUnit(Layout.services, { scope: 'hub', cluster: fleet.hub.name }, [], (chart) => {
      for (const service of services) addServiceApplicationSet(chart, fleet, service);
    }),
  ];
  for (const service of services) {
    const base = Layout.serviceBase(service.name);
    units.push(renderUnit(base, { scope: 'shared' }, [], (chart) => addServiceBase(chart, service)));
    // Overlays only where the service has clusters: the ApplicationSet selects no other environment.
    const used = new Set(serviceClusters(fleet, service).map((c) => c.environment));
    for (const env of fleet.environments.filter((e) => used.has(e.name))) {
      units.push(renderUnit(Layout.serviceOverlay(service.name, env.name), { scope: 'shared', environment: env.name }, [base], (chart) => addServiceOverlay(chart, service, env)));
    }
  }
  return units;
}
