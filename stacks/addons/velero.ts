/** velero: the chart with the fleet's values (see model/addons/catalog/velero.ts for the chart and dependencies). */
import { velero as spec } from '../../model';
import { defineAddonRenderer } from './spi';

export const velero = defineAddonRenderer({
  spec,
});
