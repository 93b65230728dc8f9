import { Construct } from 'constructs';
import { RunPhase } from './run-phase';
import { WorkspaceSelector, WorkspaceSelectorKind } from './workspace-selector';
import { addChecks, isUnresolved } from './private/synth-checks';
import { CheckedInputs, createWithCheckedInputs, receiveCheckedInputs } from './private/checked-inputs';
import { overlappingGrantProblems } from './private/grant-overlap';
import { addTreeCheck } from './private/tree-checks';
import { derivedRoleNameProblem, roleNameBaseProblem, withRoleChecks } from './private/jwt-run-role';
import { runVaultVariables, vaultRunSettingProblems } from './private/vault-run-settings';
import { ResolvedTrust, resolveTrust, TrustSettings } from './trust-settings';
import { chooseRoleArn, cloudConfigurationVariables, TaggedCloudSet } from './private/cloud-configurations';
import {
  combineConfigurations,
  ConfigurationVariables,
  EnvVariableSpec,
  phaseValues,
  planApplySharedMessage,
  planApplySharing,
  sleepSecondsProblem,
  tagProblem,
} from 'vault-backed-credentials-report/env';
import { CredentialVariableSet, EnvironmentVariable, toEnvironmentVariables, variableSetNameProblem } from './hcp-terraform/credential-variable-set';
import { HcpTerraformLookups } from './hcp-terraform/lookups';
import { AwsCredentialType } from './vault/aws-secrets-engine';
import { gcpAccessTokenWarning } from './vault/gcp-secrets-engine';
import { IHcpTerraformJwtAuthMount } from './vault/jwt-auth-mount';
import { ISecretsEngineRole } from './vault/secrets-engine-role';
import { WorkloadRole } from './vault/workload-role';
import { GUID, importIdOf } from 'vault-backed-credentials-report/catalogue';
import { AwsPhaseCredentials, AzurePhaseCredentials, GcpPhaseCredentials } from './phase-credentials';
import { GrantAdoption } from './adoption';
import { addGrantAdoptionChecks, setVariableImportId } from './private/adoption';
import { warn } from './private/warnings';
import { runRoleSessionOf } from './private/run-role-sessions';
import { builtInRoleWarnings } from './private/built-in-roles';
import { recordCreationSite } from './private/creation-sites';
import { offerSharedSettings, SharedVariableSet, sharedVariableSetOf } from './hcp-terraform/shared-settings';


/** Cloud credentials under their own configuration tag (HCP Terraform's multiple configurations). */
export interface TaggedCredentials {
  /** Configuration tag: letters, digits and `_`, not `TYPE`. Every variable of the configuration gets `_<TAG>`. */
  readonly tag: string;
  /**
   * AWS credentials of this configuration.
   *
   * @default - none
   */
  readonly aws?: AwsPhaseCredentials;
  /**
   * GCP credentials of this configuration.
   *
   * @default - none
   */
  readonly gcp?: GcpPhaseCredentials;
  /**
   * Azure credentials of this configuration.
   *
   * @default - none
   */
  readonly azure?: AzurePhaseCredentials;
}

