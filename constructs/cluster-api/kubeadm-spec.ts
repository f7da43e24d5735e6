/**
 * The kubeadm parts of Cluster API's v1beta2 bootstrap and control plane
 * specs, and the flag encodings they use.
 *
 * There is no typed package for the Cluster API kinds, so these shapes are
 * written by hand from the v1beta2 CRD schemas (cluster-api v1.14) and cover
 * only the fields the constructs emit.
 */
import type { TaintEffect } from './props';

/** A v1beta2 kubeadm `extraArgs` / `kubeletExtraArgs` entry (v1beta1 used a map). */
export interface KubeadmArgSpec {
  readonly name: string;
  readonly value: string;
}

/** A taint in kubeadm's `nodeRegistration.taints` (core/v1 Taint). */
export interface KubeadmTaintSpec {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

/** kubeadm `nodeRegistration` (init and join configuration). */
export interface NodeRegistrationSpec {
  readonly name?: string;
  readonly kubeletExtraArgs?: readonly KubeadmArgSpec[];
  readonly taints?: readonly KubeadmTaintSpec[];
}

/** kubeadm `clusterConfiguration`, the parts fleetwright sets. */
export interface ClusterConfigurationSpec {
  readonly apiServer?: { readonly certSANs?: readonly string[]; readonly extraArgs?: readonly KubeadmArgSpec[] };
  readonly controllerManager?: { readonly extraArgs?: readonly KubeadmArgSpec[] };
}

/** `KubeadmConfigSpec` (KubeadmControlPlane `kubeadmConfigSpec`, KubeadmConfigTemplate `template.spec`). */
export interface KubeadmConfigSpec {
  readonly format?: 'cloud-config' | 'ignition';
  readonly clusterConfiguration?: ClusterConfigurationSpec;
  readonly initConfiguration?: { readonly nodeRegistration?: NodeRegistrationSpec };
  readonly joinConfiguration?: { readonly nodeRegistration?: NodeRegistrationSpec };
}

/** A map of command line flags as a v1beta2 list, sorted by flag name. */
export function argList(args: Readonly<Record<string, string>>): KubeadmArgSpec[] {
  return Object.keys(args)
    .sort()
    .map((name) => ({ name, value: args[name] }));
}

/** A kubelet `--node-labels` value: `k=v` pairs sorted by key. */
export function nodeLabelsArg(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
}
