/** Free-form labels may not take the keys the model derives. */
import { RESERVED_LABEL_KEYS, RESERVED_LABEL_PREFIXES } from '../contract';
import { formatPath } from '../problems';
import type { RuleContext } from './context';

/** Argo CD's label keys (`argocd.argoproj.io/secret-type` and the like). */
const ARGOCD_PREFIX = 'argocd.argoproj.io/';

const FIELD_FOR: Record<string, string> = { env: 'environment', region: 'region', tier: 'tier', 'rollout-tier': 'rolloutTier' };

type LabelSource = readonly [Readonly<Record<string, unknown>> | undefined, readonly PropertyKey[]];

export function checkLabels({ parsed, problems }: RuleContext): void {
  const sources: LabelSource[] = [
    ...[...(parsed.environments ?? new Map())].map(([name, env]): LabelSource => [env.labels, ['environments', name]]),
    ...parsed.identities.map((c): LabelSource => [c.labels, c.segments]),
  ];
  for (const [labels, segments] of sources) {
    for (const key of Object.keys(labels ?? {})) {
      const path = formatPath([...segments, 'labels', key]);
      if (RESERVED_LABEL_KEYS.includes(key)) {
        problems.at(path, key, 'is a label key fleetwright derives', `remove it and set the "${FIELD_FOR[key]}" field instead`);
      } else if (key.startsWith(ARGOCD_PREFIX)) {
        // Labels land on the Argo CD cluster Secret, where these keys are Argo CD's (secret-type: cluster).
        problems.at(path, key, "is Argo CD's own key on the cluster's registration Secret", 'choose a key with your own prefix, e.g. "example.com/team"');
      } else if (RESERVED_LABEL_PREFIXES.some((prefix) => key.startsWith(prefix))) {
        problems.at(path, key, 'uses a prefix reserved for fleetwright', 'choose a key with your own prefix, e.g. "example.com/team"');
      }
    }
  }
}