/** What a grant gives and to whom. */
export interface WorkspaceGrantOptions {
  /**
   * HCP Terraform project name, exactly as stored (case-sensitive), e.g. "Default Project". Required for every
   * selector but `WorkspaceSelector.allInOrganization()`, which spans all projects and takes none.
   *
   * @default - none (only valid with `allInOrganization()`)
   */
  readonly project?: string;
  /** Workspaces of the project that receive the credentials. */
  readonly workspaces: WorkspaceSelector;
  /**
   * Immutable id of the project (`prj-...`, or a reference such as `trust.lookups.lookupProject('Platform').id`). The roles
   * then bind `terraform_project_id` instead of the project name, so a renamed project keeps working and no
   * project that later takes the old name gets in.
   *
   * @default - the project is bound by name
   */
  readonly projectId?: string;
  /**
   * Make the variable set owned by the project (`parent_project_id`) instead of the organization, so project admins
   * can manage it. A project-owned set can only be attached inside its project, which is exactly where a grant
   * attaches it.
   *
   * @default false
   */
  readonly variableSetOwnedByProject?: boolean;
  /**
   * AWS credentials.
   *
   * @default - none
   */
  readonly aws?: AwsPhaseCredentials;
  /**
   * GCP credentials.
   *
   * @default - none
   */
  readonly gcp?: GcpPhaseCredentials;
  /**
   * Azure credentials.
   *
   * @default - none
   */
  readonly azure?: AzurePhaseCredentials;
  /**
   * Use one Vault role for both phases instead of a plan role and an apply role. Plan runs can then read every
   * credential the apply phase can: only use it when both phases get the same credentials.
   *
   * @default false
   */
  readonly sharedRunRole?: boolean;
  /**
   * Base name of the Vault JWT roles and policies; `-plan` and `-apply` are appended unless `sharedRunRole`.
   *
   * @default - "<roleNamePrefix>-<grant id>"
   */
  readonly roleName?: string;
  /**
   * Name of the HCP Terraform variable set.
   *
   * @default - "vault-backed-<grant id>"
   */
  readonly variableSetName?: string;
  /**
   * Make the variable set a priority set, overriding workspace variables of the same names.
   *
   * @default false
   */
  readonly variableSetPriority?: boolean;
  /**
   * Tag for the `aws`, `gcp` and `azure` configurations above, so the workspace can hold them next to another
   * grant's default configuration (for example a second AWS account). The consuming configuration must then map its
   * providers by hand; see `DynamicCredentialsConsumer`.
   *
   * @default - the default (untagged) cloud configurations
   */
  readonly cloudConfigurationTag?: string;
  /**
   * More cloud configurations, each under its own tag, fetched with this grant's Vault roles. The plan role reads
   * every configuration's plan credentials, the apply role every configuration's apply credentials.
   *
   * @default - none
   */
  readonly additionalConfigurations?: TaggedCredentials[];
  /**
   * Tag for this grant's Vault configuration (`TFC_VAULT_*_<TAG>`), for a workspace that logs in to a second Vault
   * cluster or mount. Every cloud configuration of the grant is then pointed at it with
   * `TFC_VAULT_BACKED_<CLOUD>_VAULT_CONFIG[_TAG]`; without that mapping an alias-only setup fails at run time.
   *
   * @default - the default (untagged) Vault configuration
   */
  readonly vaultConfigurationTag?: string;
  /**
   * Emit a value that all of the grant's configurations of one kind share once, as `TFC_DEFAULT_*`, instead of once
   * per configuration. Enable flags are never collapsed.
   *
   * @default false
   */
  readonly useDefaultForms?: boolean;

  /**
   * Existing JWT roles, policies and variable set this grant takes over instead of creating them (Terraform `import`
   * blocks; the existing names are kept). See {@link GrantAdoption}.
   *
   * @default - nothing is adopted
   */
  readonly adopt?: GrantAdoption;
}

/** Trust settings a grant inherits from its {@link VaultBackedDynamicCredentials}. */
export interface WorkspaceGrantProps extends WorkspaceGrantOptions, TrustSettings {
  /** The JWT auth mount the roles live in. */
  readonly authMount: IHcpTerraformJwtAuthMount;
  /**
   * Claim used as the Vault entity alias.
   *
   * @default "terraform_full_workspace"
   */
  readonly userClaim?: string;
  /**
   * Shared project and workspace look-ups.
   *
   * @default - look-ups private to this grant
   */
  readonly lookups?: HcpTerraformLookups;
}

/**
 * One grant: the Vault JWT role(s) and policies that admit exactly the selected workspaces of a project, and the
 * HCP Terraform variable set that tells exactly those workspaces how to log in and which credentials to fetch.
 * Create it with {@link VaultBackedDynamicCredentials.grantWorkspaces}.
 *
 * @example
 * const grant = trust.grantWorkspaces('network', {
 *   project: 'Networking',
 *   workspaces: WorkspaceSelector.names('network-prod'),
 *   aws: { plan: readOnlyRole, apply: adminRole },
 * });
 * // Every resource is a public property: outputs can name it, and an override stays possible.
 * new TerraformOutput(this, 'network_plan_role', { value: grant.planRole.roleName });
 * grant.applyRole.role.addOverride('token_max_ttl', 3600);
 */
