/** kube-prometheus-stack: the chart with the fleet's values (see model/addons/catalog/kube-prometheus-stack.ts for the chart and dependencies). */
import { kubePrometheusStack as spec } from '../../model';
import { defineAddonRenderer } from './spi';

export const kubePrometheusStack = defineAddonRenderer({
  spec,
});
