import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import {
  organizationNameProblem,
  projectNameProblem,
  renderStackDeploymentSubject,
  STACK_USER_CLAIMS,
  stackPartProblem,
  stackSubjectLengthProblem,
} from 'vault-backed-credentials-report/claims';
import { addChecks, isUnresolved, vaultAddressProblem } from './private/synth-checks';
import { IHcpTerraformJwtAuthMount } from './vault/jwt-auth-mount';
import { gcpAccessTokenWarning } from './vault/gcp-secrets-engine';
import { warn } from './private/warnings';
import { createJwtRunRole, derivedRoleNameProblem, roleNameBaseProblem, withRoleChecks } from './private/jwt-run-role';
import { vaultNamespaceProblem } from './private/vault-namespace-checks';
import { ISecretsEngineRole } from './vault/secrets-engine-role';
import { CheckedInputs, receiveCheckedInputs } from './private/checked-inputs';
import { DEFAULT_STACK_USER_CLAIM, resolveTrust, TrustSettings } from './trust-settings';
import { recordCreationSite } from './private/creation-sites';
import { LITERAL_BECAUSE, literalRequired } from './private/errors';

/** What a Stacks grant gives and to which deployments. */
export interface StackDeploymentGrantOptions {
  /** HCP Terraform project of the Stack, exactly as stored. */
  readonly project: string;
  /** Name of the Stack. */
  readonly stack: string;
  /**
   * Immutable id of the Stack (as HCP Terraform shows it, or a reference such as a `tfe_stack`'s `id`). Both roles
   * then also bind the token's `terraform_stack_id` claim, so a Stack that is deleted and re-created under the same
   * name, or another Stack renamed to it, does not inherit the credentials (its runs are refused instead). Stack
   * tokens carry `terraform_stack_id`, `terraform_project_id` and `terraform_organization_id`; deployments have no
   * id claim, only `terraform_stack_deployment_name`.
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
   * @default - the Stack is bound by its name only (a `name-only-binding` warning)
   */
  readonly stackId?: string;
  /** Deployments of the Stack that may log in (each by exact name). */
  readonly deployments: string[];
  /** Secrets-engine roles the plan operation may read. */
  readonly planCredentials: ISecretsEngineRole[];
  /** Secrets-engine roles the apply operation may read. */
  readonly applyCredentials: ISecretsEngineRole[];
  /**
   * Claim used as the Vault entity alias. Must exist in Stack tokens, so never `terraform_full_workspace`.
   *
   * @default "terraform_stack_id"
   */
  readonly userClaim?: string;
  /**
   * Token claims copied into the Vault token metadata of this Stack's roles (claim name to metadata key). Stack tokens
   * carry the phase in `terraform_operation` and have no workspace or run claims, so a trust whose `claimMappings`
   * name such claims sets this to mappings Stack tokens carry. Setting it replaces the default whole; `{}` maps nothing.
   *
   * @default - the trust's claimMappings; when the trust sets none, the Stack audit default: `terraform_stack_id`,
   *   `terraform_stack_deployment_name`, `terraform_operation` and `terraform_plan_id` to `stack_id`, `stack_deployment`,
   *   `operation` and `plan_id`
   */
  readonly claimMappings?: { [claim: string]: string };
  /**
   * Base name of the two Vault roles; `-plan` and `-apply` are appended.
   *
   * @default - "<roleNamePrefix>-stack-<grant id>"
   */
  readonly roleName?: string;
}

/** Trust settings a Stacks grant inherits from its {@link VaultBackedDynamicCredentials}. */
export interface StackDeploymentGrantProps extends StackDeploymentGrantOptions, TrustSettings {
  /** The JWT auth mount the roles live in. */
  readonly authMount: IHcpTerraformJwtAuthMount;
  /**
   * Namespace to put in the Stack's Vault provider configuration, as the Stack sees it (absolute).
   *
   * @default - the JWT auth mount's `runNamespace`
   */
  readonly runNamespace?: string;
}

/**
 * Vault roles for an HCP Terraform Stack: a plan role admitting `operation:plan` tokens and an apply role admitting
 * `operation:apply` tokens of the listed deployments only. Stacks can read variable sets (`store "varset"`), but
 * the `TFC_VAULT_*` environment-variable flow does not apply to them: they log in through an `identity_token` block
 * and the Vault provider's `auth_login_jwt`. So instead of a variable set this construct exposes the `identity_token`,
 * deployment inputs and Vault provider configuration the Stack needs, as HCL text to paste into its `.tfdeploy.hcl`
 * and `.tfcomponent.hcl` files.
 *
 * @see https://developer.hashicorp.com/terraform/language/stacks/deploy/authenticate
 */
