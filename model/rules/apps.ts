/** Application teams' workloads: unique names, known environments. */
import type { RuleContext } from './context';

export function checkApps({ parsed, problems }: RuleContext): void {
  const seen = new Map<string, string>();
  for (const app of parsed.apps) {
    const first = seen.get(app.def.name);
    if (first) problems.at(`${app.path}.name`, app.def.name, `is already the name of ${first}`, 'give every app a unique name');
    else seen.set(app.def.name, app.path);
    if (!parsed.environments) continue;
    app.def.environments?.forEach((env, i) => {
      if (!parsed.environmentNames.includes(env)) {
        problems.at(`${app.path}.environments[${i}]`, env, 'is not a declared environment', `use one of ${parsed.environmentNames.map((n) => JSON.stringify(n)).join(', ')}`);
      }
    });
  }
}
