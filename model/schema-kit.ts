/**
 * Building blocks of the zod schemas: strings checked by the syntax rules,
 * with messages in fleetwright's form (`<value> <issue>; <fix>`).
 */
import { z } from 'zod';
import { formatValue } from './problems';
import { isCidr, parseCidr } from './rules/cidr';
import * as syntax from './rules/syntax';
import { isVersion, parseKubernetesVersion } from './rules/version';

export type Check = (value: string) => syntax.SyntaxIssue;

/** A string checked by `check`; the issue becomes `<value> <issue>; <fix>`. */
export function text(check?: Check) {
  const base = z.string();
  if (!check) return base;
  return base.superRefine((value, ctx) => {
    const issue = check(value);
    if (issue) ctx.addIssue({ code: 'custom', message: `${formatValue(value)} ${issue[0]}; ${issue[1]}`, input: value });
  });
}

export const cidr = text((v) => {
  const parsed = parseCidr(v);
  return isCidr(parsed) ? undefined : parsed;
});

export const kubernetesVersion = text((v) => {
  const parsed = parseKubernetesVersion(v);
  return isVersion(parsed) ? undefined : parsed;
});

export const labels = z.record(z.string(), z.string()).superRefine((map, ctx) => {
  for (const [key, value] of Object.entries(map)) {
    const keyIssue = syntax.labelKey(key);
    if (keyIssue) {
      ctx.addIssue({ code: 'custom', path: [key], message: `key ${formatValue(key)} ${keyIssue[0]}; ${keyIssue[1]}`, input: key });
    }
    const valueIssue = syntax.labelValue(value);
    if (valueIssue) {
      ctx.addIssue({ code: 'custom', path: [key], message: `${formatValue(value)} ${valueIssue[0]}; ${valueIssue[1]}`, input: value });
    }
  }
});

export const count = (min: number, max: number) => z.number().int().min(min).max(max);
