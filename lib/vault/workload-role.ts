import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import { organizationNameProblem, projectNameProblem, vaultNameProblem } from '../claims/names';
import { RunPhase } from '../claims/subject';
import { renderBoundClaims, WorkspaceSelector, workspaceSelectorProblems } from '../claims/workspace-selector';
import { addChecks, isUnresolved, secondsProblem, vaultPolicyName } from '../core/validation';
import { DEFAULT_VAULT_AUDIENCE } from '../env/variables';
import { PolicyDocument, TOKEN_SELF_RULES } from '../policy/document';
import { IHcpTerraformJwtAuthMount } from './jwt-auth-mount';
import { ISecretsEngineRole } from './secrets-engine-role';

/** Claims a workspace run token always carries as strings, and so may serve as `user_claim`. */
export const WORKSPACE_RUN_USER_CLAIMS = [
  'terraform_full_workspace',
  'terraform_workspace_id',
  'terraform_workspace_name',
  'terraform_project_id',
  'terraform_project_name',
  'terraform_organization_id',
  'terraform_organization_name',
  'terraform_run_id',
  'sub',
];

/** Default TTL of the Vault token a run receives, in seconds. */
export const DEFAULT_TOKEN_TTL_SECONDS = 1200;

/** Properties of {@link WorkloadRole}. */
export interface WorkloadRoleProps {
  /** The JWT auth mount the role lives in. */
  readonly authMount: IHcpTerraformJwtAuthMount;
  /** HCP Terraform organization name, exactly as HCP Terraform stores it (matching is case-sensitive). */
  readonly organization: string;
  /** HCP Terraform project name, exactly as stored (for example "Default Project"). */
  readonly project: string;
  /** Workspaces of the project whose runs may log in. */
  readonly workspaces: WorkspaceSelector;
  /** Run phases the role admits: `[PLAN]`, `[APPLY]`, or both for a shared role. */
  readonly runPhases: RunPhase[];
  /** Secrets-engine roles whose credential paths the role's policy grants `read` on. */
  readonly credentials: ISecretsEngineRole[];
  /** Name of the Vault JWT role. */
  readonly roleName: string;
  /**
   * Name of the Vault policy (stored lower-case).
   *
   * @default - the role name, lower-cased
   */
  readonly policyName?: string;
  /**
   * Audience the role accepts; runs must send the same value.
   *
   * @default "vault.workload.identity"
   */
  readonly audience?: string;
  /**
   * Token claim that names the Vault entity alias.
   *
   * @default "terraform_full_workspace"
   */
  readonly userClaim?: string;
  /**
   * TTL of the renewable Vault token, in seconds. HCP Terraform renews it during the phase and revokes it after.
   *
   * @default 1200
   */
  readonly tokenTtl?: number;
  /**
   * Maximum lifetime of the token in seconds. Renewals stop at this age, so it must exceed the longest plan or apply.
   *
   * @default - no role-level maximum (the mount's maximum applies)
   */
  readonly tokenMaxTtl?: number;
}

/**
 * One Vault JWT role for HCP Terraform runs together with its least-privilege policy: the three token self paths
 * and `read` on the exact credential path of each engine role, nothing else.
 */
export class WorkloadRole extends Construct {
  /** Literal JWT role name. */
  public readonly roleName: string;
  /** Literal policy name (lower-case). */
  public readonly policyName: string;
  /** Run phases the role admits. */
  public readonly runPhases: RunPhase[];
  /** Secrets-engine roles this role can read. */
  public readonly credentials: ISecretsEngineRole[];
  /** The policy resource. */
  public readonly policy: Policy;
  /** The JWT role resource. */
  public readonly role: JwtAuthBackendRole;

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
    this.roleName = props.roleName;
    this.policyName = vaultPolicyName(props.policyName ?? props.roleName);
    this.runPhases = [...new Set(props.runPhases)].sort((a, b) => phaseOrder(a) - phaseOrder(b));
    this.credentials = [...props.credentials];
    const audience = props.audience ?? DEFAULT_VAULT_AUDIENCE;
    const userClaim = props.userClaim ?? 'terraform_full_workspace';