export class StackDeploymentGrant extends Construct {
  /** Literal name of the plan role. */
  public readonly planRoleName: string;
  /** Literal name of the apply role. */
  public readonly applyRoleName: string;
  /** The plan role's Vault policy. */
  public readonly planPolicy: Policy;
  /** The plan role. */
  public readonly planRole: JwtAuthBackendRole;
  /** The apply role's Vault policy. */
  public readonly applyPolicy: Policy;
  /** The apply role. */
  public readonly applyRole: JwtAuthBackendRole;
  /** `identity_token` block and one `deployment` block per deployment, for the Stack's `.tfdeploy.hcl`. */
  public readonly deploymentConfiguration: string;
  /** Variables and the Vault provider block for the Stack's component configuration. */
  public readonly providerConfiguration: string;

  constructor(scope: Construct, id: string, props: StackDeploymentGrantProps) {
    super(scope, id);
    const received = receiveCheckedInputs();
    recordCreationSite(this);
    const trust = resolveTrust(props);
    const baseName = props.roleName ?? `${trust.roleNamePrefix}-stack-${id}`;
    this.planRoleName = `${baseName}-plan`;
    this.applyRoleName = `${baseName}-apply`;
    const deployments = [...new Set(props.deployments)].sort();
    const subjects = (operation: 'plan' | 'apply') =>
      deployments.map((deployment) =>
        renderStackDeploymentSubject({ organization: props.organization, project: props.project, stack: props.stack, deployment, operation }),
      );

    this.addGrantChecks(id, props, deployments, subjects, received);
    const roles = this.createRoles(props, subjects, received);
    this.planPolicy = roles.plan.policy;
    this.planRole = roles.plan.role;
    this.applyPolicy = roles.apply.policy;
    this.applyRole = roles.apply.role;
    this.warnAboutReach(props);
    this.deploymentConfiguration = renderDeploymentConfiguration(trust.audience, deployments, this.planRoleName, this.applyRoleName);
    this.providerConfiguration = renderProviderConfiguration(
      props.vaultAddress,
      props.runNamespace ?? props.authMount.runNamespace,
      props.authMount.mountPath,
    );
  }

  /**
   * The grant's checks at synthesis. The organization and Vault address are left alone when the facade handed them
   * over validated; both role names derive from the id (or roleName), so a bad one is reported here once.
   */
  private addGrantChecks(
    id: string,
    props: StackDeploymentGrantProps,
    deployments: readonly string[],
    subjects: (operation: 'plan' | 'apply') => string[],
    received: CheckedInputs,
  ): void {
    const owns = {
      organization: !received.covers('organization', props.organization),
      vaultAddress: !received.covers('vaultRun', ...vaultRunSettings(props)),
    };
    addChecks(this, () => {
      const problems: string[] = [];
      const org = !owns.organization ? undefined : isUnresolved(props.organization)
        ? literalRequired('organization', 'name', LITERAL_BECAUSE.organization)
        : organizationNameProblem(props.organization);
      if (org) problems.push(org);
      const project = isUnresolved(props.project)
        ? literalRequired('project', 'name', LITERAL_BECAUSE.subjectPattern)
        : projectNameProblem(props.project);
      if (project) problems.push(project);
      const stack = isUnresolved(props.stack) ? literalRequired('stack', 'name', LITERAL_BECAUSE.subjectPattern) : stackPartProblem('Stack', props.stack);
      if (stack) problems.push(stack);
      const stackId = stackIdProblem(props.stackId);
      if (stackId) problems.push(stackId);
      const emptyRoleName = roleNameBaseProblem(props.roleName, true);
      if (emptyRoleName) problems.push(emptyRoleName);
      const derived = derivedRoleNameProblem("the Stack's", id, props.roleName, [this.planRoleName, this.applyRoleName]);
      if (derived && !emptyRoleName) problems.push(derived);
      if (deployments.length === 0) problems.push('deployments is empty; list the Stack deployments that may log in');
      for (const deployment of deployments) {
        const p = isUnresolved(deployment)
          ? literalRequired(`deployment ${JSON.stringify(deployment)}`, 'name', LITERAL_BECAUSE.subjectPattern)
          : stackPartProblem('deployment', deployment);
        if (p) problems.push(p);
      }
      const address = owns.vaultAddress ? vaultAddressProblem(props.vaultAddress) : undefined;
      if (address) problems.push(`${address}; it is written into the Stack's provider configuration`);
      const namespace = vaultNamespaceProblem('runNamespace', props.runNamespace);
      if (namespace) problems.push(namespace);
      for (const subject of [...subjects('plan'), ...subjects('apply')]) {
        const p = stackSubjectLengthProblem(subject);
        if (p) problems.push(p);
      }
      return problems;
    });
  }

