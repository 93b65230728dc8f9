/**
 * Library side of the benchmark: an N-grant fleet through the public API of this library. One trust, one shared
 * AWS, GCP and Azure engine (root credentials from sensitive variables), and per grant its own plan and apply
 * engine role for each cloud plus one grant over two workspaces of its project.
 */
import { App, TerraformStack } from 'cdktf';
import { GcpSecretType, VaultBackedDynamicCredentials, WorkspaceSelector } from '../lib';
import {
  AWS_REGION,
  AZURE_ENGINE_CLIENT_ID,
  AZURE_RESOURCE_GROUP,
  AZURE_SUBSCRIPTION_ID,
  AZURE_TENANT_ID,
  fleetStack,
  FleetPlacement,
  GCP_PROJECT,
  GCP_PROJECT_RESOURCE,
  GCP_SCOPE,
  GrantHook,
  grantSpec,
  ORGANIZATION,
  VAULT_ADDRESS,
  VAULT_NAMESPACE,
} from './spec';

export function buildLibraryFleet(app: App, grants: number, afterGrant?: GrantHook, placement?: FleetPlacement): TerraformStack {
  const { stack, inputs } = fleetStack(app, placement?.stackName);
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
    organization: ORGANIZATION,
    vaultAddress: VAULT_ADDRESS,
    vaultNamespace: placement?.vaultNamespace ?? VAULT_NAMESPACE,
  });
  const aws = trust.addAwsSecretsEngine('aws', {
    region: AWS_REGION,
    rootCredentials: { accessKeyId: inputs.awsAccessKeyId, secretAccessKey: inputs.awsSecretAccessKey },
  });
  const gcp = trust.addGcpSecretsEngine('gcp', { credentials: inputs.gcpCredentials });
  const azure = trust.addAzureSecretsEngine('azure', {
    subscriptionId: AZURE_SUBSCRIPTION_ID,
    tenantId: AZURE_TENANT_ID,
    clientCredentials: { clientId: AZURE_ENGINE_CLIENT_ID, clientSecret: inputs.azureClientSecret },
  });

  for (let i = 0; i < grants; i++) {
    const g = grantSpec((placement?.firstGrant ?? 0) + i);
    const rolesetProps = (roles: string[]) => ({
      project: GCP_PROJECT,
      secretType: GcpSecretType.ACCESS_TOKEN,
      tokenScopes: [GCP_SCOPE],
      bindings: [{ resource: GCP_PROJECT_RESOURCE, roles }],
    });
    trust.grantWorkspaces(g.id, {
      project: g.project,
      workspaces: WorkspaceSelector.names(...g.workspaces),
      aws: {
        plan: aws.addAssumedRole(g.aws.plan, { roleArns: [g.aws.planArn] }),
        apply: aws.addAssumedRole(g.aws.apply, { roleArns: [g.aws.applyArn] }),
      },
      gcp: {
        plan: gcp.addRoleset(g.gcp.plan, rolesetProps(g.gcp.planRoles)),
        apply: gcp.addRoleset(g.gcp.apply, rolesetProps(g.gcp.applyRoles)),
      },
      azure: {
        plan: azure.addRole(g.azure.plan, { azureRoles: [{ scope: AZURE_RESOURCE_GROUP, roleName: g.azure.planRole }], ttlSeconds: 3600 }),
        apply: azure.addRole(g.azure.apply, { azureRoles: [{ scope: AZURE_RESOURCE_GROUP, roleName: g.azure.applyRole }], ttlSeconds: 3600 }),
      },
    });
    afterGrant?.(i);
  }
  return stack;
}
