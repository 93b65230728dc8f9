/**
 * Which construct's refusal table refuses a bad value of each public prop (`Struct.prop`, as the jsii assembly names
 * the properties of its structs), and why the others need no check of this library. test/validated-props.test.ts
 * keeps the two lists complete against `.jsii`; refusalTable (test/support/refusals.ts), run in each listed file,
 * checks that the file's rows name exactly the props listed for it, and each row fails synthesis as it says.
 */
export const VALIDATED_IN: Readonly<Record<string, ReadonlyArray<string>>> = {
  'test/acknowledgements.test.ts': [
    'Acknowledgement.reason', 'Acknowledgement.ruleId',
  ],
  'test/adopt.test.ts': [
    'AzureEngineRoleProps.adopt', 'GrantAdoption.applyPolicyName', 'GrantAdoption.applyRoleName', 'GrantAdoption.planPolicyName',
    'GrantAdoption.planRoleName', 'GrantAdoption.variableIds', 'GrantAdoption.variableSetId', 'TrustAdoption.authMount',
  ],
  'test/clouds/aws-identities.test.ts': [
    'AwsRunRoleProps.engineUser', 'AwsRunRoleProps.externalId', 'AwsRunRoleProps.inlinePolicies', 'AwsRunRoleProps.managedPolicyArns',
    'AwsRunRoleProps.maxSessionDurationSeconds', 'AwsRunRoleProps.path', 'AwsRunRoleProps.permissionsBoundaryArn', 'AwsRunRoleProps.roleName',
    'AwsRunRoleProps.trustedPrincipalArn', 'AwsSecretsEngineUserProps.assumableRoleArns', 'AwsSecretsEngineUserProps.path',
    'AwsSecretsEngineUserProps.permissionsBoundaryArn', 'AwsSecretsEngineUserProps.userName',
  ],
  'test/clouds/azure-identities.test.ts': [
    'AzureSecretsEngineRoleAssignmentProps.assignableRoleDefinitionIds', 'AzureSecretsEngineRoleAssignmentProps.principalId',
    'AzureSecretsEngineRoleAssignmentProps.scope',
  ],
  'test/clouds/gcp-identities.test.ts': [
    'GcpSecretsEngineServiceAccountProps.accountId', 'GcpSecretsEngineServiceAccountProps.createKey', 'GcpSecretsEngineServiceAccountProps.project',
    'GcpSecretsEngineServiceAccountProps.workloadIdentityMembers',
  ],
  'test/constructs/aws-secrets-engine.test.ts': [
    'AwsAssumedRoleProps.externalId', 'AwsAssumedRoleProps.maxTtlSeconds', 'AwsAssumedRoleProps.roleArns', 'AwsAssumedRoleProps.ttlSeconds',
    'AwsEngineRoleOptions.name', 'AwsEngineRoleOptions.policyArns', 'AwsEngineRoleOptions.policyDocument', 'AwsEngineRootCredentials.secretAccessKey',
    'AwsEngineWorkloadIdentity.identityTokenAudience', 'AwsEngineWorkloadIdentity.identityTokenTtlSeconds', 'AwsEngineWorkloadIdentity.roleArn',
    'AwsFederationTokenRoleProps.maxTtlSeconds', 'AwsFederationTokenRoleProps.ttlSeconds', 'AwsIamUserRoleProps.permissionsBoundaryArn',
    'AwsIamUserRoleProps.userPath', 'AwsSecretsEngineProps.defaultLeaseTtlSeconds', 'AwsSecretsEngineProps.maxLeaseTtlSeconds', 'AwsSecretsEngineProps.path',
    'AwsSecretsEngineProps.rootCredentials', 'AwsSecretsEngineProps.vaultNamespace', 'AwsSecretsEngineProps.workloadIdentity',
    'ImportedAwsSecretsEngineProps.mountPath', 'ImportedAwsSecretsEngineProps.usesWorkloadIdentity', 'ImportedAwsSecretsEngineProps.vaultNamespace',
  ],
  'test/constructs/azure-secrets-engine.test.ts': [
    'AzureEngineClientCredentials.clientId', 'AzureEngineClientCredentials.clientSecret', 'AzureEngineRoleProps.applicationObjectId',
    'AzureEngineRoleProps.azureGroups', 'AzureEngineRoleProps.azureRoles', 'AzureEngineRoleProps.maxTtlSeconds', 'AzureEngineRoleProps.name',
    'AzureEngineRoleProps.ttlSeconds', 'AzureEngineWorkloadIdentity.clientId', 'AzureEngineWorkloadIdentity.identityTokenAudience',
    'AzureEngineWorkloadIdentity.identityTokenTtlSeconds', 'AzurePhaseCredentials.apply', 'AzurePhaseCredentials.plan', 'AzurePhaseCredentials.sleepSeconds',
    'AzurePhaseCredentials.subscriptionId', 'AzureRbacRole.roleId', 'AzureRbacRole.roleName', 'AzureRbacRole.scope',
    'AzureSecretsEngineProps.clientCredentials', 'AzureSecretsEngineProps.defaultLeaseTtlSeconds', 'AzureSecretsEngineProps.maxLeaseTtlSeconds',
    'AzureSecretsEngineProps.path', 'AzureSecretsEngineProps.subscriptionId', 'AzureSecretsEngineProps.tenantId', 'AzureSecretsEngineProps.vaultNamespace',
    'AzureSecretsEngineProps.workloadIdentity', 'ImportedAzureSecretsEngineProps.mountPath', 'ImportedAzureSecretsEngineProps.subscriptionId',
    'ImportedAzureSecretsEngineProps.tenantId', 'WorkspaceGrantOptions.azure',
  ],
  'test/constructs/boundary.test.ts': [
    'AwsAssumedRoleProps.sessionTags', 'AwsEngineRoleOptions.iamGroups', 'AwsIamUserRoleProps.iamTags', 'AwsSecretsEngineProps.region',
    'AzureSecretsEngineProps.environment',
  ],
  'test/constructs/configurations.test.ts': [
    'TaggedCredentials.aws', 'TaggedCredentials.azure', 'TaggedCredentials.gcp', 'TaggedCredentials.tag', 'WorkspaceGrantOptions.additionalConfigurations',
    'WorkspaceGrantOptions.cloudConfigurationTag', 'WorkspaceGrantOptions.vaultConfigurationTag',
  ],
  'test/constructs/credential-variable-set.test.ts': [
    'CredentialVariableSetProps.organization', 'CredentialVariableSetProps.project', 'CredentialVariableSetProps.variables',
    'CredentialVariableSetProps.workspaces', 'EnvironmentVariable.key', 'EnvironmentVariable.value',
  ],
  'test/constructs/gcp-secrets-engine.test.ts': [
    'GcpBinding.resource', 'GcpBinding.roles', 'GcpEngineRoleOptions.name', 'GcpEngineRoleOptions.secretType', 'GcpEngineRoleOptions.tokenScopes',
    'GcpEngineWorkloadIdentity.identityTokenAudience', 'GcpEngineWorkloadIdentity.identityTokenTtlSeconds', 'GcpEngineWorkloadIdentity.serviceAccountEmail',
    'GcpEngineWriteOnlyCredentials.credentialsJson', 'GcpEngineWriteOnlyCredentials.version', 'GcpPhaseCredentials.apply', 'GcpPhaseCredentials.plan',
    'GcpRolesetProps.bindings', 'GcpRolesetProps.project', 'GcpSecretsEngineProps.credentials', 'GcpSecretsEngineProps.defaultLeaseTtlSeconds',
    'GcpSecretsEngineProps.maxLeaseTtlSeconds', 'GcpSecretsEngineProps.path', 'GcpSecretsEngineProps.vaultNamespace',
    'GcpSecretsEngineProps.workloadIdentity', 'GcpSecretsEngineProps.writeOnlyCredentials', 'GcpStaticAccountProps.bindings',
    'GcpStaticAccountProps.serviceAccountEmail', 'ImportedGcpSecretsEngineProps.mountPath', 'WorkspaceGrantOptions.gcp',
  ],
  'test/constructs/jwt-auth-mount.test.ts': [
    'HcpTerraformJwtAuthMountProps.discoveryCaPem', 'HcpTerraformJwtAuthMountProps.vaultNamespace', 'HcpTerraformJwtAuthMountProps.vaultProviderNamespace',
    'ImportedHcpTerraformJwtAuthMountProps.hostname', 'ImportedHcpTerraformJwtAuthMountProps.mountPath', 'VaultBackedDynamicCredentialsProps.discoveryCaPem',
  ],
  'test/constructs/module-test-grant.test.ts': [
    'ModuleTestGrantOptions.additionalModules', 'ModuleTestGrantOptions.aws', 'ModuleTestGrantOptions.azure', 'ModuleTestGrantOptions.gcp',
    'ModuleTestGrantOptions.module', 'ModuleTestGrantOptions.moduleProvider', 'ModuleTestGrantOptions.roleName',
  ],
  'test/constructs/name-spelling.test.ts': [
    'HcpTerraformLookupsProps.organization',
  ],
  'test/constructs/prefix-and-ids.test.ts': [
    'RoleTrustSettings.organizationId', 'WorkloadRoleProps.projectId', 'WorkspaceGrantOptions.projectId',
  ],
  'test/constructs/stack-deployment-grant.test.ts': [
    'StackDeploymentGrantOptions.applyCredentials', 'StackDeploymentGrantOptions.deployments', 'StackDeploymentGrantOptions.planCredentials',
    'StackDeploymentGrantOptions.project', 'StackDeploymentGrantOptions.roleName', 'StackDeploymentGrantOptions.stack', 'StackDeploymentGrantOptions.stackId',
    'StackDeploymentGrantOptions.userClaim', 'StackDeploymentGrantProps.runNamespace',
  ],
  'test/constructs/trust-settings.test.ts': [
    'ModuleTestGrantOptions.claimMappings', 'StackDeploymentGrantOptions.claimMappings',
  ],
  'test/constructs/validation.test.ts': [
    'HcpTerraformJwtAuthMountProps.hostname', 'HcpTerraformJwtAuthMountProps.path', 'ImportedHcpTerraformJwtAuthMountProps.vaultNamespace',
    'ImportedHcpTerraformJwtAuthMountProps.vaultProviderNamespace', 'RoleTrustSettings.audience', 'RoleTrustSettings.claimMappings',
    'RoleTrustSettings.organization', 'RoleTrustSettings.tokenMaxTtlSeconds', 'RoleTrustSettings.tokenTtlSeconds', 'TrustSettings.roleNamePrefix',
    'TrustSettings.vaultAddress', 'TrustSettings.vaultClientTimeoutSeconds', 'TrustSettings.vaultEncodedCaCert',
    'VaultBackedDynamicCredentialsProps.authMount', 'VaultBackedDynamicCredentialsProps.authMountPath', 'VaultBackedDynamicCredentialsProps.hostname',
    'VaultBackedDynamicCredentialsProps.userClaim', 'VaultBackedDynamicCredentialsProps.vaultNamespace',
    'VaultBackedDynamicCredentialsProps.vaultProviderNamespace', 'WorkloadRoleProps.project', 'WorkloadRoleProps.userClaim', 'WorkloadRoleProps.workspaces',
    'WorkspaceGrantOptions.project', 'WorkspaceGrantOptions.workspaces', 'WorkspaceGrantProps.userClaim',
  ],
  'test/constructs/workload-role.test.ts': [
    'WorkloadRoleProps.credentials', 'WorkloadRoleProps.policyName', 'WorkloadRoleProps.roleName', 'WorkloadRoleProps.runPhases',
  ],
  'test/constructs/workspace-grant.test.ts': [
    'AwsPhaseCredentials.apply', 'AwsPhaseCredentials.applyRoleArn', 'AwsPhaseCredentials.plan', 'AwsPhaseCredentials.planRoleArn',
    'AwsPhaseCredentials.sleepSeconds', 'CredentialVariableSetProps.name', 'WorkspaceGrantOptions.aws', 'WorkspaceGrantOptions.roleName',
    'WorkspaceGrantOptions.variableSetName', 'WorkspaceReference.id', 'WorkspaceReference.name',
  ],
  'test/consumer/consumer.test.ts': [
    'GoogleConsumerOptions.tag',
  ],
};