    // The token self paths keep renew and revoke working even where Vault's default policy was edited or detached.
    const document = PolicyDocument.fromRules(TOKEN_SELF_RULES);
    for (const credential of this.credentials) {
      document.addRule(credential.credentialPath, ['read']);
    }
    const policyProblems = document.validate();

    addChecks(this, () => {
      const problems: string[] = [];
      const orgProblem = isUnresolved(props.organization)
        ? 'organization must be a literal name: it anchors every subject pattern'
        : organizationNameProblem(props.organization);
      if (orgProblem) problems.push(orgProblem);
      const projectProblem = isUnresolved(props.project)
        ? 'project must be a literal name: it is part of every subject pattern'
        : projectNameProblem(props.project);
      if (projectProblem) problems.push(projectProblem);
      problems.push(...workspaceSelectorProblems(props.workspaces, isUnresolved));
      for (const [kind, value] of [['Vault role name', this.roleName], ['Vault policy name', this.policyName]] as const) {
        const p = isUnresolved(value) ? `${kind} must be a literal string` : vaultNameProblem(kind, value);
        if (p) problems.push(p);
      }
      if (this.runPhases.length === 0) {
        problems.push('runPhases is empty; give RunPhase.PLAN, RunPhase.APPLY or both');
      }
      if (this.credentials.length === 0) {
        problems.push('the role grants no credentials; add at least one secrets-engine role');
      }
      if (isUnresolved(audience) || !/^[A-Za-z0-9._:/-]{1,256}$/.test(audience)) {
        problems.push(`audience ${JSON.stringify(audience)} must be a literal of letters, digits and . _ : / - (for example "vault.workload.identity")`);
      }
      if (!WORKSPACE_RUN_USER_CLAIMS.includes(userClaim)) {
        problems.push(`userClaim ${JSON.stringify(userClaim)} is not a string claim of every workspace run token; use one of ${WORKSPACE_RUN_USER_CLAIMS.join(', ')}`);
      }
      const ttlProblem = secondsProblem('tokenTtl', props.tokenTtl, 60, 86400);
      if (ttlProblem) problems.push(ttlProblem);
      const maxProblem = secondsProblem('tokenMaxTtl', props.tokenMaxTtl, 60, 2764800);
      if (maxProblem) problems.push(maxProblem);
      const ttl = props.tokenTtl ?? DEFAULT_TOKEN_TTL_SECONDS;
      if (props.tokenMaxTtl !== undefined && props.tokenMaxTtl < ttl) {
        problems.push(`tokenMaxTtl (${props.tokenMaxTtl}) is below tokenTtl (${ttl}); Vault rejects the role. Raise tokenMaxTtl or lower tokenTtl`);
      }
      for (const credential of this.credentials) {
        if ((credential.vaultNamespace ?? '') !== (props.authMount.vaultNamespace ?? '')) {
          problems.push(
            `secrets-engine role ${JSON.stringify(credential.roleName)} is in namespace ${JSON.stringify(credential.vaultNamespace ?? '')} but the JWT auth mount is in ${JSON.stringify(props.authMount.vaultNamespace ?? '')}; a run token can only read paths of its own namespace, so put both in the same namespace`,
          );
        }
      }
      problems.push(...policyProblems);
      return problems;
    });

    this.policy = new Policy(this, 'policy', {
      name: this.policyName,
      namespace: props.authMount.vaultNamespace,
      policy: policyProblems.length === 0 ? document.render() : '',
    });

    const bound = renderBoundClaims(props.organization, props.project, props.workspaces, this.runPhases);
    this.role = new JwtAuthBackendRole(this, 'role', {
      backend: props.authMount.mountPathReference,
      namespace: props.authMount.vaultNamespace,
      roleName: this.roleName,
      roleType: 'jwt',
      boundAudiences: [audience],
      boundClaimsType: bound.claimsType,
      boundClaims: { ...bound.claims },
      userClaim,
      tokenPolicies: [this.policy.name],
      tokenTtl: props.tokenTtl ?? DEFAULT_TOKEN_TTL_SECONDS,
      tokenMaxTtl: props.tokenMaxTtl,
      tokenType: 'service',
    });
  }
}

function phaseOrder(phase: RunPhase): number {
  return phase === RunPhase.PLAN ? 0 : 1;
}
