/**
 * The kubeconfig of an EKS cluster, as `aws eks update-kubeconfig` writes it:
 * no credential inside, a token fetched on use by the exec plugin
 * `aws eks get-token` (AWS CLI ≥ 1.24 / 2.7 for the `v1beta1` exec API).
 */
import { stringifyDocument } from '../../yaml/stringify';

export interface KubeconfigInput {
  /** Name of the EKS cluster in AWS (also the kubeconfig's cluster, user and context name). */
  readonly clusterName: string;
  readonly region: string;
  /** API server URL. */
  readonly endpoint: string;
  /** Base64 PEM of the cluster CA. */
  readonly certificateAuthority: string;
  /** Role `aws eks get-token` assumes. */
  readonly roleArn?: string;
}

/** The exec plugin's API version, as the AWS CLI's `update-kubeconfig` writes it. */
export const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/**
 * Arguments of `aws` that print a token for the cluster. `--output json`
 * because the exec plugin parses JSON, whatever the user's default output.
 * @see https://docs.aws.amazon.com/cli/latest/reference/eks/get-token.html
 */
export function getTokenArgs(input: Pick<KubeconfigInput, 'clusterName' | 'region' | 'roleArn'>): string[] {
  return [
    'eks',
    'get-token',
    '--cluster-name',
    input.clusterName,
    '--region',
    input.region,
    ...(input.roleArn !== undefined ? ['--role-arn', input.roleArn] : []),
    '--output',
    'json',
  ];
}

/** The kubeconfig as YAML (apiVersion and kind first, other keys sorted: the same text for the same cluster). */
export function kubeconfigYaml(input: KubeconfigInput): string {
  const name = input.clusterName;
  return stringifyDocument({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: input.endpoint, 'certificate-authority-data': input.certificateAuthority } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
    preferences: {},
    users: [{ name, user: { exec: { apiVersion: EXEC_API_VERSION, command: 'aws', args: getTokenArgs(input) } } }],
  });
}
