/**
 * What HCP Terraform and Vault would do for one run, read from a synthesized configuration: which variable sets
 * reach the workspace, which Vault role the run logs in with, whether Vault admits its token, which policies the
 * token carries, and whether those policies let it read a credential path.
 *
 * Pure: works on any `cdk.tf.json`, including ones this library did not write. What cannot be resolved to a
 * literal (a variable, an attribute only known after apply) is reported, never guessed.
 */
import { evaluateJwtLogin, JwtRoleModel, LoginDecision, TokenClaims } from '../claims/login';
import { renderWorkspaceRunSubject } from '../claims/subject';
import { DEFAULT_VAULT_AUDIENCE, DEFAULT_VAULT_AUTH_PATH } from '../env/variables';
import { AclRuleInput, evaluateAcl } from '../policy/acl';
import { parsePolicy } from '../policy/parse';
import { literalOf, TerraformBlock, TerraformConfiguration } from './terraform-json';

/** A workspace run to simulate. */
export interface WorkspaceRun {
  readonly organization: string;
  readonly project: string;
  readonly workspace: string;
  readonly runPhase: 'plan' | 'apply';
  /** Workspace id (`ws-...`), for configurations that attach or bind by id. */
  readonly workspaceId?: string;
  /** Project id (`prj-...`). */
  readonly projectId?: string;
  /** Organization id (`org-...`). */
  readonly organizationId?: string;
  /** Host that signs the token. Default `app.terraform.io`. */
  readonly hostname?: string;
}

/** The vault login a run (or an attacker) attempts. */
export interface LoginAttempt {
  readonly roleName: string;
  /** Default `jwt`. */
  readonly authPath?: string;
  /** Default: the root namespace (""). */
  readonly namespace?: string;
}

/** Outcome of a login attempt. */
export interface LoginOutcome {
  readonly admitted: boolean;
  readonly reason?: string;
  /** Address of the JWT role block used. */
  readonly roleAddress?: string;
  /** Policy names the token carries (including `default` unless the role disables it). */
  readonly policyNames: string[];
  /** Rules of those policies, as the ACL sees them. */
  readonly policies: AclRuleInput[][];
  /** Things that could not be evaluated from the file alone. */
  readonly unresolved: string[];
}

/** Outcome of simulating a workspace run. */
export interface RunOutcome {
  /** Addresses of the variable sets that reach the workspace. */
  readonly variableSets: string[];
  /** The run's environment from those sets, values resolved where possible. */
  readonly environment: Readonly<Record<string, string>>;
  /** Keys set by more than one variable set. */
  readonly conflicts: string[];
  /** Whether the run attempts Vault login at all (`TFC_VAULT_PROVIDER_AUTH=true`). */
  readonly vaultAuth: boolean;
  readonly login?: LoginOutcome & LoginAttempt;
  /** The AWS credential path the run would read, when Vault-backed AWS is on. */
  readonly awsCredentialPath?: string;
  /** Whether the run obtains AWS credentials: logged in, and its policies allow reading the path. */
  readonly awsAllowed: boolean;
}

/** The Vault `default` policy's rules that matter for credential reads (it grants no secrets-engine path). */
export const VAULT_DEFAULT_POLICY_RULES: AclRuleInput[] = [
  { path: 'auth/token/lookup-self', capabilities: ['read'] },
  { path: 'auth/token/renew-self', capabilities: ['update'] },
  { path: 'auth/token/revoke-self', capabilities: ['update'] },
  { path: 'sys/capabilities-self', capabilities: ['update'] },
  { path: 'sys/internal/ui/resultant-acl', capabilities: ['read'] },
  { path: 'sys/renew', capabilities: ['update'] },
  { path: 'sys/leases/renew', capabilities: ['update'] },
  { path: 'sys/leases/lookup', capabilities: ['update'] },
  { path: 'cubbyhole/*', capabilities: ['create', 'read', 'update', 'delete', 'list'] },
  { path: 'sys/wrapping/wrap', capabilities: ['update'] },
  { path: 'sys/wrapping/lookup', capabilities: ['update'] },
  { path: 'sys/wrapping/unwrap', capabilities: ['update'] },
  { path: 'sys/tools/hash', capabilities: ['update'] },
  { path: 'sys/tools/hash/*', capabilities: ['update'] },
];

