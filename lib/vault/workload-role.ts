import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import { organizationNameProblem, projectNameProblem } from 'vault-backed-credentials-report/claims';
import { RunPhase } from '../run-phase';
import { projectProblems, renderBoundClaims, WorkspaceSelector, workspaceSelectorProblems } from '../workspace-selector';
import { addChecks, isUnresolved } from '../private/synth-checks';
import { IHcpTerraformJwtAuthMount } from './jwt-auth-mount';
import { createJwtRunRole } from '../private/jwt-run-role';
import { receiveCheckedInputs } from '../private/checked-inputs';
import { DEFAULT_WORKSPACE_USER_CLAIM, RoleTrustSettings, WORKSPACE_RUN_USER_CLAIMS } from '../trust-settings';
import { ISecretsEngineRole } from './secrets-engine-role';
import { LITERAL_BECAUSE, literalRequired, projectIdMalformed } from '../private/errors';

export { WORKSPACE_RUN_USER_CLAIMS };

/** Properties of {@link WorkloadRole}: the shared {@link RoleTrustSettings} plus what selects the runs. */
export interface WorkloadRoleProps extends RoleTrustSettings {
  /** The JWT auth mount the role lives in. */
  readonly authMount: IHcpTerraformJwtAuthMount;
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
   * Token claim that names the Vault entity alias.
   *
   * @default "terraform_full_workspace"
   */
  readonly userClaim?: string;
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
    const checked = receiveCheckedInputs();
    this.roleName = props.roleName;
    this.runPhases = [...new Set(props.runPhases)].sort((a, b) => phaseOrder(a) - phaseOrder(b));
    this.credentials = [...props.credentials];

    // Inputs handed down validated by a grant or facade are left alone (see checked-inputs).
    const owns = {
      organization: !checked.covers('organization', props.organization),
      selector: !checked.covers('selector', props.project, props.workspaces),
      projectId: !checked.covers('projectId', props.projectId),
    };
    addChecks(this, () => {
      const problems: string[] = [];
      const orgProblem = !owns.organization ? undefined : isUnresolved(props.organization)
        ? literalRequired('organization', 'name', LITERAL_BECAUSE.organization)
        : organizationNameProblem(props.organization);
      if (orgProblem) problems.push(orgProblem);
      if (owns.selector) {
        problems.push(...projectProblems(props.workspaces, props.project, (name) =>
          isUnresolved(name) ? literalRequired('project', 'name', LITERAL_BECAUSE.subjectPattern) : projectNameProblem(name)));
        problems.push(...workspaceSelectorProblems(props.workspaces, isUnresolved));
      }
      if (owns.projectId && props.projectId !== undefined && !isUnresolved(props.projectId) && !/^prj-[A-Za-z0-9]+$/.test(props.projectId)) {
        problems.push(projectIdMalformed(props.projectId));
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
    const core = createJwtRunRole(this, {
      authMount: props.authMount,
      roleName: props.roleName,
      policyName: props.policyName,
      boundClaims: bound.claims,
      claimsType: bound.claimsType,
      audience: props.audience,
      userClaim: props.userClaim ?? DEFAULT_WORKSPACE_USER_CLAIM,
      organizationId: props.organizationId,
      tokenClaims: WORKSPACE_RUN_USER_CLAIMS,
      tokenKind: 'workspace run',
      credentials: this.credentials,
      tokenTtlSeconds: props.tokenTtlSeconds,
      tokenMaxTtlSeconds: props.tokenMaxTtlSeconds,
      claimMappings: props.claimMappings,
      checked,
    });
    this.policyName = core.policyName;
    this.policy = core.policy;
    this.role = core.role;
  }
}

function phaseOrder(phase: RunPhase): number {
  return phase === RunPhase.PLAN ? 0 : 1;
}
