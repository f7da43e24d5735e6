/** cilium: the chart with the fleet's values (see model/addons/catalog/cilium.ts for the chart and dependencies). */
import { cilium as spec } from '../../model';
import { defineAddonRenderer } from './spi';

export const cilium = defineAddonRenderer({
  spec,
});