  /** The plan and apply JWT roles with their policies; the plan role validates the shared role settings for both. */
  private createRoles(props: StackDeploymentGrantProps, subjects: (operation: 'plan' | 'apply') => string[], received: CheckedInputs) {
    const checkedHere = received
      .with('organization', props.organization)
      .with('vaultRun', ...vaultRunSettings(props))
      .with('roleName', this.planRoleName)
      .with('roleName', this.applyRoleName);
    const common = {
      authMount: props.authMount,
      claimsType: 'string' as const,
      audience: props.audience,
      userClaim: props.userClaim ?? DEFAULT_STACK_USER_CLAIM,
      tokenClaims: STACK_USER_CLAIMS,
      tokenKind: 'Stacks deployment' as const,
      tokenTtlSeconds: props.tokenTtlSeconds,
      tokenMaxTtlSeconds: props.tokenMaxTtlSeconds,
      organizationId: props.organizationId,
      claimMappings: props.claimMappings,
    };
    const idClaims: Record<string, string> = props.stackId === undefined ? {} : { terraform_stack_id: props.stackId };
    const plan = createJwtRunRole(new Construct(this, 'plan'), {
      ...common,
      roleName: this.planRoleName,
      boundClaims: { sub: subjects('plan').join(','), ...idClaims },
      credentials: props.planCredentials,
      checked: checkedHere,
    });
    const apply = createJwtRunRole(new Construct(this, 'apply'), {
      ...common,
      roleName: this.applyRoleName,
      boundClaims: { sub: subjects('apply').join(','), ...idClaims },
      credentials: props.applyCredentials,
      checked: withRoleChecks(checkedHere, common),
    });
    return { plan, apply };
  }

  /** Warnings about what the grant reaches: GCP access tokens outliving runs, a Stack bound by name only. */
  private warnAboutReach(props: StackDeploymentGrantProps): void {
    const accessTokens = gcpAccessTokenWarning([...props.planCredentials, ...props.applyCredentials], props.tokenMaxTtlSeconds);
    if (accessTokens) warn(this, 'gcp-access-token-one-hour', accessTokens);
    if (props.stackId === undefined) {
      warn(
        this,
        'name-only-binding',
        `the grant trusts the Stack by its name only (${JSON.stringify(props.stack)} in project ${JSON.stringify(props.project)}); a Stack that is ` +
          'deleted and re-created under that name, or another Stack renamed to it, inherits these credentials. Set stackId to bind the token\'s ' +
          'terraform_stack_id claim',
      );
    }
  }
}

/** The settings that become a run's Vault connection, as one value for {@link CheckedInputs}. */
function vaultRunSettings(props: StackDeploymentGrantProps): unknown[] {
  return [props.vaultAddress, props.vaultEncodedCaCert, props.vaultClientTimeoutSeconds];
}

/** A Stack id must be one literal value: a `*` or `,` would turn the exact claim match into a pattern or a list. */
function stackIdProblem(stackId: string | undefined): string | undefined {
  if (stackId === undefined || isUnresolved(stackId)) return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(stackId)) {
    return `stackId ${JSON.stringify(stackId)} is not a Stack id (letters, digits, "-" and "_"); copy it from the Stack's settings or pass a tfe_stack's id`;
  }
  return undefined;
}

/** A quoted HCL string: JSON escapes plus `$${` and `%%{`, so no value can start an interpolation or a directive. */
function hclString(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

function renderDeploymentConfiguration(audience: string, deployments: string[], planRole: string, applyRole: string): string {
  const lines = [
    '# Stack deployment configuration (.tfdeploy.hcl)',
    'identity_token "vault" {',
    `  audience = [${hclString(audience)}]`,
    '}',
  ];
  for (const deployment of deployments) {
    lines.push(
      '',
      `deployment ${hclString(deployment)} {`,
      '  inputs = {',
      '    vault_identity_token = identity_token.vault.jwt',
      `    vault_plan_role      = ${hclString(planRole)}`,
      `    vault_apply_role     = ${hclString(applyRole)}`,
      '  }',
      '}',
    );
  }
  return lines.join('\n') + '\n';
}

function renderProviderConfiguration(address: string, namespace: string | undefined, mountPath: string): string {
  const addressExpression = isUnresolved(address) ? 'var.vault_address' : hclString(address);
  const lines = [
    '# Stack component configuration (.tfcomponent.hcl)',
    'variable "vault_identity_token" {',
    '  type      = string',
    '  ephemeral = true',
    '}',
    '',
    'variable "vault_plan_role" {',
    '  type = string',
    '}',
    '',
    'variable "vault_apply_role" {',
    '  type = string',
    '}',
  ];
  if (isUnresolved(address)) {
    lines.push('', 'variable "vault_address" {', '  type = string', '}');
  }
  lines.push(
    '',
    'provider "vault" "this" {',
    '  config {',
    `    address          = ${addressExpression}`,
    ...(namespace !== undefined ? [`    namespace        = ${hclString(namespace)}`] : []),
    '    skip_child_token = true',
    '    auth_login_jwt {',
    `      mount = ${hclString(mountPath)}`,
    '      # terraform.applying is true only while the Stack applies, so plans log in with the plan role.',
    '      role  = terraform.applying ? var.vault_apply_role : var.vault_plan_role',
    '      jwt   = var.vault_identity_token',
    '    }',
    '  }',
    '}',
  );
  return lines.join('\n') + '\n';
}
