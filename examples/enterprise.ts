/**
 * Example: Terraform Enterprise with a private CA, Vault Enterprise namespaces, two AWS accounts in one workspace,
 * an id-bound grant and an HCP Terraform Stack.
 *
 * - Vault trusts tokens from https://tfe.acme.example, whose certificate comes from a private CA (discoveryCaPem),
 *   and runs trust Vault's private CA too (TFC_VAULT_ENCODED_CACERT).
 * - The Vault provider works in namespace "admin"; every resource goes to "admin/platform", and runs are told so.
 * - Workspace "payments-prod" gets two AWS configurations: the default one (payments account) and "LEGACY" (the
 *   old account), both fetched with the same plan/apply Vault roles.
 * - Workspace ws-Ledger01 is bound by id (and its project by id), so a rename changes nothing and a workspace that
 *   later takes its name gets nothing.
 * - Deployments "staging" and "production" of Stack "network" get plan and apply roles by operation.
 */
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AwsSecretsEngine, VaultBackedDynamicCredentials, WorkspaceSelector } from 'cdktf-vault-backed-credentials';

export const ENTERPRISE_STACK_NAME = 'vault-backed-credentials-enterprise';

const account = (id: string, role: string) => `arn:aws:iam::${id}:role/${role}`;

export class EnterpriseExample extends TerraformStack {
  public readonly trust: VaultBackedDynamicCredentials;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new VaultProvider(this, 'vault', { address: 'https://vault.acme.internal:8200', namespace: 'admin', skipChildToken: true });
    new TfeProvider(this, 'tfe', { hostname: 'tfe.acme.example' });

    const tfeCa = new TerraformVariable(this, 'tfe_ca_pem', {
      type: 'string',
      description: 'PEM bundle of the private CA that signed the Terraform Enterprise certificate.',
    });
    const vaultCa = new TerraformVariable(this, 'vault_ca_bundle_base64', {
      type: 'string',
      description: 'Base64 of the PEM bundle runs use to trust Vault (for example filebase64("vault-ca.pem")).',
    });

    this.trust = new VaultBackedDynamicCredentials(this, 'trust', {
      organization: 'acme',
      organizationId: 'org-AcmeCorp01',
      hostname: 'tfe.acme.example',
      discoveryCaPem: tfeCa.stringValue,
      vaultAddress: 'https://vault.acme.internal:8200',
      vaultEncodedCaCert: vaultCa.stringValue,
      vaultClientTimeoutSeconds: 120,
      vaultProviderNamespace: 'admin',
      vaultNamespace: 'platform',
      userClaim: 'terraform_workspace_id',
      claimMappings: { terraform_run_id: 'run_id', terraform_workspace_name: 'workspace', terraform_run_phase: 'phase' },
    });

    // Engines mounted and configured by another team: referenced, not managed here.
    const vaultNamespace = this.trust.vaultNamespace;
    const payments = AwsSecretsEngine.fromMountPath(this.trust, 'aws-payments', { mountPath: 'aws-payments', vaultNamespace });
    const legacy = AwsSecretsEngine.fromMountPath(this.trust, 'aws-legacy', { mountPath: 'aws-legacy', vaultNamespace });
    this.trust.grantWorkspaces('payments', {
      project: 'Payments',
      workspaces: WorkspaceSelector.names('payments-prod'),
      aws: {
        plan: payments.addAssumedRole('payments-read', { roleArns: [account('333333333333', 'payments-read')] }),
        apply: payments.addAssumedRole('payments-deploy', { roleArns: [account('333333333333', 'payments-deploy')] }),
      },
      additionalConfigurations: [
        {
          tag: 'LEGACY',
          aws: {
            plan: legacy.addAssumedRole('legacy-read', { roleArns: [account('444444444444', 'legacy-read')] }),
            apply: legacy.addAssumedRole('legacy-deploy', { roleArns: [account('444444444444', 'legacy-deploy')] }),
          },
        },
      ],
    });

    const ledger = payments.addAssumedRole('ledger', { roleArns: [account('333333333333', 'ledger')] });
    this.trust.grantWorkspaces('ledger', {
      project: 'Payments',
      projectId: this.trust.lookups.lookupProject('Payments').id,
      workspaces: WorkspaceSelector.ids('ws-Ledger01'),
      aws: { plan: ledger, apply: ledger },
      sharedRunRole: true,
    });

    const network = AwsSecretsEngine.fromMountPath(this.trust, 'aws-network', { mountPath: 'aws-network', vaultNamespace });
    const stackGrant = this.trust.grantStackDeployments('network', {
      project: 'Platform',
      stack: 'network',
      deployments: ['staging', 'production'],
      // Stack tokens carry no run or workspace claims; they name the phase in terraform_operation.
      claimMappings: { terraform_stack_deployment_name: 'deployment', terraform_operation: 'phase' },
      planCredentials: [network.addAssumedRole('stack-read', { roleArns: [account('555555555555', 'stack-read')] })],
      applyCredentials: [network.addAssumedRole('stack-deploy', { roleArns: [account('555555555555', 'stack-deploy')] })],
    });
    new TerraformOutput(this, 'stack_deployment_configuration', { value: stackGrant.deploymentConfiguration });
    new TerraformOutput(this, 'stack_provider_configuration', { value: stackGrant.providerConfiguration });
    // The pipeline token's policy, written in namespace "admin" (the provider's): paths carry the "platform/" prefix.
    new TerraformOutput(this, 'vault_pipeline_policy', { value: this.trust.pipelinePolicy });
  }
}
