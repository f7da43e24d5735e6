/**
 * An ApplicationSet rendered with Go templates (`missingkey=error`, so a
 * registration that lacks a label or annotation fails loudly instead of
 * producing an empty path).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/
 */
import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsCheck } from '../errors';
import { applicationSpec, checkSpecProps, type ApplicationSpecProps } from './application';
import type { Generator } from './cluster-generator';
import type { RollingSync } from './rolling-sync';
import { ARGO_API_VERSION } from './types';

/** Argo CD's finalizer that deletes an Application's resources with it. */
const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export interface ApplicationTemplateProps extends ApplicationSpecProps {
  /** Name of each generated Application (a Go template, e.g. `app-{{ .name }}`). */
  readonly name: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Put Argo CD's resources finalizer on each generated Application, so that deleting it (when
   * its generator stops producing it) deletes what it deployed. Needs `preserveResourcesOnDeletion: false`:
   * the finalizer would otherwise override that guard rail.
   * @default false
   */
  readonly cascadeDelete?: boolean;
}

export interface ApplicationSetProps {
  readonly metadata: ApiObjectMetadata & { readonly name: string; readonly namespace: string };
  readonly generators: readonly Generator[];
  readonly template: ApplicationTemplateProps;
  /**
   * Keep the deployed objects when an Application is deleted by the
   * ApplicationSet (for example when a cluster's registration goes away).
   * @default true
   */
  readonly preserveResourcesOnDeletion?: boolean;
  /**
   * Sync the generated Applications wave by wave. The controller then triggers every sync
   * itself (it disables the Applications' autosync and reads `prune` from the template's
   * `automated` policy, which therefore stays in the template).
   * @default - all at once
   */
  readonly strategy?: RollingSync;
  /**
   * Never delete generated Applications (`applicationsSync: create-update`), so a generator
   * that transiently returns nothing cannot remove them; removing them is then a manual step.
   * Needs `applicationsetcontroller.enable.policy.override` on the controller.
   * @default false
   */
  readonly keepApplications?: boolean;
}

export class ApplicationSet extends Construct {
  readonly name: string;
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ApplicationSetProps) {
    super(scope, id);
    const name = props.metadata.name;
    const check = new PropsCheck('ApplicationSet', name);
    check.expect(props.generators.length > 0, 'generators', [], 'is empty', 'add at least one generator');
    check.expect(props.template.name.includes('{{'), 'template.name', props.template.name, 'is not templated, so every generated Application would have the same name', 'include a parameter such as {{ .name }}');
    check.expect(
      !(props.template.cascadeDelete && (props.preserveResourcesOnDeletion ?? true)),
      'template.cascadeDelete',
      true,
      'deletes what an Application deployed when the ApplicationSet removes it, which preserveResourcesOnDeletion (true) is meant to prevent',
      'set preserveResourcesOnDeletion: false for ApplicationSets whose Applications own what they deploy (e.g. previews)',
    );
    check.done();
    checkSpecProps('ApplicationSet', name, props.template);
    const strategy = props.strategy;
    if (strategy) {
      const strategyCheck = new PropsCheck('ApplicationSet', name);
      for (const key of strategy.labelKeys) {
        strategyCheck.expect(
          props.template.labels?.[key] !== undefined,
          'template.labels',
          props.template.labels ?? {},
          `lacks "${key}", which the RollingSync steps select on, so no step would ever sync these Applications`,
          `label the generated Applications with "${key}"`,
        );
      }
      strategyCheck.done();
    }
    this.name = name;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ARGO_API_VERSION,
      kind: 'ApplicationSet',
      metadata: props.metadata,
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: props.generators.map((g) => g.spec),
        template: {
          metadata: {
            name: props.template.name,
            ...(props.template.labels ? { labels: { ...props.template.labels } } : {}),
            ...(props.template.annotations ? { annotations: { ...props.template.annotations } } : {}),
            ...(props.template.cascadeDelete ? { finalizers: [RESOURCES_FINALIZER] } : {}),
          },
          spec: applicationSpec(props.template),
        },
        ...(strategy ? { strategy: strategy.spec } : {}),
        syncPolicy: {
          preserveResourcesOnDeletion: props.preserveResourcesOnDeletion ?? true,
          ...(props.keepApplications ? { applicationsSync: 'create-update' } : {}),
        },
      },
    });
  }
}