/** Public props that no check of this library needs, each with the reason (a type, a boolean, free text, an output). */
export const NOT_VALIDATED: Readonly<Record<string, string>> = {
  'AwsEngineRoleOptions.adopt':
    'A boolean; the import id it adds is built from the engine role\'s literal mount path and name, which are validated under name.',
  'AwsEngineRootCredentials.accessKeyId':
    'A TerraformVariable (checked by the type system) whose value only Terraform knows; it reaches only the mount\'s access_key argument, and ' +
    'Vault checks the key pair when it first calls AWS.',
  'AwsRunRoleProps.allowSessionTags': 'A boolean: both values are valid, it only adds sts:TagSession to the trust policy of the one trusted principal.',
  'AwsRunRoleProps.description':
    'Free text that reaches only the IAM role\'s description argument; the AWS provider checks its length and characters at plan time.',
  'AwsSecretsEngineProps.adopt':
    'A boolean; the import id it adds is the literal mount path, validated under path. An existing mount that stays unmanaged is referenced with ' +
    'AwsSecretsEngine.fromMountPath, so the two cannot be combined.',
  'AwsSecretsEngineProps.description':
    'Free text: the engine writes it only to the description argument, escaped so Terraform reads it literally (the input-boundary test of ' +
    'test/constructs/boundary.test.ts).',
  'AzureEngineRoleProps.description':
    'Free text: the role writes it only to the description of its Azure groups and roles, escaped so Terraform reads it literally (the ' +
    'input-boundary test of test/constructs/boundary.test.ts).',
  'AzureEngineRoleProps.permanentlyDelete': 'A boolean: both values are valid, it only decides whether Vault skips the Entra recycle bin when a lease ends.',
  'AzureSecretsEngineProps.adopt':
    'A boolean; the import id it adds is the literal mount path, validated under path. An existing mount that stays unmanaged is referenced with ' +
    'AzureSecretsEngine.fromMountPath, so the two cannot be combined.',
  'AzureSecretsEngineProps.description':
    'Free text: the engine writes it only to the description argument, escaped so Terraform reads it literally (the input-boundary test of ' +
    'test/constructs/boundary.test.ts).',
  'AzureSecretsEngineRoleAssignmentProps.description':
    'Free text that reaches only the role assignment\'s description argument, never a scope, condition or Vault resource.',
  'AzureSecretsEngineRoleAssignmentProps.roleDefinitionName':
    'An Azure role display name that reaches only the assignment\'s role_definition_name; Azure rejects a role that does not exist when the ' +
    'assignment is created, and assignableRoleDefinitionIds is what limits the engine.',
  'AzureadConsumerProviderConfig.alias':
    'An output struct returned by azureadProviderConfig, never taken as input: the alias comes from a tag validated by the consumer.',
  'AzureadConsumerProviderConfig.clientIdFilePath':
    'An output struct returned by azureadProviderConfig, never taken as input: a reference to the credentials variable.',
  'AzureadConsumerProviderConfig.clientSecretFilePath':
    'An output struct returned by azureadProviderConfig, never taken as input: a reference to the credentials variable.',
  'AzureadConsumerProviderConfig.tenantId':
    'An output struct returned by azureadProviderConfig, never taken as input: the tenant id is passed through to the AzureAD provider, which ' +
    'validates it.',
  'AzureadConsumerProviderConfig.useCli': 'An output struct returned by azureadProviderConfig, never taken as input; always false.',
  'CredentialVariableSetProps.description':
    'Free text that reaches only the variable set\'s description argument, never a variable, attachment or Vault resource.',
  'CredentialVariableSetProps.lookups':
    'An HcpTerraformLookups construct (checked by the type system) that only shares data-source look-ups, keyed by the project and workspace ' +
    'names validated under project and workspaces.',
  'CredentialVariableSetProps.ownedByProject': 'A boolean: both values are valid, it only decides whether the set names its project as parent_project_id.',
  'CredentialVariableSetProps.priority': 'A boolean: both values are valid, it only decides whether the set overrides workspace variables of the same names.',
  'EnvironmentVariable.description': 'Free text that reaches only the variable\'s description argument, which runs never read.',
  'EnvironmentVariable.sensitive': 'A boolean: both values are valid, it only decides whether HCP Terraform hides the value.',
  'GcpEngineRoleOptions.adopt':
    'A boolean; the import id it adds is built from the roleset or static account\'s literal mount path and name, which are validated where they ' +
    'are set.',
  'GcpSecretsEngineProps.adopt':
    'A boolean; the import id it adds is the literal mount path, validated under path. An existing mount that stays unmanaged is referenced with ' +
    'GcpSecretsEngine.fromMountPath, so the two cannot be combined.',
  'GcpSecretsEngineProps.dependsOn':
    'Resources, not strings: cdktf writes them as static references. A template in any depends_on of the stack is refused by a stack-wide check ' +
    '(test/clouds/gcp-identities.test.ts › the engine\'s depends_on set to the roles\' fqn strings).',
  'GcpSecretsEngineProps.description':
    'Free text: the engine writes it only to the description argument, escaped so Terraform reads it literally (the input-boundary test of ' +
    'test/constructs/boundary.test.ts).',
  'GcpSecretsEngineServiceAccountProps.displayName':
    'Free text that reaches only the service account\'s display_name, never an email, role or Vault resource; Google checks its length when the ' +
    'account is created.',
  'GoogleConsumerOptions.keyBased':
    'A boolean: both values are valid, it only decides whether the provider reads the key or the access token of the configuration.',
  'HcpTerraformJwtAuthMountProps.adopt':
    'A boolean; the import id it adds is the literal mount path, validated under path. An existing mount that stays unmanaged is referenced with ' +
    'HcpTerraformJwtAuthMount.fromMountPath, so the two cannot be combined.',
  'HcpTerraformJwtAuthMountProps.description':
    'Free text that reaches only the mount\'s description argument, never the issuer, a path, policy, subject or run variable.',
  'ImportedAzureSecretsEngineProps.vaultNamespace':
    'Checked like every engine namespace: each grant compares the namespace of its engine roles with the JWT mount\'s (tested under ' +
    'ImportedAwsSecretsEngineProps.vaultNamespace, the same code).',
  'ImportedGcpSecretsEngineProps.vaultNamespace':
    'Checked like every engine namespace: each grant compares the namespace of its engine roles with the JWT mount\'s (tested under ' +
    'ImportedAwsSecretsEngineProps.vaultNamespace, the same code).',
  'ModuleTestGrantOptions.allModulesOfProvider':
    'A boolean: both values are valid; it chooses between the exact terraform-<provider>-<name> subject and the documented terraform-<provider>-*' +
    ' selector, both built from validated names.',
  'ModuleTestGrantProps.authMount': 'A construct typed by the compiler; its own path, namespace and hostname are checked by HcpTerraformJwtAuthMount.',
  'StackDeploymentGrantProps.authMount':
    'An IHcpTerraformJwtAuthMount object (checked by the type system); the mount validates its own hostname, path and namespaces, and each role ' +
    'checks that every engine shares the mount\'s namespace.',
  'VaultBackedDynamicCredentialsProps.adopt': 'A struct whose one property, authMount, is covered under TrustAdoption.authMount.',
  'VaultConsumerOptions.privateCa':
    'A boolean: both values are valid; it only decides whether the Vault provider also reads the configuration\'s ca_cert_file.',
  'WorkloadRoleProps.authMount':
    'An IHcpTerraformJwtAuthMount object (checked by the type system); the mount validates its own hostname, path and namespaces, and the role ' +
    'checks that every engine shares the mount\'s namespace.',
  'WorkspaceGrantOptions.adopt': 'A struct whose properties are covered one by one under GrantAdoption.',
  'WorkspaceGrantOptions.sharedRunRole':
    'A boolean: both values are valid, and a shared role over different plan and apply credentials raises a warning rather than an error.',
  'WorkspaceGrantOptions.useDefaultForms':
    'A boolean: both values are valid, it only decides whether identical values are emitted once as TFC_DEFAULT_* variables.',
  'WorkspaceGrantOptions.variableSetOwnedByProject':
    'A boolean: both values are valid, it only decides whether the set names its project as parent_project_id.',
  'WorkspaceGrantOptions.variableSetPriority':
    'A boolean: both values are valid, it only decides whether the set overrides workspace variables of the same names.',
  'WorkspaceGrantProps.authMount':
    'An IHcpTerraformJwtAuthMount object (checked by the type system); the mount validates its own hostname, path and namespaces, and each role ' +
    'checks that every engine shares the mount\'s namespace.',
  'WorkspaceGrantProps.lookups':
    'An HcpTerraformLookups construct (checked by the type system) that only shares data-source look-ups, keyed by the validated project and ' +
    'workspace names.',
};
