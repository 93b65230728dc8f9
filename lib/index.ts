// The public API, by name: exactly the types of the jsii assembly (test/public-exports.test.ts keeps the two equal).
// Internals (helpers, constants, lib/private) are not exported; the trust report and test helpers have their own
// entry points, "cdktf-vault-backed-credentials/report" and "/testing" (package.json "exports").
export { RunPhase } from './run-phase';
export { WorkspaceSelector, WorkspaceSelectorKind } from './workspace-selector';
export type { WorkspaceReference } from './workspace-selector';
export type { RoleTrustSettings, TrustSettings } from './trust-settings';
export { HcpTerraformJwtAuthMount } from './vault/jwt-auth-mount';
export type {
  HcpTerraformJwtAuthMountProps,
  IHcpTerraformJwtAuthMount,
  ImportedHcpTerraformJwtAuthMountProps,
} from './vault/jwt-auth-mount';
export { CredentialCloud } from './vault/secrets-engine-role';
export type { ISecretsEngineRole } from './vault/secrets-engine-role';
export {
  AwsAssumedRole,
  AwsCredentialType,
  AwsEngineRole,
  AwsFederationTokenRole,
  AwsIamUserRole,
  AwsSecretsEngine,
} from './vault/aws-secrets-engine';
export type {
  AwsAssumedRoleProps,
  AwsEngineRoleOptions,
  AwsEngineRootCredentials,
  AwsEngineWorkloadIdentity,
  AwsFederationTokenRoleProps,
  AwsIamUserRoleProps,
  AwsSecretsEngineProps,
  ImportedAwsSecretsEngineProps,
} from './vault/aws-secrets-engine';
export {
  GcpEngineRole,
  GcpEngineRoleKind,
  GcpRoleset,
  GcpSecretType,
  GcpSecretsEngine,
  GcpStaticAccount,
} from './vault/gcp-secrets-engine';
export type {
  GcpBinding,
  GcpEngineRoleOptions,
  GcpEngineWorkloadIdentity,
  GcpEngineWriteOnlyCredentials,
  GcpRolesetProps,
  GcpSecretsEngineProps,
  GcpStaticAccountProps,
  ImportedGcpSecretsEngineProps,
} from './vault/gcp-secrets-engine';
export { AzureEngineRole, AzureSecretsEngine } from './vault/azure-secrets-engine';
export type {
  AzureEngineClientCredentials,
  AzureEngineRoleProps,
  AzureEngineWorkloadIdentity,
  AzureRbacRole,
  AzureSecretsEngineProps,
  ImportedAzureSecretsEngineProps,
} from './vault/azure-secrets-engine';
export { WorkloadRole } from './vault/workload-role';
export type { WorkloadRoleProps } from './vault/workload-role';
export { HcpTerraformLookups } from './hcp-terraform/lookups';
export type { HcpTerraformLookupsProps } from './hcp-terraform/lookups';
export { CredentialVariableSet } from './hcp-terraform/credential-variable-set';
export type { CredentialVariableSetProps, EnvironmentVariable } from './hcp-terraform/credential-variable-set';
export { SharedVariableSet } from './hcp-terraform/shared-settings';
// Cloud-side identities: their provider packages are optional peers, loaded only when a construct is created.
export { AwsSecretsEngineUser } from './aws/iam-user-for-vault-engine';
export type { AwsSecretsEngineUserProps } from './aws/iam-user-for-vault-engine';
export { AwsRunRole } from './aws/iam-run-role';
export type { AwsRunRoleProps } from './aws/iam-run-role';
export { GcpSecretsEngineServiceAccount } from './gcp/service-account-for-vault-engine';
export type { GcpSecretsEngineServiceAccountProps } from './gcp/service-account-for-vault-engine';
export { AzureSecretsEngineRoleAssignment } from './azure/role-assignment-for-vault-engine';
export type { AzureSecretsEngineRoleAssignmentProps } from './azure/role-assignment-for-vault-engine';
export type { AwsPhaseCredentials, AzurePhaseCredentials, GcpPhaseCredentials } from './phase-credentials';
export { WorkspaceGrant } from './workspace-grant';
export type { WorkspaceGrantProps, WorkspaceGrantOptions, TaggedCredentials } from './workspace-grant';
export { StackDeploymentGrant } from './stack-deployment-grant';
export type { StackDeploymentGrantOptions, StackDeploymentGrantProps } from './stack-deployment-grant';
export { ModuleTestGrant } from './module-test-grant';
export type { ModuleTestGrantOptions, ModuleTestGrantProps } from './module-test-grant';
export { VaultBackedDynamicCredentials } from './vault-backed-dynamic-credentials';
export type { VaultBackedDynamicCredentialsProps } from './vault-backed-dynamic-credentials';
export type { GrantAdoption, TrustAdoption } from './adoption';
export { DynamicCredentialsConsumer } from './consumer/dynamic-credentials-consumer';
export type { VaultConsumerOptions } from './consumer/dynamic-credentials-consumer';
export { AwsConsumer } from './consumer/aws-consumer';
export { GoogleConsumer } from './consumer/google-consumer';
export type { GoogleConsumerOptions } from './consumer/google-consumer';
export { AzureConsumer } from './consumer/azure-consumer';
export type { AzureadConsumerProviderConfig } from './consumer/azure-consumer';
export { HclEject } from './eject/hcl-eject';
export { Acknowledgements } from './acknowledgements';
export type { Acknowledgement } from './acknowledgements';
