/** external-dns: the chart with the fleet's values (see model/addons/catalog/external-dns.ts for the chart and dependencies). */
import { externalDns as spec } from '../../model';
import { defineAddonRenderer } from './spi';

export const externalDns = defineAddonRenderer({
  spec,
});