/** The claims of an HCP Terraform workspace run token for `run`, with audience `audience`. */
export function workspaceRunClaims(run: WorkspaceRun, audience: string = DEFAULT_VAULT_AUDIENCE): TokenClaims {
  const fullWorkspace = `organization:${run.organization}:project:${run.project}:workspace:${run.workspace}`;
  return {
    iss: `https://${run.hostname ?? 'app.terraform.io'}`,
    aud: audience,
    sub: renderWorkspaceRunSubject({ organization: run.organization, project: run.project, workspace: run.workspace, runPhase: run.runPhase }),
    terraform_organization_id: run.organizationId ?? 'org-simulated',
    terraform_organization_name: run.organization,
    terraform_project_id: run.projectId ?? 'prj-simulated',
    terraform_project_name: run.project,
    terraform_workspace_id: run.workspaceId ?? 'ws-simulated',
    terraform_workspace_name: run.workspace,
    terraform_full_workspace: fullWorkspace,
    terraform_run_id: 'run-simulated',
    terraform_run_phase: run.runPhase,
  };
}

/** Simulates Vault login with `claims` against a role of the configuration, as an attacker could attempt it. */
export function simulateLogin(config: TerraformConfiguration, attempt: LoginAttempt, claims: TokenClaims): LoginOutcome {
  const authPath = attempt.authPath ?? DEFAULT_VAULT_AUTH_PATH;
  const namespace = attempt.namespace ?? '';
  const unresolved: string[] = [];
  const refused = (reason: string): LoginOutcome => ({ admitted: false, reason, policyNames: [], policies: [], unresolved });

  const role = config
    .resourcesOfType('vault_jwt_auth_backend_role')
    .find((block) =>
      literalOf(config.resolve(block.body.role_name)) === attempt.roleName &&
      literalOf(config.resolve(block.body.backend ?? DEFAULT_VAULT_AUTH_PATH)) === authPath &&
      (literalOf(config.resolve(block.body.namespace)) ?? '') === namespace);
  if (!role) {
    return refused(`role "${attempt.roleName}" could not be found at auth/${authPath} in namespace "${namespace}"`);
  }
  const mount = config
    .resourcesOfType('vault_jwt_auth_backend')
    .find((block) =>
      (literalOf(config.resolve(block.body.path)) ?? DEFAULT_VAULT_AUTH_PATH) === authPath &&
      (literalOf(config.resolve(block.body.namespace)) ?? '') === namespace);
  if (!mount) unresolved.push(`JWT auth mount auth/${authPath} is not in this configuration; its issuer was not checked`);
  const boundIssuer = mount ? literalOf(config.resolve(mount.body.bound_issuer)) : undefined;

  const boundClaims: Record<string, string> = {};
  const rawClaims = (role.body.bound_claims ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(rawClaims)) {
    const literal = literalOf(config.resolve(value));
    if (literal === undefined) {
      unresolved.push(`${role.address} bound_claims.${key} is not a literal`);
      return { ...refused('bound claims cannot be evaluated'), roleAddress: role.address };
    }
    boundClaims[key] = literal;
  }
  const model: JwtRoleModel = {
    roleType: literalOf(config.resolve(role.body.role_type)),
    boundAudiences: stringList(config, role.body.bound_audiences),
    boundSubject: literalOf(config.resolve(role.body.bound_subject)),
    boundClaims: Object.keys(boundClaims).length > 0 ? boundClaims : undefined,
    boundClaimsType: literalOf(config.resolve(role.body.bound_claims_type)),
    disableBoundClaimsParsing: role.body.disable_bound_claims_parsing === true,
    userClaim: literalOf(config.resolve(role.body.user_claim)) ?? '',
    userClaimJsonPointer: role.body.user_claim_json_pointer === true,
  };
  const decision: LoginDecision = evaluateJwtLogin({ boundIssuer }, model, claims);
  if (!decision.admitted) {
    return { ...refused(decision.reason ?? 'refused'), roleAddress: role.address };
  }

  const policyNames = stringList(config, role.body.token_policies).map((name) => name.toLowerCase());
  if (role.body.token_no_default_policy !== true && !policyNames.includes('default')) policyNames.push('default');
  const policies: AclRuleInput[][] = [];
  for (const name of policyNames) {
    if (name === 'default') {
      policies.push(VAULT_DEFAULT_POLICY_RULES);
      continue;
    }
    const block = config
      .resourcesOfType('vault_policy')
      .find((p) => literalOf(config.resolve(p.body.name))?.toLowerCase() === name && (literalOf(config.resolve(p.body.namespace)) ?? '') === namespace);
    const text = block ? literalOf(config.resolve(block.body.policy)) : undefined;
    if (text === undefined) {
      unresolved.push(`policy "${name}" in namespace "${namespace}" is not in this configuration as literal HCL`);
      continue;
    }
    policies.push(parsePolicy(text).rules.map((rule) => ({ path: rule.path, capabilities: [...rule.capabilities] })));
  }
  return { admitted: true, roleAddress: role.address, policyNames, policies, unresolved };
}

