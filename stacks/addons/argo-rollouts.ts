/** argo-rollouts: the chart with the fleet's values (see model/addons/catalog/argo-rollouts.ts for the chart and dependencies). */
import { argoRollouts as spec } from '../../model';
import { defineAddonRenderer } from './spi';

export const argoRollouts = defineAddonRenderer({
  spec,
});
