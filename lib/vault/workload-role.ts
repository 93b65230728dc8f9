import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import { organizationNameProblem, projectNameProblem } from '../claims/names';
import { RunPhase } from '../claims/subject';
import { projectProblems, renderBoundClaims, WorkspaceSelector, workspaceSelectorProblems } from '../claims/workspace-selector';
import { addChecks, isUnresolved } from '../core/validation';
import { IHcpTerraformJwtAuthMount } from './jwt-auth-mount';
import { createRoleWithPolicy } from './role-core';
import { ISecretsEngineRole } from './secrets-engine-role';

/** Claims a workspace run token always carries as strings, and so may serve as `user_claim` or in `claim_mappings`. */
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

export { DEFAULT_TOKEN_TTL_SECONDS } from './role-core';

/** Properties of {@link WorkloadRole}. */
export interface WorkloadRoleProps {
  /** The JWT auth mount the role lives in. */
  readonly authMount: IHcpTerraformJwtAuthMount;
  /** HCP Terraform organization name, exactly as HCP Terraform stores it (matching is case-sensitive). */
  readonly organization: string;
  /**
   * HCP Terraform project name, exactly as stored (for example "Default Project"). Required for every selector but
   * `WorkspaceSelector.allInOrganization()`, which takes none.
   *
   * @default - none (only valid with `allInOrganization()`)
   */
  readonly project?: string;
  /** Workspaces of the project whose runs may log in. */
  readonly workspaces: WorkspaceSelector;
  /**
   * Immutable id of the project (`prj-...`, or a reference such as a `tfe_project`'s or a look-up's `id`). When set, the
   * role binds `terraform_project_id` instead of the project name, so renaming the project changes nothing.
   *
   * @default - the project is bound by name
   */
  readonly projectId?: string;
  /**
   * Immutable id of the organization (`org-...`), bound as `terraform_organization_id` next to the name.
   *
   * @default - the organization is bound by name only
   */
  readonly organizationId?: string;
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
  /**
   * Token claims copied into the Vault token's metadata (claim name to metadata key), so Vault's audit log shows, for
   * example, the run id and phase. The key `role` is reserved by Vault.
   *
   * @default - none
   */
  readonly claimMappings?: { [claim: string]: string };
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
    this.runPhases = [...new Set(props.runPhases)].sort((a, b) => phaseOrder(a) - phaseOrder(b));
    this.credentials = [...props.credentials];

    addChecks(this, () => {
      const problems: string[] = [];
      const orgProblem = isUnresolved(props.organization)
        ? 'organization must be a literal name: it anchors every subject pattern'
        : organizationNameProblem(props.organization);
      if (orgProblem) problems.push(orgProblem);
      problems.push(...projectProblems(props.workspaces, props.project, (name) =>
        isUnresolved(name) ? 'project must be a literal name: it is part of every subject pattern' : projectNameProblem(name)));
      problems.push(...workspaceSelectorProblems(props.workspaces, isUnresolved));
      if (props.projectId !== undefined && !isUnresolved(props.projectId) && !/^prj-[A-Za-z0-9]+$/.test(props.projectId)) {
        problems.push(`projectId ${JSON.stringify(props.projectId)} is not "prj-" followed by letters and digits; copy it from the project settings or pass a tfe_project's id`);
      }
      if (props.organizationId !== undefined && !isUnresolved(props.organizationId) && !/^org-[A-Za-z0-9]+$/.test(props.organizationId)) {
        problems.push(`organizationId ${JSON.stringify(props.organizationId)} is not "org-" followed by letters and digits; copy it from the organization settings`);
      }
      if (this.runPhases.length === 0) {
        problems.push('runPhases is empty; give RunPhase.PLAN, RunPhase.APPLY or both');
      }
      return problems;
    });

    const bound = renderBoundClaims(props.organization, props.project, props.workspaces, this.runPhases, {
      projectId: props.projectId,
      organizationId: props.organizationId,
    });
    const core = createRoleWithPolicy(this, {
      authMount: props.authMount,
      roleName: props.roleName,
      policyName: props.policyName,
      boundClaims: bound.claims,
      claimsType: bound.claimsType,
      audience: props.audience,
      userClaim: props.userClaim ?? 'terraform_full_workspace',
      tokenClaims: WORKSPACE_RUN_USER_CLAIMS,
      tokenKind: 'workspace run',
      credentials: this.credentials,
      tokenTtl: props.tokenTtl,
      tokenMaxTtl: props.tokenMaxTtl,
      claimMappings: props.claimMappings,
    });
    this.policyName = core.policyName;
    this.policy = core.policy;
    this.role = core.role;
  }
}

function phaseOrder(phase: RunPhase): number {
  return phase === RunPhase.PLAN ? 0 : 1;
}