/** Simulates a workspace run end to end. */
export function simulateWorkspaceRun(config: TerraformConfiguration, run: WorkspaceRun): RunOutcome {
  const sets = reachingVariableSets(config, run);
  const { environment, conflicts } = environmentOf(config, sets);
  const vaultAuth = environment.TFC_VAULT_PROVIDER_AUTH === 'true';
  if (!vaultAuth) {
    return { variableSets: sets.map((s) => s.address), environment, conflicts, vaultAuth, awsAllowed: false };
  }
  const phase = run.runPhase.toUpperCase();
  const attempt: LoginAttempt = {
    roleName: environment[`TFC_VAULT_${phase}_ROLE`] ?? environment.TFC_VAULT_RUN_ROLE ?? '',
    authPath: environment.TFC_VAULT_AUTH_PATH ?? DEFAULT_VAULT_AUTH_PATH,
    namespace: environment.TFC_VAULT_NAMESPACE ?? '',
  };
  const audience = environment.TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE ?? DEFAULT_VAULT_AUDIENCE;
  const login = { ...attempt, ...simulateLogin(config, attempt, workspaceRunClaims(run, audience)) };

  let awsCredentialPath: string | undefined;
  let awsAllowed = false;
  if (environment.TFC_VAULT_BACKED_AWS_AUTH === 'true') {
    const vaultRole = environment[`TFC_VAULT_BACKED_AWS_${phase}_VAULT_ROLE`] ?? environment.TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE;
    const mount = environment.TFC_VAULT_BACKED_AWS_MOUNT_PATH ?? 'aws';
    const endpoint = environment.TFC_VAULT_BACKED_AWS_AUTH_TYPE === 'iam_user' ? 'creds' : 'sts';
    if (vaultRole !== undefined) {
      awsCredentialPath = `${mount}/${endpoint}/${vaultRole}`;
      awsAllowed = login.admitted && evaluateAcl(login.policies, awsCredentialPath, 'read').allowed;
    }
  }
  return { variableSets: sets.map((s) => s.address), environment, conflicts, vaultAuth, login, awsCredentialPath, awsAllowed };
}