export class WorkspaceGrant extends Construct {
  /**
   * Role used by plan runs (the shared role when `sharedRunRole`). Query runs (`terraform query`) use it too:
   * HashiCorp documents that query runs use the plan configuration, and the plan role when the roles differ. The
   * phase their workload identity token carries is not documented; the plan role binds `run_phase:plan`, so a query
   * token with another phase would be refused, and its first run tells.
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials#configure-dynamic-credentials-for-queries
   */
  public readonly planRole: WorkloadRole;
  /** Role used by apply runs (the same object as `planRole` when `sharedRunRole`). */
  public readonly applyRole: WorkloadRole;
  /** The variable set carrying the run's environment variables. */
  public readonly variableSet: CredentialVariableSet;
  /** Project the grant applies to (undefined for an organization-wide grant). */
  public readonly project?: string;
  /** Workspaces the grant applies to. */
  public readonly workspaces: WorkspaceSelector;
  /**
   * The environment variables the grant's workspaces receive, in order: those of {@link variableSet} and, when the
   * grant shares its settings with other grants of the trust, those of {@link sharedVariableSet}.
   */
  public readonly environment: EnvironmentVariable[];

  constructor(scope: Construct, id: string, props: WorkspaceGrantProps) {
    super(scope, id);
    const received = receiveCheckedInputs();
    recordCreationSite(this);
    this.project = props.project;
    this.workspaces = props.workspaces;
    const trust = resolveTrust(props);
    const names = grantNames(id, props, trust);
    const configurations = configurationsOf(props);
    const checked = checkedInputsOf(received, names, props);

    const roles = this.createRoles(props, names, configurations, checked);
    this.planRole = roles.plan;
    this.applyRole = roles.apply;
    this.addGrantChecks(id, props, names, configurations, !received.covers('vaultRun', ...vaultRunSettings(props)));
    this.warnAboutReach(props, configurations);
    this.environment = this.runEnvironment(props, trust, configurations);
    this.variableSet = this.createVariableSets(props, names, checked);
    this.adoptExisting(props);
    this.shareSettings(props);
  }

  /**
   * The plan and apply roles (one shared role when `sharedRunRole`), each reading the credential paths of its phase.
   * The first role receives what the grant validated; the later role what the first one validated too.
   */
  private createRoles(props: WorkspaceGrantProps, names: GrantNames, configurations: TaggedCloudSet[], checked: GrantCheckedInputs) {
    const planCredentials = definedRoles(configurations.flatMap((c) => [c.aws?.plan, c.gcp?.plan, c.azure?.plan]));
    const applyCredentials = definedRoles(configurations.flatMap((c) => [c.aws?.apply, c.gcp?.apply, c.azure?.apply]));
    const roleProps = roleSettingsOf(props);
    const adopt = props.adopt;
    if (props.sharedRunRole) {
      const run = createWithCheckedInputs(checked.forFirstRole, () => new WorkloadRole(this, 'run', {
        ...roleProps,
        roleName: names.planRoleName,
        policyName: adopt?.planPolicyName,
        runPhases: [RunPhase.PLAN, RunPhase.APPLY],
        credentials: uniqueCredentials([...planCredentials, ...applyCredentials]),
      }));
      return { plan: run, apply: run };
    }
    const plan = createWithCheckedInputs(checked.forFirstRole, () => new WorkloadRole(this, 'plan', {
      ...roleProps,
      roleName: names.planRoleName,
      policyName: adopt?.planPolicyName,
      runPhases: [RunPhase.PLAN],
      credentials: planCredentials,
    }));
    const apply = createWithCheckedInputs(checked.forLaterConstructs, () => new WorkloadRole(this, 'apply', {
      ...roleProps,
      roleName: names.applyRoleName,
      policyName: adopt?.applyPolicyName,
      runPhases: [RunPhase.APPLY],
      credentials: applyCredentials,
    }));
    return { plan, apply };
  }

