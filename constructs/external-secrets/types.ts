/**
 * External Secrets Operator API shapes (external-secrets.io/v1), from the
 * typed models generated from its Go types. Type-only.
 */
import type { IClusterSecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore' with { 'resolution-mode': 'import' };
import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret' with { 'resolution-mode': 'import' };

export type ExternalSecretSpec = NonNullable<IExternalSecret['spec']>;
export type ExternalSecretData = NonNullable<ExternalSecretSpec['data']>[number];
export type SecretStoreProviderSpec = NonNullable<IClusterSecretStore['spec']>['provider'];

export const ESO_API_VERSION = 'external-secrets.io/v1';
