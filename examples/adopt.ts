/**
 * Example: taking over HashiCorp's vault-backed AWS example (terraform-dynamic-credentials-setup-examples,
 * `vault-backed/aws`) as it was applied, without destroying anything and without renaming anything.
 *
 * The HCL created, in Vault namespace "admin": the JWT mount `jwt`, one role `tfc-role` for both phases with the
 * policy `tfc-policy`, the AWS secrets engine at `aws` and its role `edu-app` (assumed_role), plus nine workspace
 * variables on workspace "vault-backed-aws-auth" of project "Default Project". This stack imports the Vault objects
 * under their names and points the workspace at them through a variable set; the IAM user, key and role stay where
 * they are (their ARN and key reach this stack as variables).
 *
 * Plan the first (importing) run with `TERRAFORM_VAULT_NAMESPACE_IMPORT=admin`. Like each resource's `namespace`,
 * that value is relative to the Vault provider's own namespace: this provider sets none and the objects carry
 * `namespace = "admin"`, hence `admin`. A stack whose provider sets `namespace: 'admin'` (where an HCP Vault Dedicated
 * token lives) and whose objects carry no namespace would leave it unset. test/engines/adoption.test.ts plans this
 * stack's Vault side against OpenBao: three imports, no replacement.
 *
 * Synthesized by `npm run synth` into cdktf.out/stacks/vault-backed-credentials-adopt/. README: "Adopting an
 * existing setup".
 */
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from 'cdktf-vault-backed-credentials';

export const ADOPT_STACK_NAME = 'vault-backed-credentials-adopt';

/** The values of the HashiCorp example's variables this example was applied with. */
export const ADOPTED = {
  organization: 'vault-backed-dynamic-creds-testing',
  project: 'Default Project',
  workspace: 'vault-backed-aws-auth',
  vaultUrl: 'https://vault-cluster.vault.11eb5e9c-0b4f-4e09-b1f0-9e1e6d2b1cd5.aws.hashicorp.cloud:8200',
  vaultNamespace: 'admin',
  jwtBackendPath: 'jwt',
  jwtRole: 'tfc-role',
  policy: 'tfc-policy',
  awsMount: 'aws',
  awsRole: 'edu-app',
} as const;

export class AdoptExample extends TerraformStack {
  public readonly trust: VaultBackedDynamicCredentials;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new VaultProvider(this, 'vault', { address: ADOPTED.vaultUrl, skipChildToken: true });
    new TfeProvider(this, 'tfe', {});

    // The IAM side of the HCL example stays in its configuration; its outputs come in as variables.
    const runRoleArn = new TerraformVariable(this, 'tfc_role_arn', {
      type: 'string',
      description: 'ARN of the IAM role "tfc-role" the HCL example created (aws_iam_role.tfc_role.arn).',
    });
    const accessKeyId = new TerraformVariable(this, 'aws_engine_access_key_id', {
      type: 'string',
      description: 'Access key id of the secrets engine IAM user (aws_iam_access_key.secrets_engine_credentials.id).',
    });
    const secretAccessKey = new TerraformVariable(this, 'aws_engine_secret_access_key', {
      type: 'string',
      sensitive: true,
      description: 'Its secret (aws_iam_access_key.secrets_engine_credentials.secret), so the adopted mount keeps working.',
    });

    this.trust = new VaultBackedDynamicCredentials(this, 'trust', {
      organization: ADOPTED.organization,
      vaultAddress: ADOPTED.vaultUrl,
      vaultNamespace: ADOPTED.vaultNamespace,
      authMountPath: ADOPTED.jwtBackendPath,
      adopt: { authMount: true },
    });
    const aws = this.trust.addAwsSecretsEngine('aws', {
      path: ADOPTED.awsMount,
      rootCredentials: { accessKeyId, secretAccessKey },
      adopt: true,
    });
    const eduApp = aws.addAssumedRole('edu-app', { name: ADOPTED.awsRole, roleArns: [runRoleArn.stringValue], adopt: true });

    // One role for both phases, as the HCL had it; its name and its policy's name stay.
    this.trust.grantWorkspaces('vault-backed-aws-auth', {
      project: ADOPTED.project,
      workspaces: WorkspaceSelector.names(ADOPTED.workspace),
      aws: { plan: eduApp, apply: eduApp },
      sharedRunRole: true,
      adopt: { planRoleName: ADOPTED.jwtRole, planPolicyName: ADOPTED.policy },
    });
    new TerraformOutput(this, 'vault_pipeline_policy', { value: this.trust.pipelinePolicy });
  }
}