  /** The grant's own checks at synthesis, and the stack-wide check of overlapping grants. */
  private addGrantChecks(id: string, props: WorkspaceGrantProps, names: GrantNames, configurations: TaggedCloudSet[], ownsVaultRun: boolean): void {
    // Overlaps between grants are checked once per stack, over every grant of every facade.
    addTreeCheck(this, 'overlapping grants', (stack) =>
      overlappingGrantProblems(stack.node.findAll().filter((c): c is WorkspaceGrant => c instanceof WorkspaceGrant)));

    addChecks(this, () => {
      const problems: string[] = [];
      if (!configurations.some((c) => c.aws || c.gcp || c.azure)) {
        problems.push('the grant hands out no credentials; set aws, gcp or azure (each with plan and apply engine roles)');
        return problems;
      }
      const seenTags = new Set<string>();
      for (const configuration of configurations) {
        const label = configuration.tag === undefined ? '' : `configuration ${configuration.tag}: `;
        if (configuration.tag !== undefined) {
          const tagIssue = tagProblem(configuration.tag);
          if (tagIssue) problems.push(tagIssue);
          if (seenTags.has(configuration.tag)) {
            problems.push(`configuration tag ${JSON.stringify(configuration.tag)} is used twice in one grant; give each configuration its own tag`);
          }
          seenTags.add(configuration.tag);
        }
        if (!configuration.aws && !configuration.gcp && !configuration.azure) {
          problems.push(`${label}the configuration hands out no credentials; set aws, gcp or azure`);
        }
        if (configuration.gcp) problems.push(...gcpGrantProblems(configuration.gcp).map((p) => label + p));
        if (configuration.azure) problems.push(...azureGrantProblems(configuration.azure).map((p) => label + p));
        if (configuration.aws) problems.push(...awsGrantProblems(configuration.aws).map((p) => label + p));
      }
      if (ownsVaultRun) problems.push(...vaultRunSettingProblems(props));
      const emptyRoleName = roleNameBaseProblem(props.roleName, !props.sharedRunRole);
      if (emptyRoleName) problems.push(emptyRoleName);
      const derived = derivedRoleNameProblem("the grant's", id, props.roleName, names.derivedRoleNames);
      const setProblem = names.variableSetNameDerived && !derived ? variableSetNameProblem(names.variableSetName) : undefined;
      if (derived && !emptyRoleName) problems.push(derived);
      if (setProblem) {
        problems.push(`grant id ${JSON.stringify(id)} cannot name the grant's variable set: ${setProblem}. Give the grant another id, or set variableSetName`);
      }
      if (props.vaultConfigurationTag !== undefined) {
        const tagIssue = tagProblem(props.vaultConfigurationTag);
        if (tagIssue) problems.push(`vaultConfigurationTag: ${tagIssue}`);
      }
      return problems;
    });

  }

