/**
 * Validation coverage of the public API: every property of every jsii struct (datatype interface) in `.jsii` maps to
 * either
 *
 * - `test`: `file › test title` of a test that feeds a bad value for that property and asserts the message (the
 *   construct path, the value and the fix), or
 * - `freeForm`: one sentence saying why any value is acceptable, or why the type system, Terraform, a provider or
 *   Vault validates it instead of this library.
 *
 * A `note` on a `test` entry records a known limit of that coverage. test/validation-coverage.test.ts keeps this
 * catalogue complete (no property missing, none that no longer exists) and every reference true.
 */
export interface TestCoverage {
  /** `file › test title` of a test that feeds a bad value for the property and asserts the message. */
  readonly test: string;
  /** A known limit of that coverage. */
  readonly note?: string;
}
export interface FreeFormCoverage {
  /** Why any value is acceptable, or what validates it instead of this library. */
  readonly freeForm: string;
}
export type Coverage = TestCoverage | FreeFormCoverage;

export const VALIDATION_COVERAGE: Readonly<Record<string, Coverage>> = {
  // Adoption (import blocks)
  'AwsEngineRoleOptions.adopt': { freeForm: 'A boolean; the import id it adds is built from the engine role\'s literal mount path and name, which are validated under name.' },
  'GcpEngineRoleOptions.adopt': { freeForm: 'A boolean; the import id it adds is built from the roleset or static account\'s literal mount path and name, which are validated where they are set.' },
  'AzureEngineRoleProps.adopt': { test: 'test/adopt.test.ts › refuses adopt on an Azure engine role: the provider\'s import would make the first apply replace it' },
  'AwsSecretsEngineProps.adopt': { freeForm: 'A boolean; the import id it adds is the literal mount path, validated under path. An existing mount that stays unmanaged is referenced with AwsSecretsEngine.fromMountPath, so the two cannot be combined.' },
  'GcpSecretsEngineProps.adopt': { freeForm: 'A boolean; the import id it adds is the literal mount path, validated under path. An existing mount that stays unmanaged is referenced with GcpSecretsEngine.fromMountPath, so the two cannot be combined.' },
  'GcpSecretsEngineProps.dependsOn': {
    freeForm:
      "Resources, not strings: cdktf writes them as static references. A template in any depends_on of the stack is refused by a stack-wide check (test/clouds/gcp-identities.test.ts › the engine's depends_on set to the roles' fqn strings).",
  },
  'AzureSecretsEngineProps.adopt': { freeForm: 'A boolean; the import id it adds is the literal mount path, validated under path. An existing mount that stays unmanaged is referenced with AzureSecretsEngine.fromMountPath, so the two cannot be combined.' },
  'HcpTerraformJwtAuthMountProps.adopt': { freeForm: 'A boolean; the import id it adds is the literal mount path, validated under path. An existing mount that stays unmanaged is referenced with HcpTerraformJwtAuthMount.fromMountPath, so the two cannot be combined.' },
  'TrustAdoption.authMount': { test: 'test/adopt.test.ts › refuses adopting the JWT mount when the trust is given a mount it does not manage' },
  'AwsEngineRoleOptions.iamGroups': { test: 'test/constructs/boundary.test.ts › iam_user iamGroups' },
  'AwsFederationTokenRoleProps.ttlSeconds': { test: 'test/constructs/aws-secrets-engine.test.ts › federation_token ttlSeconds above 129600' },
  'AwsFederationTokenRoleProps.maxTtlSeconds': { test: 'test/constructs/aws-secrets-engine.test.ts › federation_token maxTtlSeconds below 900' },
  'AwsIamUserRoleProps.iamTags': { test: 'test/constructs/boundary.test.ts › iam_user iamTags key and value' },
  'AwsIamUserRoleProps.permissionsBoundaryArn': { test: 'test/constructs/aws-secrets-engine.test.ts › iam_user permissions boundary that is not a policy ARN' },
  'AwsIamUserRoleProps.userPath': { test: 'test/constructs/aws-secrets-engine.test.ts › iam_user path without slashes' },
  'HcpTerraformLookupsProps.organization': { test: 'test/constructs/name-spelling.test.ts › look-ups built on their own refuse an organization that is not a name, once' },
  'ImportedAwsSecretsEngineProps.mountPath': { test: 'test/constructs/aws-secrets-engine.test.ts › existing AWS mount path with a space' },
  'ImportedAwsSecretsEngineProps.usesWorkloadIdentity': { test: 'test/constructs/aws-secrets-engine.test.ts › a federation token role on an existing engine that uses workload identity is refused' },
  'ImportedAwsSecretsEngineProps.vaultNamespace': { test: 'test/constructs/aws-secrets-engine.test.ts › existing engine in another namespace than the JWT mount' },
  'ImportedAzureSecretsEngineProps.mountPath': { test: 'test/constructs/azure-secrets-engine.test.ts › existing Azure mount path with a leading slash' },
  'ImportedAzureSecretsEngineProps.subscriptionId': { test: 'test/constructs/azure-secrets-engine.test.ts › existing mount whose subscription is not a GUID' },
  'ImportedAzureSecretsEngineProps.tenantId': { test: 'test/constructs/azure-secrets-engine.test.ts › existing mount whose tenant is not a GUID' },
  'ImportedAzureSecretsEngineProps.vaultNamespace': { freeForm: 'Checked like every engine namespace: each grant compares the namespace of its engine roles with the JWT mount\'s (tested under ImportedAwsSecretsEngineProps.vaultNamespace, the same code).' },
  'ImportedGcpSecretsEngineProps.mountPath': { test: 'test/constructs/gcp-secrets-engine.test.ts › existing mount path under a reserved prefix' },
  'ImportedGcpSecretsEngineProps.vaultNamespace': { freeForm: 'Checked like every engine namespace: each grant compares the namespace of its engine roles with the JWT mount\'s (tested under ImportedAwsSecretsEngineProps.vaultNamespace, the same code).' },
  'ImportedHcpTerraformJwtAuthMountProps.hostname': { test: 'test/constructs/jwt-auth-mount.test.ts › existing JWT mount with a hostname that has a scheme' },
  'ImportedHcpTerraformJwtAuthMountProps.mountPath': { test: 'test/constructs/jwt-auth-mount.test.ts › existing JWT mount path with a trailing slash' },
  'ImportedHcpTerraformJwtAuthMountProps.vaultNamespace': { test: 'test/constructs/validation.test.ts › a trust given an existing JWT mount in another namespace' },
  'ImportedHcpTerraformJwtAuthMountProps.vaultProviderNamespace': { test: 'test/constructs/validation.test.ts › a trust given an existing JWT mount whose provider namespace differs' },
  'VaultBackedDynamicCredentialsProps.authMount': { test: 'test/constructs/validation.test.ts › a trust given an existing JWT mount and mount settings' },
  'VaultBackedDynamicCredentialsProps.adopt': { freeForm: 'A struct whose one property, authMount, is covered under TrustAdoption.authMount.' },
  'WorkspaceGrantOptions.adopt': { freeForm: 'A struct whose properties are covered one by one under GrantAdoption.' },
  'GrantAdoption.planRoleName': { test: 'test/adopt.test.ts › refuses adopted role and policy names Vault would not accept' },
  'GrantAdoption.planPolicyName': { test: 'test/adopt.test.ts › refuses adopted role and policy names Vault would not accept' },
  'GrantAdoption.applyPolicyName': { test: 'test/adopt.test.ts › refuses apply names with sharedRunRole' },
  'GrantAdoption.applyRoleName': { test: 'test/adopt.test.ts › refuses apply names with sharedRunRole' },
  'GrantAdoption.variableSetId': { test: 'test/adopt.test.ts › refuses a variable set id that is not one' },
  'GrantAdoption.variableIds': { test: 'test/adopt.test.ts › refuses a variable the grant does not write' },
  // Acknowledgements
  'Acknowledgement.reason': { test: 'test/acknowledgements.test.ts › an empty reason is refused at synthesis, naming the construct' },
  'Acknowledgement.ruleId': { test: 'test/acknowledgements.test.ts › an unknown rule is refused at synthesis, naming the construct' },
  // AWS engine roles
  'AwsAssumedRoleProps.roleArns': { test: 'test/constructs/aws-secrets-engine.test.ts › assumed_role without ARNs' },
  'AwsAssumedRoleProps.ttlSeconds': { test: 'test/constructs/aws-secrets-engine.test.ts › STS TTL out of range' },
  'AwsAssumedRoleProps.externalId': { test: 'test/constructs/aws-secrets-engine.test.ts › assumed_role external id with a space' },
  'AwsAssumedRoleProps.maxTtlSeconds': { test: 'test/constructs/aws-secrets-engine.test.ts › maxTtlSeconds above the assumed_role limit' },
  'AwsAssumedRoleProps.sessionTags': { test: 'test/constructs/boundary.test.ts › assumed_role sessionTags key' },
  'AwsEngineRoleOptions.name': { test: 'test/constructs/aws-secrets-engine.test.ts › engine role name with a slash' },
  'AwsEngineRoleOptions.policyArns': { test: 'test/constructs/aws-secrets-engine.test.ts › engine role policy ARN that is not a policy ARN' },
  'AwsEngineRoleOptions.policyDocument': { test: 'test/constructs/aws-secrets-engine.test.ts › policy document that is not JSON' },

  // AWS engine mount
  'AwsEngineRootCredentials.accessKeyId': {
    freeForm: 'A TerraformVariable (checked by the type system) whose value only Terraform knows; it reaches only the mount\'s access_key argument, and Vault checks the key pair when it first calls AWS.',
  },
  'AwsEngineRootCredentials.secretAccessKey': { test: 'test/constructs/aws-secrets-engine.test.ts › secret key variable not sensitive' },
  'AwsEngineWorkloadIdentity.identityTokenAudience': { test: 'test/constructs/aws-secrets-engine.test.ts › AWS workload identity with an empty audience' },
  'AwsEngineWorkloadIdentity.roleArn': { test: 'test/constructs/aws-secrets-engine.test.ts › AWS workload identity role ARN that is not a role ARN' },
  'AwsEngineWorkloadIdentity.identityTokenTtlSeconds': { test: 'test/constructs/aws-secrets-engine.test.ts › AWS workload identity token TTL of zero' },
  'AwsSecretsEngineProps.defaultLeaseTtlSeconds': { test: 'test/constructs/aws-secrets-engine.test.ts › AWS lease TTL of zero' },
  'AwsSecretsEngineProps.description': { test: 'test/constructs/boundary.test.ts › descriptions of the AWS, GCP and Azure engines and Azure role names, groups and descriptions reach the JSON escaped' },
  'AwsSecretsEngineProps.maxLeaseTtlSeconds': { test: 'test/constructs/aws-secrets-engine.test.ts › AWS maximum lease TTL that is not a whole number' },
  'AwsSecretsEngineProps.path': { test: 'test/constructs/aws-secrets-engine.test.ts › AWS mount path with a trailing slash' },
  'AwsSecretsEngineProps.region': { test: 'test/constructs/boundary.test.ts › AWS engine region' },
  'AwsSecretsEngineProps.rootCredentials': { test: 'test/constructs/aws-secrets-engine.test.ts › static keys and workload identity together' },
  'AwsSecretsEngineProps.vaultNamespace': { test: 'test/constructs/aws-secrets-engine.test.ts › engine in another namespace than the JWT mount' },
  'AwsSecretsEngineProps.workloadIdentity': { test: 'test/constructs/aws-secrets-engine.test.ts › static keys and workload identity together' },

  // AWS grants
  'AwsPhaseCredentials.plan': { test: 'test/constructs/workspace-grant.test.ts › plan and apply engine roles in different mounts' },
  'AwsPhaseCredentials.apply': { test: 'test/constructs/workspace-grant.test.ts › plan and apply engine roles of different credential types' },
  'AwsPhaseCredentials.planRoleArn': { test: 'test/constructs/workspace-grant.test.ts › chosen role ARN not among the role ARNs' },
  'AwsPhaseCredentials.applyRoleArn': { test: 'test/constructs/workspace-grant.test.ts › applyRoleArn not among the role ARNs' },
  'AwsPhaseCredentials.sleepSeconds': { test: 'test/constructs/workspace-grant.test.ts › sleep seconds above 1500' },

  // AWS cloud-side identities
  'AwsRunRoleProps.allowSessionTags': {
    freeForm: 'A boolean: both values are valid, it only adds sts:TagSession to the trust policy of the one trusted principal.',
  },
  'AwsRunRoleProps.description': {
    freeForm: 'Free text that reaches only the IAM role\'s description argument; the AWS provider checks its length and characters at plan time.',
  },
  'AwsRunRoleProps.engineUser': { test: 'test/clouds/aws-identities.test.ts › run role trusting two principals' },
  'AwsRunRoleProps.externalId': { test: 'test/clouds/aws-identities.test.ts › external id with a space' },
  'AwsRunRoleProps.inlinePolicies': { test: 'test/clouds/aws-identities.test.ts › inline policy that is not JSON' },
  'AwsRunRoleProps.managedPolicyArns': { test: 'test/clouds/aws-identities.test.ts › managed policy that is not a policy ARN' },
  'AwsRunRoleProps.maxSessionDurationSeconds': { test: 'test/clouds/aws-identities.test.ts › session longer than IAM allows' },
  'AwsRunRoleProps.path': { test: 'test/clouds/aws-identities.test.ts › run role path without a trailing slash' },
  'AwsRunRoleProps.permissionsBoundaryArn': { test: 'test/clouds/aws-identities.test.ts › run role permissions boundary that is not a policy ARN' },
  'AwsRunRoleProps.roleName': { test: 'test/clouds/aws-identities.test.ts › run role name with a space' },
  'AwsRunRoleProps.trustedPrincipalArn': { test: 'test/clouds/aws-identities.test.ts › trusted principal that is not an IAM ARN' },
  'AwsSecretsEngineUserProps.assumableRoleArns': { test: 'test/clouds/aws-identities.test.ts › engine user assuming something that is not a role' },
  'AwsSecretsEngineUserProps.path': { test: 'test/clouds/aws-identities.test.ts › engine user path without slashes' },
  'AwsSecretsEngineUserProps.permissionsBoundaryArn': { test: 'test/clouds/aws-identities.test.ts › engine user permissions boundary that is not a policy ARN' },
  'AwsSecretsEngineUserProps.userName': { test: 'test/clouds/aws-identities.test.ts › engine user name with a space' },

  // Azure engine and roles
  'AzureEngineClientCredentials.clientId': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure client id that is not a GUID' },
  'AzureEngineClientCredentials.clientSecret': { test: 'test/constructs/azure-secrets-engine.test.ts › client secret variable that is not sensitive' },
  'AzureEngineRoleProps.applicationObjectId': { test: 'test/constructs/azure-secrets-engine.test.ts › application object id that is not a GUID' },
  'AzureEngineRoleProps.azureGroups': { test: 'test/constructs/azure-secrets-engine.test.ts › empty Azure group name' },
  'AzureEngineRoleProps.azureRoles': { test: 'test/constructs/azure-secrets-engine.test.ts › existing application with azureRoles' },
  'AzureEngineRoleProps.description': { test: 'test/constructs/boundary.test.ts › descriptions of the AWS, GCP and Azure engines and Azure role names, groups and descriptions reach the JSON escaped' },
  'AzureEngineRoleProps.maxTtlSeconds': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure maxTtlSeconds out of range' },
  'AzureEngineRoleProps.name': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure role name with a slash' },
  'AzureEngineRoleProps.permanentlyDelete': {
    freeForm: 'A boolean: both values are valid, it only decides whether Vault skips the Entra recycle bin when a lease ends.',
  },
  'AzureEngineRoleProps.ttlSeconds': { test: 'test/constructs/azure-secrets-engine.test.ts › ttlSeconds that is not a whole number of seconds' },
  'AzureEngineWorkloadIdentity.clientId': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure workload identity client id that is not a GUID' },
  'AzureEngineWorkloadIdentity.identityTokenAudience': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure workload identity with an empty audience' },
  'AzureEngineWorkloadIdentity.identityTokenTtlSeconds': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure workload identity token TTL above a day' },
  'AzureRbacRole.scope': { test: 'test/constructs/azure-secrets-engine.test.ts › azure role scope that is not a resource id' },
  'AzureRbacRole.roleId': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure roleId that is not a role definition id' },
  'AzureRbacRole.roleName': { test: 'test/constructs/azure-secrets-engine.test.ts › azure role with both a name and an id' },
  'AzureSecretsEngineProps.subscriptionId': { test: 'test/constructs/azure-secrets-engine.test.ts › subscription id that is not a GUID' },
  'AzureSecretsEngineProps.tenantId': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure tenant id that is not a GUID' },
  'AzureSecretsEngineProps.clientCredentials': { test: 'test/constructs/azure-secrets-engine.test.ts › client secret and workload identity at once' },
  'AzureSecretsEngineProps.defaultLeaseTtlSeconds': { test: 'test/constructs/azure-secrets-engine.test.ts › negative Azure lease TTL' },
  'AzureSecretsEngineProps.description': { test: 'test/constructs/boundary.test.ts › descriptions of the AWS, GCP and Azure engines and Azure role names, groups and descriptions reach the JSON escaped' },
  'AzureSecretsEngineProps.environment': { test: 'test/constructs/boundary.test.ts › Azure engine environment' },
  'AzureSecretsEngineProps.maxLeaseTtlSeconds': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure maximum lease TTL above a year' },
  'AzureSecretsEngineProps.path': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure mount path with a double slash' },
  'AzureSecretsEngineProps.vaultNamespace': { test: 'test/constructs/azure-secrets-engine.test.ts › Azure engine in another namespace than the JWT mount' },
  'AzureSecretsEngineProps.workloadIdentity': { test: 'test/constructs/azure-secrets-engine.test.ts › client secret and workload identity at once' },

  // Azure grants and cloud-side identities
  'AzurePhaseCredentials.plan': { test: 'test/constructs/azure-secrets-engine.test.ts › plan and apply roles in different engines' },
  'AzurePhaseCredentials.apply': { test: 'test/constructs/azure-secrets-engine.test.ts › plan and apply roles in different engines' },
  'AzurePhaseCredentials.sleepSeconds': { test: 'test/constructs/azure-secrets-engine.test.ts › sleep seconds above 1500' },
  'AzurePhaseCredentials.subscriptionId': { test: 'test/constructs/azure-secrets-engine.test.ts › grant subscription that is not a GUID' },
  'AzureSecretsEngineRoleAssignmentProps.principalId': { test: 'test/clouds/azure-identities.test.ts › principal that is not an object id' },
  'AzureSecretsEngineRoleAssignmentProps.scope': { test: 'test/clouds/azure-identities.test.ts › scope that is not a resource id' },
  'AzureSecretsEngineRoleAssignmentProps.assignableRoleDefinitionIds': { test: 'test/clouds/azure-identities.test.ts › assignable role given by name' },
  'AzureSecretsEngineRoleAssignmentProps.description': {
    freeForm: 'Free text that reaches only the role assignment\'s description argument, never a scope, condition or Vault resource.',
  },
  'AzureSecretsEngineRoleAssignmentProps.roleDefinitionName': {
    freeForm: 'An Azure role display name that reaches only the assignment\'s role_definition_name; Azure rejects a role that does not exist when the assignment is created, and assignableRoleDefinitionIds is what limits the engine.',
  },

  // GCP engine and roles
  'GcpBinding.resource': { test: 'test/constructs/gcp-secrets-engine.test.ts › binding resource that is not a full resource name' },
  'GcpBinding.roles': { test: 'test/constructs/gcp-secrets-engine.test.ts › binding role that is not a role name' },
  'GcpEngineRoleOptions.name': { test: 'test/constructs/gcp-secrets-engine.test.ts › roleset name with a slash' },
  'GcpEngineRoleOptions.secretType': { test: 'test/constructs/gcp-secrets-engine.test.ts › scopes on a service-account key' },
  'GcpEngineRoleOptions.tokenScopes': { test: 'test/constructs/gcp-secrets-engine.test.ts › token scope that is not a URL' },
  'GcpEngineWorkloadIdentity.identityTokenAudience': { test: 'test/constructs/gcp-secrets-engine.test.ts › GCP workload identity with an empty audience' },
  'GcpEngineWorkloadIdentity.serviceAccountEmail': { test: 'test/constructs/gcp-secrets-engine.test.ts › workload identity email that is not a service account' },
  'GcpEngineWorkloadIdentity.identityTokenTtlSeconds': { test: 'test/constructs/gcp-secrets-engine.test.ts › GCP workload identity token TTL of zero' },
  'GcpEngineWriteOnlyCredentials.credentialsJson': { test: 'test/constructs/gcp-secrets-engine.test.ts › write-only credentials given as a literal' },
  'GcpEngineWriteOnlyCredentials.version': { test: 'test/constructs/gcp-secrets-engine.test.ts › write-only version zero' },
  'GcpRolesetProps.bindings': { test: 'test/constructs/gcp-secrets-engine.test.ts › roleset without bindings' },
  'GcpRolesetProps.project': { test: 'test/constructs/gcp-secrets-engine.test.ts › roleset project that is not a project id' },
  'GcpStaticAccountProps.serviceAccountEmail': { test: 'test/constructs/gcp-secrets-engine.test.ts › static account email that is not a service account' },
  'GcpStaticAccountProps.bindings': { test: 'test/constructs/gcp-secrets-engine.test.ts › static account binding without roles' },
  'GcpSecretsEngineProps.credentials': { test: 'test/constructs/gcp-secrets-engine.test.ts › credentials variable that is not sensitive' },
  'GcpSecretsEngineProps.defaultLeaseTtlSeconds': { test: 'test/constructs/gcp-secrets-engine.test.ts › GCP lease TTL of zero' },
  'GcpSecretsEngineProps.description': { test: 'test/constructs/boundary.test.ts › descriptions of the AWS, GCP and Azure engines and Azure role names, groups and descriptions reach the JSON escaped' },
  'GcpSecretsEngineProps.maxLeaseTtlSeconds': { test: 'test/constructs/gcp-secrets-engine.test.ts › GCP maximum lease TTL below the default' },
  'GcpSecretsEngineProps.path': { test: 'test/constructs/gcp-secrets-engine.test.ts › GCP mount path with a dot-dot segment' },
  'GcpSecretsEngineProps.vaultNamespace': { test: 'test/constructs/gcp-secrets-engine.test.ts › GCP engine in another namespace than the JWT mount' },
  'GcpSecretsEngineProps.workloadIdentity': { test: 'test/constructs/gcp-secrets-engine.test.ts › two ways to authenticate at once' },
  'GcpSecretsEngineProps.writeOnlyCredentials': { test: 'test/constructs/gcp-secrets-engine.test.ts › GCP write-only credentials and a credentials variable at once' },

  // GCP grants and cloud-side identities
  'GcpPhaseCredentials.plan': { test: 'test/constructs/gcp-secrets-engine.test.ts › plan and apply rolesets in different engines' },
  'GcpPhaseCredentials.apply': { test: 'test/constructs/gcp-secrets-engine.test.ts › mixed auth types across the phases of one grant' },
  'GcpSecretsEngineServiceAccountProps.project': { test: 'test/clouds/gcp-identities.test.ts › project that is not a project id' },
  'GcpSecretsEngineServiceAccountProps.accountId': { test: 'test/clouds/gcp-identities.test.ts › account id too short' },
  'GcpSecretsEngineServiceAccountProps.createKey': { test: 'test/clouds/gcp-identities.test.ts › key and workload identity at once' },
  'GcpSecretsEngineServiceAccountProps.displayName': {
    freeForm: 'Free text that reaches only the service account\'s display_name, never an email, role or Vault resource; Google checks its length when the account is created.',
  },
  'GcpSecretsEngineServiceAccountProps.workloadIdentityMembers': { test: 'test/clouds/gcp-identities.test.ts › workload identity member that is not a federated principal' },

  // JWT auth mount
  'HcpTerraformJwtAuthMountProps.description': {
    freeForm: 'Free text that reaches only the mount\'s description argument, never the issuer, a path, policy, subject or run variable.',
  },
  'HcpTerraformJwtAuthMountProps.discoveryCaPem': { test: 'test/constructs/jwt-auth-mount.test.ts › discovery CA that is not PEM' },
  'HcpTerraformJwtAuthMountProps.hostname': { test: 'test/constructs/validation.test.ts › hostname with scheme' },
  'HcpTerraformJwtAuthMountProps.path': { test: 'test/constructs/validation.test.ts › auth mount path with leading slash' },
  'HcpTerraformJwtAuthMountProps.vaultProviderNamespace': { test: 'test/constructs/jwt-auth-mount.test.ts › JWT mount provider namespace with a space' },
  'HcpTerraformJwtAuthMountProps.vaultNamespace': { test: 'test/constructs/jwt-auth-mount.test.ts › JWT mount namespace with a trailing slash' },

  // Workload roles
  'WorkloadRoleProps.authMount': {
    freeForm: 'An IHcpTerraformJwtAuthMount object (checked by the type system); the mount validates its own hostname, path and namespaces, and the role checks that every engine shares the mount\'s namespace.',
  },
  'WorkloadRoleProps.credentials': { test: 'test/constructs/workload-role.test.ts › workload role without credentials' },
  'WorkloadRoleProps.project': { test: 'test/constructs/validation.test.ts › project name with a glob' },
  'WorkloadRoleProps.roleName': { test: 'test/constructs/workload-role.test.ts › workload role name with a slash' },
  'WorkloadRoleProps.runPhases': { test: 'test/constructs/workload-role.test.ts › workload role without run phases' },
  'WorkloadRoleProps.workspaces': { test: 'test/constructs/validation.test.ts › workspace name with a colon' },
  'WorkloadRoleProps.policyName': { test: 'test/constructs/workload-role.test.ts › workload role policy name with a space' },
  'WorkloadRoleProps.projectId': { test: 'test/constructs/prefix-and-ids.test.ts › refuses a malformed project id' },
  'WorkloadRoleProps.userClaim': { test: 'test/constructs/validation.test.ts › user claim absent from workspace tokens' },
  'WorkspaceReference.id': { test: 'test/constructs/workspace-grant.test.ts › workspace reference with a malformed id' },
  'WorkspaceReference.name': { test: 'test/constructs/workspace-grant.test.ts › workspace reference with a glob in its name' },

  // Variable sets
  'CredentialVariableSetProps.name': { test: 'test/constructs/workspace-grant.test.ts › variable set name with a slash' },
  'CredentialVariableSetProps.organization': { test: 'test/constructs/credential-variable-set.test.ts › variable set with an organization glob' },
  'CredentialVariableSetProps.project': { test: 'test/constructs/credential-variable-set.test.ts › variable set with a project name too short' },
  'CredentialVariableSetProps.variables': { test: 'test/constructs/credential-variable-set.test.ts › variable set with a key set twice' },
  'CredentialVariableSetProps.workspaces': { test: 'test/constructs/credential-variable-set.test.ts › variable set for a workspace name with a comma' },
  'CredentialVariableSetProps.description': {
    freeForm: 'Free text that reaches only the variable set\'s description argument, never a variable, attachment or Vault resource.',
  },
  'CredentialVariableSetProps.lookups': {
    freeForm: 'An HcpTerraformLookups construct (checked by the type system) that only shares data-source look-ups, keyed by the project and workspace names validated under project and workspaces.',
  },
  'CredentialVariableSetProps.ownedByProject': {
    freeForm: 'A boolean: both values are valid, it only decides whether the set names its project as parent_project_id.',
  },
  'CredentialVariableSetProps.priority': {
    freeForm: 'A boolean: both values are valid, it only decides whether the set overrides workspace variables of the same names.',
  },
  'EnvironmentVariable.key': { test: 'test/constructs/credential-variable-set.test.ts › variable set with an invalid environment variable name' },
  'EnvironmentVariable.value': { test: 'test/constructs/credential-variable-set.test.ts › variable set with a multi-line value' },
  'EnvironmentVariable.description': {
    freeForm: 'Free text that reaches only the variable\'s description argument, which runs never read.',
  },
  'EnvironmentVariable.sensitive': {
    freeForm: 'A boolean: both values are valid, it only decides whether HCP Terraform hides the value.',
  },

  // Grants
  'WorkspaceGrantOptions.project': { test: 'test/constructs/validation.test.ts › project name too short' },
  'WorkspaceGrantOptions.workspaces': { test: 'test/constructs/validation.test.ts › workspace name with a comma' },
  'WorkspaceGrantOptions.additionalConfigurations': { test: 'test/constructs/configurations.test.ts › refuses a tagged configuration without credentials' },
  'WorkspaceGrantOptions.aws': { test: 'test/constructs/workspace-grant.test.ts › plan and apply engine roles of different credential types' },
  'WorkspaceGrantOptions.azure': { test: 'test/constructs/azure-secrets-engine.test.ts › plan and apply roles in different engines' },
  'WorkspaceGrantOptions.gcp': { test: 'test/constructs/gcp-secrets-engine.test.ts › mixed auth types across the phases of one grant' },
  'WorkspaceGrantOptions.cloudConfigurationTag': { test: 'test/constructs/configurations.test.ts › refuses a tag with a dash' },
  'WorkspaceGrantOptions.vaultConfigurationTag': { test: 'test/constructs/configurations.test.ts › refuses a Vault tag with a space' },
  'WorkspaceGrantOptions.projectId': { test: 'test/constructs/prefix-and-ids.test.ts › refuses a malformed project id' },
  'WorkspaceGrantOptions.roleName': { test: 'test/constructs/workspace-grant.test.ts › grant role name with a slash' },
  'WorkspaceGrantOptions.variableSetName': { test: 'test/constructs/workspace-grant.test.ts › variable set name with a slash' },
  'WorkspaceGrantOptions.sharedRunRole': {
    freeForm: 'A boolean: both values are valid, and a shared role over different plan and apply credentials raises a warning rather than an error.',
  },
  'WorkspaceGrantOptions.useDefaultForms': {
    freeForm: 'A boolean: both values are valid, it only decides whether identical values are emitted once as TFC_DEFAULT_* variables.',
  },
  'WorkspaceGrantOptions.variableSetOwnedByProject': {
    freeForm: 'A boolean: both values are valid, it only decides whether the set names its project as parent_project_id.',
  },
  'WorkspaceGrantOptions.variableSetPriority': {
    freeForm: 'A boolean: both values are valid, it only decides whether the set overrides workspace variables of the same names.',
  },
  'TaggedCredentials.tag': { test: 'test/constructs/configurations.test.ts › refuses a reserved tag' },
  'TaggedCredentials.aws': { test: 'test/constructs/configurations.test.ts › tagged AWS configuration mixing credential types' },
  'TaggedCredentials.gcp': { test: 'test/constructs/configurations.test.ts › tagged GCP configuration across two engines' },
  'TaggedCredentials.azure': { test: 'test/constructs/configurations.test.ts › tagged Azure configuration with a sleep above 1500' },
  'WorkspaceGrantProps.authMount': {
    freeForm: 'An IHcpTerraformJwtAuthMount object (checked by the type system); the mount validates its own hostname, path and namespaces, and each role checks that every engine shares the mount\'s namespace.',
  },
  'WorkspaceGrantProps.lookups': {
    freeForm: 'An HcpTerraformLookups construct (checked by the type system) that only shares data-source look-ups, keyed by the validated project and workspace names.',
  },
  'WorkspaceGrantProps.userClaim': { test: 'test/constructs/validation.test.ts › user claim absent from workspace tokens' },

  // Stacks
  'ModuleTestGrantOptions.module': { test: 'test/constructs/module-test-grant.test.ts › refuses a module name with a glob' },
  'ModuleTestGrantOptions.moduleProvider': { test: 'test/constructs/module-test-grant.test.ts › refuses an upper-case module provider' },
  'ModuleTestGrantOptions.roleName': { test: 'test/constructs/module-test-grant.test.ts › refuses a module test role name with a slash' },
  'ModuleTestGrantOptions.aws': { test: 'test/constructs/module-test-grant.test.ts › refuses a module test grant without credentials' },
  'ModuleTestGrantOptions.gcp': { test: 'test/constructs/module-test-grant.test.ts › refuses a module test grant without credentials' },
  'ModuleTestGrantOptions.azure': { test: 'test/constructs/module-test-grant.test.ts › refuses a module test grant without credentials' },
  'ModuleTestGrantOptions.allModulesOfProvider': {
    freeForm: 'A boolean: both values are valid; it chooses between the exact terraform-<provider>-<name> subject and the documented terraform-<provider>-* selector, both built from validated names.',
  },
  'ModuleTestGrantOptions.additionalModules': { test: 'test/constructs/module-test-grant.test.ts › additional modules without the provider-wide selector are refused' },
  'ModuleTestGrantProps.authMount': { freeForm: 'A construct typed by the compiler; its own path, namespace and hostname are checked by HcpTerraformJwtAuthMount.' },
  'StackDeploymentGrantOptions.project': { test: 'test/constructs/stack-deployment-grant.test.ts › Stack project name with a glob' },
  'StackDeploymentGrantOptions.stack': { test: 'test/constructs/stack-deployment-grant.test.ts › Stack name with a colon' },
  'StackDeploymentGrantOptions.deployments': { test: 'test/constructs/stack-deployment-grant.test.ts › a deployment name with a glob' },
  'StackDeploymentGrantOptions.planCredentials': { test: 'test/constructs/stack-deployment-grant.test.ts › Stack grant without plan credentials' },
  'StackDeploymentGrantOptions.applyCredentials': { test: 'test/constructs/stack-deployment-grant.test.ts › Stack grant without apply credentials' },
  'StackDeploymentGrantOptions.roleName': { test: 'test/constructs/stack-deployment-grant.test.ts › Stack role name with a slash' },
  'StackDeploymentGrantOptions.userClaim': { test: 'test/constructs/stack-deployment-grant.test.ts › terraform_full_workspace as the user claim' },
  'StackDeploymentGrantOptions.stackId': { test: 'test/constructs/stack-deployment-grant.test.ts › Stack id with a comma' },
  'StackDeploymentGrantProps.authMount': {
    freeForm: 'An IHcpTerraformJwtAuthMount object (checked by the type system); the mount validates its own hostname, path and namespaces, and each role checks that every engine shares the mount\'s namespace.',
  },
  'StackDeploymentGrantProps.runNamespace': { test: 'test/constructs/stack-deployment-grant.test.ts › Stack grant provider namespace with a trailing slash' },

  // The facade
  // Trust settings shared by the facade, every grant kind and WorkloadRole (checked once, where they enter)
  'RoleTrustSettings.organization': { test: 'test/constructs/validation.test.ts › organization with *' },
  'RoleTrustSettings.organizationId': { test: 'test/constructs/prefix-and-ids.test.ts › refuses a malformed organization id' },
  'RoleTrustSettings.audience': { test: 'test/constructs/validation.test.ts › audience with a space' },
  'RoleTrustSettings.tokenTtlSeconds': { test: 'test/constructs/validation.test.ts › token TTL too short' },
  'RoleTrustSettings.tokenMaxTtlSeconds': { test: 'test/constructs/validation.test.ts › token TTL above max TTL' },
  'RoleTrustSettings.claimMappings': { test: 'test/constructs/validation.test.ts › claim mapping to the reserved key role' },
  'StackDeploymentGrantOptions.claimMappings': { test: "test/constructs/trust-settings.test.ts › a Stack grant's own claimMappings replace the trust's and are checked against Stack tokens" },
  'ModuleTestGrantOptions.claimMappings': { test: "test/constructs/trust-settings.test.ts › a module test grant's own claimMappings replace the trust's and are checked against test-run tokens" },
  'TrustSettings.vaultAddress': { test: 'test/constructs/validation.test.ts › vault address without scheme' },
  'TrustSettings.vaultEncodedCaCert': { test: 'test/constructs/validation.test.ts › encoded CA given as PEM text' },
  'TrustSettings.vaultClientTimeoutSeconds': { test: 'test/constructs/validation.test.ts › client timeout out of range' },
  'TrustSettings.roleNamePrefix': { test: 'test/constructs/validation.test.ts › role name prefix with upper case' },
  'VaultBackedDynamicCredentialsProps.authMountPath': { test: 'test/constructs/validation.test.ts › auth mount path with leading slash' },
  'VaultBackedDynamicCredentialsProps.discoveryCaPem': { test: 'test/constructs/jwt-auth-mount.test.ts › facade discovery CA that is not PEM' },
  'VaultBackedDynamicCredentialsProps.hostname': { test: 'test/constructs/validation.test.ts › hostname with trailing slash' },
  'VaultBackedDynamicCredentialsProps.userClaim': { test: 'test/constructs/validation.test.ts › user claim absent from workspace tokens' },
  'VaultBackedDynamicCredentialsProps.vaultNamespace': { test: 'test/constructs/validation.test.ts › vault namespace with slashes at the ends' },
  'VaultBackedDynamicCredentialsProps.vaultProviderNamespace': {
    test: 'test/constructs/validation.test.ts › a declared provider namespace with a provider in the root namespace fails too',
  },

  // Consumer
  'GoogleConsumerOptions.tag': { test: 'test/consumer/consumer.test.ts › Google consumer tag that is reserved' },
  'GoogleConsumerOptions.keyBased': {
    freeForm: 'A boolean: both values are valid, it only decides whether the provider reads the key or the access token of the configuration.',
  },
  'VaultConsumerOptions.privateCa': {
    freeForm: 'A boolean: both values are valid; it only decides whether the Vault provider also reads the configuration\'s ca_cert_file.',
  },
  'AzureadConsumerProviderConfig.alias': { freeForm: 'An output struct returned by azureadProviderConfig, never taken as input: the alias comes from a tag validated by the consumer.' },
  'AzureadConsumerProviderConfig.useCli': { freeForm: 'An output struct returned by azureadProviderConfig, never taken as input; always false.' },
  'AzureadConsumerProviderConfig.tenantId': { freeForm: 'An output struct returned by azureadProviderConfig, never taken as input: the tenant id is passed through to the AzureAD provider, which validates it.' },
  'AzureadConsumerProviderConfig.clientIdFilePath': { freeForm: 'An output struct returned by azureadProviderConfig, never taken as input: a reference to the credentials variable.' },
  'AzureadConsumerProviderConfig.clientSecretFilePath': { freeForm: 'An output struct returned by azureadProviderConfig, never taken as input: a reference to the credentials variable.' },
};
