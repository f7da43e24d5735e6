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
import { ARGO_API_VERSION } from './types';

export interface ApplicationTemplateProps extends ApplicationSpecProps {
  /** Name of each generated Application (a Go template, e.g. `app-{{ .name }}`). */
  readonly name: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
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
    check.done();
    checkSpecProps('ApplicationSet', name, props.template);
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
          },
          spec: applicationSpec(props.template),
        },
        syncPolicy: { preserveResourcesOnDeletion: props.preserveResourcesOnDeletion ?? true },
      },
    });
  }
}