  /** Warnings about what the grant reaches: shared plan and apply paths, broad roles, name-only or project-wide selection. */
  private warnAboutReach(props: WorkspaceGrantProps, configurations: TaggedCloudSet[]): void {
    // The report's plan-apply-shared rule, applied to what this grant builds: one role for both phases, or a
    // credential path both phases read.
    const phasePaths = (phase: 'plan' | 'apply') =>
      configurations.flatMap((c) => [c.aws, c.gcp, c.azure].map((pair) => (pair ? pair[phase].credentialPath : undefined)));
    const sharing = planApplySharing(
      { roleKey: this.planRole.node.path, roleName: this.planRole.roleName, paths: phasePaths('plan') },
      { roleKey: this.applyRole.node.path, roleName: this.applyRole.roleName, paths: phasePaths('apply') },
    );
    if (sharing) warn(this, 'plan-apply-shared', planApplySharedMessage(sharing));
    const gcpRoles = configurations.flatMap((c) => (c.gcp ? [c.gcp.plan, c.gcp.apply] : []));
    const accessTokens = gcpAccessTokenWarning(gcpRoles, props.tokenMaxTtlSeconds);
    if (accessTokens) warn(this, 'gcp-access-token-one-hour', accessTokens);
    for (const configuration of configurations) {
      const broader = configuration.aws ? planBroaderThanApply(this, configuration.aws) : undefined;
      if (broader) warn(this, 'plan-broader-than-apply', broader);
      // The report's ranking of built-in roles (AdministratorAccess over ReadOnlyAccess, roles/owner over roles/viewer, ...).
      for (const message of builtInRoleWarnings(this, broader ? undefined : configuration.aws, configuration.gcp, configuration.azure)) {
        warn(this, 'plan-broader-than-apply', message);
      }
      const aws = configuration.aws;
      if (aws && aws.plan.credentialType === AwsCredentialType.IAM_USER && aws.sleepSeconds === undefined) {
        warn(
          this,
          'aws-iam-user-delay',
          'iam_user credentials take several seconds to become usable in AWS; set aws.sleepSeconds (for example 15) so runs do not fail on the first API call',
        );
      }
    }
    if (props.workspaces.kind === WorkspaceSelectorKind.NAMES) {
      warn(
        this,
        'name-only-binding',
        `the grant trusts workspace names only (${props.workspaces.workspaceNames.join(', ')}); a workspace that is later renamed to one of them, or deleted ` +
          `and re-created, inherits these credentials. Bind ids with WorkspaceSelector.ids() or WorkspaceSelector.references() where that matters`,
      );
    }
    if (props.workspaces.kind === WorkspaceSelectorKind.PREFIX) {
      warn(
        this,
        'workspace-prefix-grant',
        `every workspace of project ${JSON.stringify(props.project)} whose name starts with ${JSON.stringify(props.workspaces.namePrefix)}, including ones ` +
          `created later, can obtain these credentials; new workspaces receive the variables on the next apply of this stack`,
      );
    }
    if (props.workspaces.kind === WorkspaceSelectorKind.ALL_IN_ORGANIZATION) {
      warn(
        this,
        'project-wide-grant',
        'every workspace of the organization, in every project and including ones created later, can obtain these credentials through a global variable set; ' +
          'grant only what every workspace may hold, and prefer a project or named workspaces',
      );
    }
    if (props.workspaces.kind === WorkspaceSelectorKind.ALL_IN_PROJECT) {
      warn(
        this,
        'project-wide-grant',
        `every workspace of project ${JSON.stringify(props.project)}, including ones created later, can obtain these credentials; list workspaces by name or ` +
          `id to narrow the grant`,
      );
    }
  }

  /** The environment variables the grant's runs receive: the Vault configuration, then each cloud configuration. */
  private runEnvironment(props: WorkspaceGrantProps, trust: ResolvedTrust, configurations: TaggedCloudSet[]): EnvironmentVariable[] {
    const parts: ConfigurationVariables[] = [
      {
        kind: 'vault',
        tag: props.vaultConfigurationTag,
        variables: runVaultVariables(
          props.authMount,
          trust,
          phaseValues(this.planRole.role.roleName, this.applyRole.role.roleName, this.planRole === this.applyRole),
        ),
      },
    ];
    for (const configuration of configurations) {
      parts.push(...cloudConfigurationVariables(configuration, props.vaultConfigurationTag));
    }
    const environment: EnvVariableSpec[] = combineConfigurations(parts, props.useDefaultForms === true);
    return toEnvironmentVariables(environment);
  }

  /** The variable set that carries {@link environment} to exactly the selected workspaces. */
  private createVariableSets(props: WorkspaceGrantProps, names: GrantNames, checked: GrantCheckedInputs): CredentialVariableSet {
    const forVariableSet = names.variableSetNameDerived
      ? checked.forLaterConstructs.with('variableSetName', names.variableSetName)
      : checked.forLaterConstructs;
    return createWithCheckedInputs(forVariableSet, () => new CredentialVariableSet(this, 'variables', {
      organization: props.organization,
      name: names.variableSetName,
      priority: props.variableSetPriority,
      ownedByProject: props.variableSetOwnedByProject,
      project: props.project,
      workspaces: props.workspaces,
      variables: this.environment,
      lookups: props.lookups,
    }));
  }

