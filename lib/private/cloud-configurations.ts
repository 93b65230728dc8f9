/**
 * Internal: the run variables of one set of cloud credentials (shared by workspace grants and module test grants).
 * Not part of the jsii API.
 */
import { ConfigurationVariables, vaultConfigMapping } from 'vault-backed-credentials-report/env';
import { awsRunVariables, azureRunVariables, EnvVariableSpec, gcpRunVariables, GcpAuthTypeName, phaseValues } from 'vault-backed-credentials-report/env';
import { AwsCredentialType, AwsEngineRole } from '../vault/aws-secrets-engine';
import type { AwsPhaseCredentials, AzurePhaseCredentials, GcpPhaseCredentials } from '../phase-credentials';

/**
 * Default `TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS` for grants whose roles create service principals. This library's
 * choice, not HashiCorp's: the docs define the variable (at most 1500 s, for Azure's eventual consistency) but give
 * no default; a minute lets a new service principal replicate before the run's first Azure call.
 */
export const DEFAULT_AZURE_SLEEP_SECONDS = 60;

/** One set of cloud credentials and its tag (undefined for the default configuration). */
export interface TaggedCloudSet {
  readonly tag?: string;
  readonly aws?: AwsPhaseCredentials;
  readonly gcp?: GcpPhaseCredentials;
  readonly azure?: AzurePhaseCredentials;
}

/** The IAM role ARN a phase requests: the one given, or the role's only ARN (assumed_role only). */
export function chooseRoleArn(role: AwsEngineRole, given: string | undefined): string | undefined {
  if (role.credentialType !== AwsCredentialType.ASSUMED_ROLE) return undefined;
  if (given !== undefined) return given;
  return role.roleArns.length === 1 ? role.roleArns[0] : undefined;
}

/** The variables of one set of cloud credentials, pointed at a tagged Vault configuration when there is one. */
export function cloudConfigurationVariables(configuration: TaggedCloudSet, vaultTag: string | undefined): ConfigurationVariables[] {
  const out: ConfigurationVariables[] = [];
  const mapped = (kind: 'aws' | 'gcp' | 'azure', variables: EnvVariableSpec[]): ConfigurationVariables => ({
    kind,
    tag: configuration.tag,
    variables: vaultTag === undefined ? variables : [...variables, vaultConfigMapping(kind, vaultTag)],
  });
  const { aws, gcp, azure } = configuration;
  if (aws) {
    const planArn = chooseRoleArn(aws.plan, aws.planRoleArn);
    const applyArn = chooseRoleArn(aws.apply, aws.applyRoleArn);
    out.push(mapped('aws', awsRunVariables({
      // The literal type (not a reference to the role's attribute), so grants with the same type can share the variable.
      authType: aws.plan.credentialType,
      vaultRoles: phaseValues(aws.plan.roleNameReference, aws.apply.roleNameReference, aws.plan === aws.apply),
      roleArns: planArn !== undefined && applyArn !== undefined ? phaseValues(planArn, applyArn) : undefined,
      mountPath: aws.plan.mountPathReference,
      sleepSeconds: aws.sleepSeconds,
    })));
  }
  if (gcp) {
    out.push(mapped('gcp', gcpRunVariables({
      authType: gcp.plan.credentialType as GcpAuthTypeName,
      vaultRoles: phaseValues(gcp.plan.roleNameReference, gcp.apply.roleNameReference, gcp.plan === gcp.apply),
      mountPath: gcp.plan.mountPathReference,
    })));
  }
  if (azure) {
    const sleepSeconds = azure.sleepSeconds ??
      (azure.plan.createsServicePrincipals || azure.apply.createsServicePrincipals ? DEFAULT_AZURE_SLEEP_SECONDS : undefined);
    out.push(mapped('azure', azureRunVariables({
      vaultRoles: phaseValues(azure.plan.roleNameReference, azure.apply.roleNameReference, azure.plan === azure.apply),
      mountPath: azure.plan.mountPathReference,
      sleepSeconds,
      subscriptionId: azure.subscriptionId ?? azure.plan.engine.subscriptionId,
      tenantId: azure.plan.engine.tenantId,
    })));
  }
  return out;
}
