/**
 * Example app: one HCP Terraform organization, one Vault cluster, AWS credentials from Vault.
 *
 * - Two workspaces of project "Networking" read read-only AWS credentials while planning and admin credentials
 *   while applying, each phase through its own Vault role and policy.
 * - Every workspace of project "Sandbox" gets one sandbox role for both phases.
 *
 * Synthesize with `npm run synth`; the output lands in cdktf.out/stacks/vault-backed-credentials/cdk.tf.json.
 */
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from '../lib';

export const EXAMPLE_STACK_NAME = 'vault-backed-credentials';

export class VaultBackedCredentialsExample extends TerraformStack {
  public readonly trust: VaultBackedDynamicCredentials;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // The Vault and TFE providers read their own credentials from the pipeline's environment
    // (VAULT_TOKEN, TFE_TOKEN); nothing secret is written here.
    new VaultProvider(this, 'vault', { address: 'https://vault.acme.example:8200' });
    new TfeProvider(this, 'tfe', { hostname: 'app.terraform.io' });

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

    const aws = this.trust.awsSecretsEngine('aws', {
      region: 'eu-west-1',
      rootCredentials: { accessKeyId, secretAccessKey },
      defaultLeaseTtlSeconds: 3600,
      maxLeaseTtlSeconds: 7200,
    });

    const networkReadOnly = aws.assumedRole('network-read-only', {
      roleArns: ['arn:aws:iam::111111111111:role/network-read-only'],
      defaultStsTtl: 3600,
      maxStsTtl: 7200,
    });
    const networkAdmin = aws.assumedRole('network-admin', {
      roleArns: ['arn:aws:iam::111111111111:role/network-admin'],
      defaultStsTtl: 3600,
      maxStsTtl: 7200,
    });
    this.trust.grant('network', {
      project: 'Networking',
      workspaces: WorkspaceSelector.names('network-prod', 'network-stage'),
      aws: { plan: networkReadOnly, apply: networkAdmin },
    });

    const sandbox = aws.assumedRole('sandbox', {
      roleArns: ['arn:aws:iam::222222222222:role/sandbox-developer'],
    });
    this.trust.grant('sandbox', {
      project: 'Sandbox',
      workspaces: WorkspaceSelector.allInProject(),
      aws: { plan: sandbox, apply: sandbox },
      sharedRunRole: true,
    });
  }
}

export function buildExampleApp(outdir?: string): App {
  const app = new App(outdir === undefined ? {} : { outdir });
  new VaultBackedCredentialsExample(app, EXAMPLE_STACK_NAME);
  return app;
}

if (require.main === module) {
  buildExampleApp().synth();
}