  /** Offers the settings this grant shares with other grants of its trust, to be written once where that saves objects. */
  private shareSettings(props: WorkspaceGrantProps): void {
    offerSharedSettings({
      grant: this,
      set: this.variableSet,
      environment: this.environment,
      project: props.project,
      workspaces: props.workspaces,
      priority: props.variableSetPriority === true,
      ownedByProject: props.variableSetOwnedByProject === true,
      adopted: props.adopt?.variableSetId !== undefined,
    });
  }

  /**
   * The variable set holding the settings this grant shares with other grants of its trust (how runs reach Vault,
   * which engines they read), when sharing them saves objects; the grant's own roles stay in {@link variableSet}.
   * Determined by the grants that exist: read it after the last grant is created.
   *
   * @default - undefined: every variable is in {@link variableSet}
   */
  public get sharedVariableSet(): SharedVariableSet | undefined {
    return sharedVariableSetOf(this);
  }

  /** Import blocks for the objects `adopt` names; their names are already the adopted ones. */
  private adoptExisting(props: WorkspaceGrantProps): void {
    const adopt = props.adopt;
    addGrantAdoptionChecks(this, adopt, props.sharedRunRole === true, () => this.variableSet.keys);
    if (adopt === undefined) return;
    const roles: Array<[WorkloadRole, string | undefined, string | undefined]> = [[this.planRole, adopt.planRoleName, adopt.planPolicyName]];
    if (this.applyRole !== this.planRole) roles.push([this.applyRole, adopt.applyRoleName, adopt.applyPolicyName]);
    for (const [role, roleName, policyName] of roles) {
      if (roleName !== undefined) role.role.importFrom(importIdOf('jwt-role', props.authMount.mountPath, role.roleName));
      if (policyName !== undefined) role.policy.importFrom(role.policyName);
    }
    if (adopt.variableSetId !== undefined) {
      this.variableSet.variableSet.importFrom(adopt.variableSetId);
      for (const [key, variableId] of Object.entries(adopt.variableIds ?? {})) {
        this.variableSet.findVariable(key)?.importFrom(setVariableImportId(props.organization, adopt.variableSetId, variableId));
      }
    }
  }
}


/** The names a grant gives its roles and variable set, computed once. */
interface GrantNames {
  /** The plan role's name (the shared role's when `sharedRunRole`): the adopted name, or one derived from the base. */
  readonly planRoleName: string;
  /** The apply role's name (equal to {@link planRoleName} when `sharedRunRole`). */
  readonly applyRoleName: string;
  /** The role names the grant derived from its id or `roleName` (not adopted ones): the grant validates them. */
  readonly derivedRoleNames: readonly string[];
  /** The variable set's name. */
  readonly variableSetName: string;
  /** True when the set's name derives from the grant id, so the grant validates it. */
  readonly variableSetNameDerived: boolean;
}

/** Role names `<roleNamePrefix>-<id>[-plan|-apply]` (or from `roleName`) unless adopted, and `vault-backed-<id>`. */
function grantNames(id: string, props: WorkspaceGrantProps, trust: ResolvedTrust): GrantNames {
  const baseName = props.roleName ?? `${trust.roleNamePrefix}-${id}`;
  const adopt = props.adopt;
  const planDerived = props.sharedRunRole ? baseName : `${baseName}-plan`;
  const applyDerived = props.sharedRunRole ? baseName : `${baseName}-apply`;
  const planRoleName = adopt?.planRoleName ?? planDerived;
  const applyRoleName = props.sharedRunRole ? planRoleName : adopt?.applyRoleName ?? applyDerived;
  const derived = props.sharedRunRole
    ? [adoptedOr(adopt?.planRoleName, planDerived)]
    : [adoptedOr(adopt?.planRoleName, planDerived), adoptedOr(adopt?.applyRoleName, applyDerived)];
  return {
    planRoleName,
    applyRoleName,
    derivedRoleNames: derived.filter((n): n is string => n !== undefined),
    variableSetName: props.variableSetName ?? `vault-backed-${id}`,
    variableSetNameDerived: props.variableSetName === undefined,
  };
}

