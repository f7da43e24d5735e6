/** ingress-nginx: the chart with the fleet's values (see model/addons/catalog/ingress-nginx.ts for the chart and dependencies). */
import { ingressNginx as spec } from '../../model';
import { defineAddonRenderer } from './spi';

export const ingressNginx = defineAddonRenderer({
  spec,
});
