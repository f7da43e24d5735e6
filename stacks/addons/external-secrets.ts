/** external-secrets: the chart with the fleet's values (see model/addons/catalog/external-secrets.ts for the chart and dependencies). */
import { externalSecrets as spec } from '../../model';
import { defineAddonRenderer } from './spi';

export const externalSecrets = defineAddonRenderer({
  spec,
});