/** The default (possibly tagged) cloud configuration, then the additional ones. */
function configurationsOf(props: WorkspaceGrantProps): TaggedCloudSet[] {
  return [
    { tag: props.cloudConfigurationTag, aws: props.aws, gcp: props.gcp, azure: props.azure },
    ...(props.additionalConfigurations ?? []),
  ];
}

/** The settings every role of the grant shares. */
function roleSettingsOf(props: WorkspaceGrantProps) {
  return {
    authMount: props.authMount,
    organization: props.organization,
    project: props.project,
    workspaces: props.workspaces,
    projectId: props.projectId,
    organizationId: props.organizationId,
    audience: props.audience,
    userClaim: props.userClaim,
    tokenTtlSeconds: props.tokenTtlSeconds,
    tokenMaxTtlSeconds: props.tokenMaxTtlSeconds,
    claimMappings: props.claimMappings,
  };
}

/** The settings that become a run's Vault connection variables, as one value for {@link CheckedInputs}. */
function vaultRunSettings(props: WorkspaceGrantProps): unknown[] {
  return [props.vaultAddress, props.vaultEncodedCaCert, props.vaultClientTimeoutSeconds];
}

/** What the grant hands its constructs as validated. */
interface GrantCheckedInputs {
  /** For the first role: what the facade handed, plus the Vault run settings and derived role names the grant validates. */
  readonly forFirstRole: CheckedInputs;
  /** For the later role and the variable set: also the selector and role settings the first role validates. */
  readonly forLaterConstructs: CheckedInputs;
}

function checkedInputsOf(received: CheckedInputs, names: GrantNames, props: WorkspaceGrantProps): GrantCheckedInputs {
  const forFirstRole = names.derivedRoleNames.reduce(
    (inputs: CheckedInputs, name) => inputs.with('roleName', name),
    received.with('vaultRun', ...vaultRunSettings(props)),
  );
  const forLaterConstructs = withRoleChecks(forFirstRole, { ...roleSettingsOf(props), tokenKind: 'workspace run' })
    .with('organization', props.organization)
    .with('selector', props.project, props.workspaces)
    .with('projectId', props.projectId);
  return { forFirstRole, forLaterConstructs };
}

function gcpGrantProblems(gcp: GcpPhaseCredentials): string[] {
  const problems: string[] = [];
  if (gcp.plan.credentialType !== gcp.apply.credentialType) {
    problems.push(`GCP plan role ${JSON.stringify(gcp.plan.roleName)} uses auth type ${gcp.plan.credentialType} but apply role ` +
      `${JSON.stringify(gcp.apply.roleName)} uses ${gcp.apply.credentialType}; HCP Terraform takes one TFC_VAULT_BACKED_GCP_AUTH_TYPE per configuration, so ` +
        `give both phases the same kind (roleset or static account) and secret type`);
  }
  if (gcp.plan.engine !== gcp.apply.engine) {
    problems.push(`GCP plan role ${JSON.stringify(gcp.plan.roleName)} is in mount ${JSON.stringify(gcp.plan.mountPath)} but apply role ` +
      `${JSON.stringify(gcp.apply.roleName)} is in mount ${JSON.stringify(gcp.apply.mountPath)}; HCP Terraform takes one GCP mount path per configuration, ` +
        `so put both in one engine`);
  }
  return problems;
}

function azureGrantProblems(azure: AzurePhaseCredentials): string[] {
  const problems: string[] = [];
  if (azure.plan.engine !== azure.apply.engine) {
    problems.push(`Azure plan role ${JSON.stringify(azure.plan.roleName)} is in mount ${JSON.stringify(azure.plan.mountPath)} but apply role ` +
      `${JSON.stringify(azure.apply.roleName)} is in mount ${JSON.stringify(azure.apply.mountPath)}; HCP Terraform takes one Azure mount path per ` +
        `configuration, so put both roles in one engine`);
  }
  if (azure.sleepSeconds !== undefined) {
    const p = sleepSecondsProblem(azure.sleepSeconds);
    if (p) problems.push(`Azure ${p}`);
  }
  if (azure.subscriptionId !== undefined && !isUnresolved(azure.subscriptionId) &&
    !GUID.test(azure.subscriptionId)) {
    problems.push(`azure.subscriptionId ${JSON.stringify(azure.subscriptionId)} is not a GUID; copy the subscription id from the Azure portal`);
  }
  return problems;
}

