/**
 * Internal: the built-in cloud roles a grant's plan and apply engine roles hand out, as the report's
 * `plan-broader-than-apply` rule ranks them (AWS ReadOnlyAccess < PowerUserAccess < AdministratorAccess, GCP basic
 * roles, Azure Reader < Contributor < Owner). Read from what the engine role constructs were given. A role name
 * given as a reference (a token) is not known at synthesis and is left out, as the report leaves out what it cannot
 * resolve; a scope given as a reference is compared as the Terraform expression it becomes, as the report reads it
 * in the synthesized JSON: one variable on both sides is one scope, whatever its value.
 */
import { IResolvable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { BuiltInGrant, builtInExcess, builtInExcessMessage } from 'vault-backed-credentials-report/rules';
import { AwsPhaseCredentials, AzurePhaseCredentials, GcpPhaseCredentials } from '../phase-credentials';
import { AwsEngineRole } from '../vault/aws-secrets-engine';
import { AzureEngineRole } from '../vault/azure-secrets-engine';
import { GcpEngineRole, GcpRoleset, GcpStaticAccount } from '../vault/gcp-secrets-engine';
import { chooseRoleArn } from './cloud-configurations';
import { runRoleSessionOf } from './run-role-sessions';
import { asWritten } from './terraform-literals';

const known = (value: string | undefined): value is string => value !== undefined && !Token.isUnresolved(value);

function listOf<T>(value: IResolvable | T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

function awsGrants(scope: Construct, role: AwsEngineRole, givenArn: string | undefined): BuiltInGrant[] {
  const grants: BuiltInGrant[] = (role.resource.policyArnsInput ?? []).filter(known).map((arn) => ({ scope: '*', role: arn }));
  const arn = chooseRoleArn(role, givenArn);
  const session = arn === undefined ? undefined : runRoleSessionOf(scope, arn);
  for (const policy of session?.managedPolicyArns ?? []) if (known(policy)) grants.push({ scope: '*', role: policy });
  return grants;
}

/** A scope as the synthesized JSON writes it: the literal, or the Terraform expression a reference becomes. */
function scopeText(construct: Construct, value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!Token.isUnresolved(value)) return value;
  const resolved = asWritten(construct, value);
  return typeof resolved === 'string' ? resolved : undefined;
}

function gcpGrants(role: GcpEngineRole): BuiltInGrant[] {
  const input = role instanceof GcpRoleset || role instanceof GcpStaticAccount ? role.resource.bindingInput : undefined;
  const bindings = listOf<{ resource: string; roles: string[] }>(input);
  return bindings.flatMap((b) => {
    const scope = scopeText(role, b.resource);
    return scope === undefined ? [] : b.roles.filter(known).map((r) => ({ scope, role: r }));
  });
}

function azureGrants(role: AzureEngineRole): BuiltInGrant[] {
  return listOf<{ scope: string; roleName?: string; roleId?: string }>(role.resource.azureRolesInput).flatMap((r) => {
    const name = known(r.roleName) ? r.roleName : known(r.roleId) ? r.roleId : undefined;
    const scope = scopeText(role, r.scope);
    return scope !== undefined && name !== undefined ? [{ scope, role: name }] : [];
  });
}

/** The warnings (without the rule id) for plan engine roles holding a broader built-in role than apply ones. */
export function builtInRoleWarnings(scope: Construct, aws?: AwsPhaseCredentials, gcp?: GcpPhaseCredentials, azure?: AzurePhaseCredentials): string[] {
  const out: string[] = [];
  const compare = (cloud: 'aws' | 'gcp' | 'azure', planName: string, applyName: string, plan: BuiltInGrant[], apply: BuiltInGrant[]) => {
    const excess = builtInExcess(cloud, plan, apply);
    if (excess.length > 0) out.push(builtInExcessMessage(cloud, planName, applyName, excess));
  };
  if (aws) compare('aws', aws.plan.roleName, aws.apply.roleName, awsGrants(scope, aws.plan, aws.planRoleArn), awsGrants(scope, aws.apply, aws.applyRoleArn));
  if (gcp && gcp.plan !== gcp.apply) compare('gcp', gcp.plan.roleName, gcp.apply.roleName, gcpGrants(gcp.plan), gcpGrants(gcp.apply));
  if (azure && azure.plan !== azure.apply) compare('azure', azure.plan.roleName, azure.apply.roleName, azureGrants(azure.plan), azureGrants(azure.apply));
  return out;
}
