/**
 * Example app: one HCP Terraform organization, one Vault cluster, AWS, GCP and Azure credentials from Vault.
 *
 * - Two workspaces of project "Networking" read read-only AWS credentials while planning and admin credentials
 *   while applying, each phase through its own Vault role and policy.
 * - Every workspace of project "Sandbox" gets one sandbox role for both phases.
 * - Two workspaces of project "Platform" get AWS, GCP and Azure credentials, read-only while planning and
 *   read-write while applying.
 * - The cloud-side identities the engines need are created here too: the AWS engine's IAM user and the Platform
 *   run roles it assumes, the GCP engine's service account and its project roles, and the Azure role assignment
 *   that lets the Azure engine give its service principals their roles.
 *
 * Synthesize with `npm run synth`; the output lands in cdktf.out/stacks/vault-backed-credentials/cdk.tf.json, next to
 * the Terraform Enterprise example of examples/enterprise.ts in cdktf.out/stacks/vault-backed-credentials-enterprise/
 * and the adoption example of examples/adopt.ts in cdktf.out/stacks/vault-backed-credentials-adopt/.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  AwsRunRole,
  AwsSecretsEngineUser,
  AzureSecretsEngineRoleAssignment,
  GcpSecretsEngineServiceAccount,
  GcpSecretType,
  VaultBackedDynamicCredentials,
  WorkspaceSelector,
} from 'cdktf-vault-backed-credentials';
import { AdoptExample, ADOPT_STACK_NAME } from './adopt';
import { EnterpriseExample, ENTERPRISE_STACK_NAME } from './enterprise';

export const EXAMPLE_STACK_NAME = 'vault-backed-credentials';

/** Placeholder Azure ids of the example (not secrets: subscription, tenant, client and object ids are identifiers). */
const AZURE_SUBSCRIPTION_ID = '00000000-0000-4000-8000-000000000001';
const AZURE_TENANT_ID = '00000000-0000-4000-8000-000000000002';
const AZURE_ENGINE_CLIENT_ID = '00000000-0000-4000-8000-000000000003';
const AZURE_ENGINE_OBJECT_ID = '00000000-0000-4000-8000-000000000004';
/** Built-in Azure role definition ids: Reader and Contributor. */
const AZURE_READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const AZURE_CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const PLATFORM_RESOURCE_GROUP = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/platform`;
const GCP_PROJECT = 'acme-platform';

export class VaultBackedCredentialsExample extends TerraformStack {
  public readonly trust: VaultBackedDynamicCredentials;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // The Vault and TFE providers read their own credentials from the pipeline's environment
    // (VAULT_TOKEN, TFE_TOKEN); nothing secret is written here. The pipeline token holds only the policy output below
    // as vault_pipeline_policy, which does not allow creating child tokens: hence skipChildToken.
    new VaultProvider(this, 'vault', { address: 'https://vault.acme.example:8200', skipChildToken: true });
    new TfeProvider(this, 'tfe', { hostname: 'app.terraform.io' });
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    new GoogleProvider(this, 'google', { project: GCP_PROJECT });
    new AzurermProvider(this, 'azurerm', { features: [{}], subscriptionId: AZURE_SUBSCRIPTION_ID });

    // Root credentials of the AWS secrets engine arrive as sensitive variables, never as literals.
    const accessKeyId = new TerraformVariable(this, 'aws_engine_access_key_id', {
      type: 'string',
      description: 'Access key id of the IAM user the Vault AWS secrets engine uses.',
    });
    const secretAccessKey = new TerraformVariable(this, 'aws_engine_secret_access_key', {
      type: 'string',
      sensitive: true,
      description: 'Secret access key of the IAM user the Vault AWS secrets engine uses.',
    });

    this.trust = new VaultBackedDynamicCredentials(this, 'trust', {
      organization: 'acme',
      vaultAddress: 'https://vault.acme.example:8200',
      vaultNamespace: 'admin',
    });

    const aws = this.trust.addAwsSecretsEngine('aws', {
      region: 'eu-west-1',
      rootCredentials: { accessKeyId, secretAccessKey },
      defaultLeaseTtlSeconds: 3600,
      maxLeaseTtlSeconds: 7200,
    });

    const networkReadOnly = aws.addAssumedRole('network-read-only', {
      roleArns: ['arn:aws:iam::111111111111:role/network-read-only'],
      ttlSeconds: 3600,
      maxTtlSeconds: 7200,
    });
    const networkAdmin = aws.addAssumedRole('network-admin', {
      roleArns: ['arn:aws:iam::111111111111:role/network-admin'],
      ttlSeconds: 3600,
      maxTtlSeconds: 7200,
    });
    this.trust.grantWorkspaces('network', {
      project: 'Networking',
      workspaces: WorkspaceSelector.names('network-prod', 'network-stage'),
      aws: { plan: networkReadOnly, apply: networkAdmin },
    });

    const sandbox = aws.addAssumedRole('sandbox', {
      roleArns: ['arn:aws:iam::222222222222:role/sandbox-developer'],
    });
    this.trust.grantWorkspaces('sandbox', {
      project: 'Sandbox',
      workspaces: WorkspaceSelector.allInProject(),
      aws: { plan: sandbox, apply: sandbox },
      sharedRunRole: true,
    });

    // --- Project "Platform": AWS, GCP and Azure, read-only while planning, read-write while applying. ---

    // AWS: the engine's own IAM user may rotate its key and assume the run roles, and each run role trusts exactly
    // that user (with an external id). Role ARNs reach the Vault roles by reference.
    const engineUser = new AwsSecretsEngineUser(this, 'aws-engine-user', {
      assumableRoleArns: [
        'arn:aws:iam::111111111111:role/network-read-only',
        'arn:aws:iam::111111111111:role/network-admin',
        'arn:aws:iam::222222222222:role/sandbox-developer',
      ],
    });
    const platformAwsPlan = new AwsRunRole(this, 'platform-aws-plan', {
      roleName: 'platform-plan',
      engineUser,
      externalId: 'acme-platform-plan',
      managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
    const platformAwsApply = new AwsRunRole(this, 'platform-aws-apply', {
      roleName: 'platform-apply',
      engineUser,
      externalId: 'acme-platform-apply',
      inlinePolicies: {
        'platform-deploy': JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['ec2:*', 's3:*', 'elasticloadbalancing:*'], Resource: '*' }],
        }),
      },
    });
    const platformAwsReadOnly = aws.addAssumedRole('platform-read-only', {
      roleArns: [platformAwsPlan.arn],
      externalId: platformAwsPlan.externalId,
    });
    const platformAwsDeploy = aws.addAssumedRole('platform-deploy', {
      roleArns: [platformAwsApply.arn],
      externalId: platformAwsApply.externalId,
    });

    // GCP: the engine's service account holds only the three project roles Vault needs; its key reaches Vault
    // through the write-only credentials_wo argument, so the Vault provider never stores it.
    const gcpEngineAccount = new GcpSecretsEngineServiceAccount(this, 'gcp-engine-account', {
      project: GCP_PROJECT,
      createKey: true,
    });
    const gcp = this.trust.addGcpSecretsEngine('gcp', {
      writeOnlyCredentials: { credentialsJson: gcpEngineAccount.credentialsJson! },
      // Rolesets can be written only once the engine's project roles exist (the resources, never their fqn).
      dependsOn: gcpEngineAccount.projectRoles,
    });
    const platformProject = `//cloudresourcemanager.googleapis.com/projects/${GCP_PROJECT}`;
    const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';
    const gcpViewer = gcp.addRoleset('platform-viewer', {
      project: GCP_PROJECT,
      secretType: GcpSecretType.ACCESS_TOKEN,
      tokenScopes: [cloudPlatformScope],
      bindings: [{ resource: platformProject, roles: ['roles/viewer'] }],
    });
    const gcpDeployer = gcp.addRoleset('platform-deployer', {
      project: GCP_PROJECT,
      secretType: GcpSecretType.ACCESS_TOKEN,
      tokenScopes: [cloudPlatformScope],
      bindings: [{ resource: platformProject, roles: ['roles/compute.admin', 'roles/storage.admin'] }],
    });

    // Azure: the engine's client secret arrives as a sensitive variable; its service principal may assign only
    // Reader and Contributor in the subscription, which is all the two roles below use.
    const azureClientSecret = new TerraformVariable(this, 'azure_engine_client_secret', {
      type: 'string',
      sensitive: true,
      description: 'Client secret of the service principal the Vault Azure secrets engine uses.',
    });
    new AzureSecretsEngineRoleAssignment(this, 'azure-engine-assignment', {
      scope: `/subscriptions/${AZURE_SUBSCRIPTION_ID}`,
      principalId: AZURE_ENGINE_OBJECT_ID,
      assignableRoleDefinitionIds: [AZURE_READER, AZURE_CONTRIBUTOR],
    });
    const azure = this.trust.addAzureSecretsEngine('azure', {
      subscriptionId: AZURE_SUBSCRIPTION_ID,
      tenantId: AZURE_TENANT_ID,
      clientCredentials: { clientId: AZURE_ENGINE_CLIENT_ID, clientSecret: azureClientSecret },
    });
    const azureReader = azure.addRole('platform-reader', {
      azureRoles: [{ roleName: 'Reader', scope: PLATFORM_RESOURCE_GROUP }],
      ttlSeconds: 3600,
      maxTtlSeconds: 14400,
    });
    const azureContributor = azure.addRole('platform-contributor', {
      azureRoles: [{ roleName: 'Contributor', scope: PLATFORM_RESOURCE_GROUP }],
      ttlSeconds: 3600,
      maxTtlSeconds: 14400,
    });

    this.trust.grantWorkspaces('platform', {
      project: 'Platform',
      workspaces: WorkspaceSelector.names('platform-prod', 'platform-stage'),
      aws: { plan: platformAwsReadOnly, apply: platformAwsDeploy },
      gcp: { plan: gcpViewer, apply: gcpDeployer },
      azure: { plan: azureReader, apply: azureContributor },
    });

    // What the token that applies this stack may do in Vault, and nothing more (see README, "The pipeline").
    new TerraformOutput(this, 'vault_pipeline_policy', { value: this.trust.pipelinePolicy });
  }
}

export function buildExampleApp(outdir?: string): App {
  const app = new App(outdir === undefined ? {} : { outdir });
  new VaultBackedCredentialsExample(app, EXAMPLE_STACK_NAME);
  new EnterpriseExample(app, ENTERPRISE_STACK_NAME);
  new AdoptExample(app, ADOPT_STACK_NAME);
  return app;
}

if (require.main === module) {
  buildExampleApp().synth();
}