/** Whether a run, logged in as its variable sets direct, may read `path`. */
export function runCanRead(config: TerraformConfiguration, run: WorkspaceRun, path: string): boolean {
  const outcome = simulateWorkspaceRun(config, run);
  return outcome.login?.admitted === true && evaluateAcl(outcome.login.policies, path, 'read').allowed;
}

function stringList(config: TerraformConfiguration, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => literalOf(config.resolve(item)) ?? String(item));
}

/** Variable sets attached to the run's workspace or project, or global. */
function reachingVariableSets(config: TerraformConfiguration, run: WorkspaceRun): TerraformBlock[] {
  const reached = new Set<string>();
  for (const attachment of config.resourcesOfType('tfe_workspace_variable_set')) {
    if (pointsAt(config, attachment.body.workspace_id, run.workspace, run.workspaceId, run.organization)) {
      addSet(config, attachment.body.variable_set_id, reached);
    }
  }
  for (const attachment of config.resourcesOfType('tfe_project_variable_set')) {
    if (pointsAt(config, attachment.body.project_id, run.project, run.projectId, run.organization)) {
      addSet(config, attachment.body.variable_set_id, reached);
    }
  }
  for (const set of config.resourcesOfType('tfe_variable_set')) {
    if (set.body.global === true && organizationMatches(config, set, run.organization)) reached.add(set.address);
  }
  return [...reached].map((address) => config.block(address)!).filter((b) => b !== undefined);
}

function organizationMatches(config: TerraformConfiguration, block: TerraformBlock, organization: string): boolean {
  const org = literalOf(config.resolve(block.body.organization));
  return org === undefined || org === organization;
}

/** Whether an id attribute refers to the named workspace/project (through a look-up or resource) or equals its id. */
function pointsAt(config: TerraformConfiguration, value: unknown, name: string, id: string | undefined, organization: string): boolean {
  if (typeof value !== 'string') return false;
  const reference = /^\$\{(.+)\.id\}$/.exec(value);
  if (reference) {
    const target = config.block(reference[1]);
    if (!target) return false;
    return literalOf(config.resolve(target.body.name)) === name && organizationMatches(config, target, organization);
  }
  return id !== undefined && value === id;
}

function addSet(config: TerraformConfiguration, value: unknown, into: Set<string>): void {
  if (typeof value !== 'string') return;
  const reference = /^\$\{(tfe_variable_set\.[^.]+)\.id\}$/.exec(value);
  if (reference && config.block(reference[1])) into.add(reference[1]);
}

/** Environment variables from the sets; priority sets first, then by set name, as HCP Terraform breaks ties. */
function environmentOf(config: TerraformConfiguration, sets: TerraformBlock[]): { environment: Record<string, string>; conflicts: string[] } {
  const ordered = [...sets].sort((a, b) => {
    const pa = a.body.priority === true ? 0 : 1;
    const pb = b.body.priority === true ? 0 : 1;
    if (pa !== pb) return pa - pb;
    const na = literalOf(config.resolve(a.body.name)) ?? a.address;
    const nb = literalOf(config.resolve(b.body.name)) ?? b.address;
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  const wanted = new Map(ordered.map((set) => [`\${${set.address}.id}`, [] as TerraformBlock[]]));
  for (const variable of config.resourcesOfType('tfe_variable')) {
    wanted.get(String(variable.body.variable_set_id))?.push(variable);
  }
  const environment: Record<string, string> = {};
  const conflicts = new Set<string>();
  for (const set of ordered) {
    for (const variable of wanted.get(`\${${set.address}.id}`) ?? []) {
      if (variable.body.category !== 'env') continue;
      const key = String(variable.body.key);
      const resolved = config.resolve(variable.body.value);
      const value = resolved === undefined ? '' : 'literal' in resolved ? resolved.literal : resolved.symbol;
      if (key in environment) {
        if (environment[key] !== value) conflicts.add(key);
        continue;
      }
      environment[key] = value;
    }
  }
  return { environment, conflicts: [...conflicts].sort() };
}
