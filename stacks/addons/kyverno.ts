/** kyverno: the chart with the fleet's values (see model/addons/catalog/kyverno.ts for the chart and dependencies). */
import { kyverno as spec } from '../../model';
import { defineAddonRenderer } from './spi';

export const kyverno = defineAddonRenderer({
  spec,
});