function definedRoles(roles: Array<ISecretsEngineRole | undefined>): ISecretsEngineRole[] {
  return roles.filter((role): role is ISecretsEngineRole => role !== undefined);
}

function uniqueCredentials(roles: ISecretsEngineRole[]): ISecretsEngineRole[] {
  return [...new Set(roles)];
}

/**
 * Rule `plan-broader-than-apply`: when the plan and apply engine roles assume IAM run roles built in this stack
 * ({@link AwsRunRole}, matched by ARN reference), the plan role's managed policies must be among the apply role's;
 * otherwise plan runs, which any pull request starts, may do what applies may not. Inline policies are not compared.
 */
function planBroaderThanApply(scope: Construct, aws: AwsPhaseCredentials): string | undefined {
  const planArn = chooseRoleArn(aws.plan, aws.planRoleArn);
  const applyArn = chooseRoleArn(aws.apply, aws.applyRoleArn);
  if (planArn === undefined || applyArn === undefined || planArn === applyArn) return undefined;
  const plan = runRoleSessionOf(scope, planArn);
  const apply = runRoleSessionOf(scope, applyArn);
  if (!plan || !apply) return undefined;
  const extra = plan.managedPolicyArns.filter((arn) => !apply.managedPolicyArns.includes(arn));
  if (extra.length === 0) return undefined;
  const shown = extra.map((arn) => (isUnresolved(arn) ? 'a referenced policy' : arn)).join(', ');
  return `plan run role ${plan.path} has managed policies that apply run role ${apply.path} lacks (${shown}), so plan runs, which any pull request starts, ` +
    `can do what applies cannot; give the plan role a subset of the apply role's policies`;
}

function awsGrantProblems(aws: AwsPhaseCredentials): string[] {
  const problems: string[] = [];
  if (aws.plan.credentialType !== aws.apply.credentialType) {
    problems.push(`plan role ${JSON.stringify(aws.plan.roleName)} issues ${aws.plan.credentialType} but apply role ${JSON.stringify(aws.apply.roleName)} ` +
      `issues ${aws.apply.credentialType}; HCP Terraform takes one AWS auth type per configuration, so use engine roles of the same credential type`);
  }
  if (aws.plan.engine !== aws.apply.engine) {
    problems.push(`plan role ${JSON.stringify(aws.plan.roleName)} is in mount ${JSON.stringify(aws.plan.mountPath)} but apply role ` +
      `${JSON.stringify(aws.apply.roleName)} is in mount ${JSON.stringify(aws.apply.mountPath)}; HCP Terraform takes one AWS mount path per configuration, ` +
        `so put both roles in one engine`);
  }
  for (const [phase, role, given] of [
    ['plan', aws.plan, aws.planRoleArn],
    ['apply', aws.apply, aws.applyRoleArn],
  ] as const) {
    if (role.credentialType !== AwsCredentialType.ASSUMED_ROLE) {
      if (given !== undefined) problems.push(`${phase}RoleArn applies only to assumed_role engine roles; remove it`);
      continue;
    }
    if (chooseRoleArn(role, given) === undefined) {
      problems.push(`engine role ${JSON.stringify(role.roleName)} has ${role.roleArns.length} role ARNs; set ${phase}RoleArn to the one ${phase} runs should ` +
        `assume`);
    } else if (given !== undefined && !isUnresolved(given) && !role.roleArns.includes(given)) {
      problems.push(`${phase}RoleArn ${JSON.stringify(given)} is not one of the roleArns of engine role ${JSON.stringify(role.roleName)}; Vault would refuse ` +
        `to assume it`);
    }
  }
  if (aws.sleepSeconds !== undefined) {
    const p = sleepSecondsProblem(aws.sleepSeconds);
    if (p) problems.push(p);
  }
  return problems;
}

/** A role name the grant derives itself, or undefined when an adopted (existing) name is used instead. */
function adoptedOr(adopted: string | undefined, derived: string): string | undefined {
  return adopted === undefined ? derived : undefined;
}
