/**
 * What a Velero backup contains: namespaces (with or without cluster-scoped
 * objects), optionally narrowed to objects carrying given labels. Velero has
 * no namespace selector: a label selector matches each object's own labels.
 * @see https://velero.io/docs/v1.18/resource-filtering/
 */
import { labelKey, labelValue } from '../../model/rules/syntax';
import { expectSyntax } from '../cluster-api/checks';
import type { PropsCheck } from '../errors';
import type { BackupTemplate } from './types';

/** Namespaces of a scope: names or Velero globs (`*`, `?`). */
export interface NamespaceFilter {
  /**
   * Namespaces to back up.
   * @default ['*']
   */
  readonly include?: readonly string[];
  /**
   * Namespaces to leave out (they win over `include`).
   * @default []
   */
  readonly exclude?: readonly string[];
}

const NAMESPACE_PATTERN = /^[a-z0-9*?]([-a-z0-9*?]*[a-z0-9*?])?$/;

export class BackupScope {
  /**
   * Every object of the namespaces.
   * @param options.clusterResources whether cluster-scoped objects (CRDs, ClusterRoles, PersistentVolumes…) are backed up too; default true
   */
  static namespaces(options: NamespaceFilter & { readonly clusterResources?: boolean } = {}): BackupScope {
    return new BackupScope(options.include ?? ['*'], options.exclude ?? [], options.clusterResources ?? true, undefined);
  }

  /**
   * Only the objects that carry every label of `selector`, in the namespaces.
   * Labelling a Namespace selects the Namespace object only, not what it
   * holds: each object to back up must carry the labels. Velero decides on
   * cluster-scoped objects itself (it adds those the selected objects use,
   * such as the PersistentVolume of a selected claim).
   */
  static labelled(selector: Readonly<Record<string, string>>, options: NamespaceFilter = {}): BackupScope {
    return new BackupScope(options.include ?? ['*'], options.exclude ?? [], undefined, { ...selector });
  }

  private constructor(
    readonly include: readonly string[],
    readonly exclude: readonly string[],
    /** `undefined`: Velero's own rule. */
    readonly clusterResources: boolean | undefined,
    readonly selector: Readonly<Record<string, string>> | undefined,
  ) {}

  /** Records problems with the namespaces and labels. */
  check(check: PropsCheck): void {
    check.expect(this.include.length > 0, 'scope.include', this.include, 'is empty, so the backup would hold nothing', 'include at least one namespace, or "*" for all');
    this.include.forEach((ns, i) => check.expect(NAMESPACE_PATTERN.test(ns), `scope.include[${i}]`, ns, 'is not a namespace name or pattern', 'use a namespace name, or a pattern with "*" and "?"'));
    this.exclude.forEach((ns, i) => {
      check.expect(NAMESPACE_PATTERN.test(ns), `scope.exclude[${i}]`, ns, 'is not a namespace name or pattern', 'use a namespace name, or a pattern with "*" and "?"');
      check.expect(!this.include.includes(ns) || ns === '*', `scope.exclude[${i}]`, ns, 'is also included', 'list it in include or in exclude, not in both');
    });
    if (this.selector !== undefined) {
      check.expect(Object.keys(this.selector).length > 0, 'scope.selector', this.selector, 'is empty, so it would select every object', 'use BackupScope.namespaces() to back up everything, or give at least one label');
      for (const [key, value] of Object.entries(this.selector)) {
        expectSyntax(check, `scope.selector["${key}"]`, key, labelKey);
        expectSyntax(check, `scope.selector["${key}"]`, value, labelValue);
      }
    }
  }

  /** The backup template fields of this scope. */
  get template(): Pick<BackupTemplate, 'includedNamespaces' | 'excludedNamespaces' | 'includeClusterResources' | 'labelSelector'> {
    return {
      includedNamespaces: [...this.include],
      ...(this.exclude.length > 0 ? { excludedNamespaces: [...this.exclude] } : {}),
      ...(this.clusterResources !== undefined ? { includeClusterResources: this.clusterResources } : {}),
      ...(this.selector !== undefined ? { labelSelector: { matchLabels: { ...this.selector } } } : {}),
    };
  }
}
