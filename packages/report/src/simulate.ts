/**
 * What HCP Terraform and Vault would do for one run, read from a synthesized configuration: which variables reach
 * the workspace, which Vault configuration and role each phase logs in with, whether Vault admits the token, which
 * policies the token carries, and which credential paths those policies let it read.
 *
 * Pure: works on any `cdk.tf.json`, including ones this library did not write. What cannot be resolved to a
 * literal (a variable without a value, an attribute only known after apply) is reported, never guessed.
 */
import { globMatch } from './claims/glob';
import { evaluateJwtLogin, JwtRoleModel, TokenClaims, vaultBoundClaims } from './claims/login';
import { renderWorkspaceRunSubject } from './claims/subject';
import { DEFAULT_VAULT_AUDIENCE, DEFAULT_VAULT_AUTH_PATH } from './env/variables';
import { AclRuleInput, evaluateAcl } from './policy/acl';
import { boundClaimValues } from './bindings';
import { invalidAttributes } from './input-shapes';
import { CloudConfiguration, EnvValue, Phase, runConfigurations, VaultConfiguration } from './configurations';
import { RunIdentity, runEnvironment } from './environment';
import { literalOf, Resolved, TerraformConfiguration, textOf } from './terraform-json';
import { describeNamespace, JwtRoleInfo, mountKeySourceProblem, trimSlashes, VaultIndex } from './vault-index';
import { DEFAULT_HCP_TERRAFORM_HOSTNAME } from './catalogue';

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

/** The Vault login a run (or an attacker) attempts. */
export interface LoginAttempt {
  readonly roleName: string;
  /** Default `jwt`. */
  readonly authPath?: string;
  /** Default: the root namespace (""). */
  readonly namespace?: string;
}

/**
 * `admitted` and `refused` are Vault's answers; `unknown` means the file does not say enough to tell. An admission
 * may carry {@link LoginCondition}s: Vault admits the token if facts the configuration does not state hold.
 */
export type LoginVerdict = 'admitted' | 'refused' | 'unknown';

/**
 * A fact the configuration does not state, on which an admission depends. Mostly a role binds an id claim (for example
 * `terraform_organization_id = "org-…"`) whose value for the run the configuration does not give. Vault compares
 * the claim the token carries (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 * lists the `terraform_*_id` claims every run token carries), so the login succeeds exactly when the id is one of
 * the bound values: a condition, never a refusal.
 */
export interface LoginCondition {
  /**
   * The token claim, e.g. `terraform_organization_id`; or `VAULT_NAMESPACE` when the Vault side's blocks were taken to be
   * in the namespace the runs log in to, which their provider does not state (`VaultIndex.assumedNamespace`).
   */
  readonly claim: string;
  /** The values the role admits (alternatives; glob patterns when {@link glob}). */
  readonly values: string[];
  /** True when the values are glob patterns. */
  readonly glob: boolean;
  /** For people: `the id of organization acme is org-AbC…`. */
  readonly text: string;
}

/** A claim whose value the simulated token only stands in for, because the configuration does not state it. */
export interface UnstatedClaim {
  readonly claim: string;
  /**
   * The expression the configuration gives for it (an id known only after apply, e.g. `${data.tfe_project.p.id}`), or
   * undefined when it gives nothing. An expression matches itself and any literal, never another expression.
   */
  readonly expression?: string;
  /** What the id belongs to, for the condition's text: `organization acme`, `project Data`, `the workspace`. */
  readonly owner: string;
}

/** Outcome of a login attempt. */
export interface LoginOutcome {
  readonly admitted: boolean;
  readonly verdict: LoginVerdict;
  readonly reason?: string;
  /** Address of the JWT role block used. */
  readonly roleAddress?: string;
  /** Address of the JWT auth mount block the role lives on, when it is in the configuration. */
  readonly mountAddress?: string;
  /** Policy names the token carries (including `default` unless the role disables it). */
  readonly policyNames: string[];
  /** Rules of those policies, as the ACL sees them. */
  readonly policies: AclRuleInput[][];
  /** Addresses of the policy blocks whose rules are in `policies` (`default` stands for Vault's built-in policy). */
  readonly policySources: string[];
  /** True when some policy's rules are not known from the file, so a denial is not certain. */
  readonly policiesIncomplete: boolean;
  /** Things that could not be evaluated from the file alone. */
  readonly unresolved: string[];
  /** When admitted: what must hold for Vault to admit the token (empty when the admission is unconditional). */
  readonly conditions: LoginCondition[];
}

/** One Vault configuration's login in one phase. */
export interface VaultLoginResult {
  readonly configuration: VaultConfiguration;
  readonly phase: Phase;
  /** The role variable the phase uses, if any. */
  readonly role?: EnvValue;
  /** Undefined when the configuration is too broken to attempt a login. */
  readonly login?: LoginOutcome;
}

/** `allowed` and `denied` are Vault's answers; `unknown` means the file does not say enough to tell. */
export type ReadVerdict = 'allowed' | 'denied' | 'unknown';

/** One cloud configuration's credential read in one phase. */
export interface CredentialResult {
  readonly configuration: CloudConfiguration;
  readonly phase: Phase;
  /** The Vault login it rides on. */
  readonly vault?: VaultLoginResult;
  /** The credential path, relative to the Vault namespace (may contain unresolved expressions). */
  readonly path?: string;
  readonly read: ReadVerdict;
  readonly reason?: string;
  /** Address of the secrets engine role block that serves the path, when found. */
  readonly engineRole?: string;
  /** Problems that make the read fail even when the policy allows it. */
  readonly problems: string[];
}

/** Outcome of simulating a workspace run. */
export interface RunOutcome {
  /** Addresses of the variable sets that reach the workspace, highest precedence first. */
  readonly variableSets: string[];
  /** Addresses of workspace variables that reach the run. */
  readonly workspaceVariables: string[];
  /** The run's environment, values resolved where possible. */
  readonly environment: Readonly<Record<string, string>>;
  /** Keys set by more than one source with different values. */
  readonly conflicts: string[];
  /** Whether the run attempts Vault login at all (some `TFC_VAULT_PROVIDER_AUTH[_TAG]=true`). */
  readonly vaultAuth: boolean;
  /** The default Vault configuration's login (or the first tagged one when there is no default). */
  readonly login?: LoginOutcome & LoginAttempt;
  /** Every Vault configuration's login. */
  readonly vault: VaultLoginResult[];
  /** Every Vault-backed cloud configuration's credential read. */
  readonly credentials: CredentialResult[];
  /** The default AWS configuration's credential path, when Vault-backed AWS is on. */
  readonly awsCredentialPath?: string;
  /** Whether the run obtains that AWS credential. */
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

const indexes = new WeakMap<TerraformConfiguration, VaultIndex>();

/** The Vault index of a configuration, built once per configuration object. */
export function vaultIndexOf(config: TerraformConfiguration): VaultIndex {
  let index = indexes.get(config);
  if (!index) {
    index = new VaultIndex(config);
    indexes.set(config, index);
  }
  return index;
}

/** The claims of an HCP Terraform workspace run token for `run`, with audience `audience`. */
export function workspaceRunClaims(run: WorkspaceRun, audience: string = DEFAULT_VAULT_AUDIENCE): TokenClaims {
  const fullWorkspace = `organization:${run.organization}:project:${run.project}:workspace:${run.workspace}`;
  return {
    iss: `https://${run.hostname ?? DEFAULT_HCP_TERRAFORM_HOSTNAME}`,
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

/** Stand-in names (`(any workspace)`, `(any project)`, a pattern with `(any)`) hold parentheses, which no real name has. */
function isStandIn(name: string | undefined): boolean {
  return name === undefined || name.includes('(');
}

function unstatedValue(value: string | undefined): boolean {
  return value === undefined || value.includes('${');
}

/**
 * The id claims of a run's token whose values the run (or the configuration it was read from) does not state: the
 * simulated token carries a stand-in for them (see {@link workspaceRunClaims}), so a role that binds one of them
 * admits the run only on a condition.
 */
export function unstatedClaims(run: {
  readonly organization: string;
  readonly project?: string;
  readonly workspace: string;
  readonly organizationId?: string;
  readonly projectId?: string;
  readonly workspaceId?: string;
}): UnstatedClaim[] {
  const out: UnstatedClaim[] = [];
  const add = (claim: string, value: string | undefined, owner: string): void => {
    if (unstatedValue(value)) out.push({ claim, ...(value === undefined ? {} : { expression: value }), owner });
  };
  add('terraform_organization_id', run.organizationId, `organization ${run.organization}`);
  add('terraform_project_id', run.projectId, isStandIn(run.project) ? "the workspace's project" : `project ${run.project}`);
  add('terraform_workspace_id', run.workspaceId, isStandIn(run.workspace) ? 'the workspace' : `workspace ${run.workspace}`);
  return out;
}

/** The id claims of a workspace run token. */
const ID_CLAIMS = ['terraform_organization_id', 'terraform_project_id', 'terraform_workspace_id'];

/** A bound value that is the id of a block of the configuration, known only after apply: `${tfe_workspace.app.id}`. */
const IDENTITY_EXPRESSION = /^\$\{((?:data\.)?tfe_[a-z_]+\.[A-Za-z0-9_-]+)\.id\}$/;

/**
 * For a token refused by `role`: the same token with each unstated claim the role binds, and that its stand-in does
 * not match, set to a value the role admits, and the conditions that amounts to. Undefined when no such claim exists.
 */
function fillUnstated(
  role: JwtRoleModel,
  claims: TokenClaims,
  unstated: readonly UnstatedClaim[],
): { claims: TokenClaims; conditions: LoginCondition[] } | undefined {
  const bound = vaultBoundClaims(role);
  const glob = (role.boundClaimsType ?? 'string') === 'glob';
  const matches = (pattern: string, value: string): boolean => (glob ? globMatch(pattern, value) : pattern === value);
  const filled: Record<string, unknown> = { ...claims };
  const conditions: LoginCondition[] = [];
  for (const claim of unstated) {
    const expected = bound[claim.claim];
    if (expected === undefined) continue;
    const actual = claims[claim.claim];
    if (typeof actual === 'string' && expected.some((e) => matches(e, actual))) continue;
    // An id known only after apply is that block's id: it may equal a literal, but no other block's expression.
    const values = claim.expression === undefined ? expected : expected.filter((e) => !e.includes('${'));
    if (values.length === 0) continue;
    const patterns = glob && values.some((v) => v.includes('*'));
    filled[claim.claim] = glob ? values[0].replace(/\*/g, '') : values[0];
    const text = `the id of ${claim.owner} ${patterns ? 'matches' : 'is'} ${values.join(' or ')}`;
    conditions.push({ claim: claim.claim, values: [...values], glob: patterns, text });
  }
  // The other way round: the token states an id, and the role binds the id of a block known only after apply.
  for (const claim of ID_CLAIMS) {
    const actual = claims[claim];
    const expected = bound[claim];
    if (expected === undefined || typeof actual !== 'string' || actual.includes('${') || unstated.some((u) => u.claim === claim)) continue;
    if (expected.some((e) => matches(e, actual))) continue;
    const blocks = expected.filter((e) => IDENTITY_EXPRESSION.test(e));
    if (blocks.length === 0) continue;
    filled[claim] = blocks[0];
    const names = blocks.map((e) => IDENTITY_EXPRESSION.exec(e)![1]);
    conditions.push({ claim, values: [actual], glob: false, text: `the id of ${names.join(' or ')} is ${actual}` });
  }
  return conditions.length > 0 ? { claims: filled, conditions } : undefined;
}

/** Simulates Vault login with `claims` against a role of the configuration, as an attacker could attempt it. */
export function simulateLogin(config: TerraformConfiguration, attempt: LoginAttempt, claims: TokenClaims): LoginOutcome {
  return loginAt(
    vaultIndexOf(config),
    trimSlashes({ literal: attempt.namespace ?? '' }),
    trimSlashes({ literal: attempt.authPath ?? DEFAULT_VAULT_AUTH_PATH }),
    { literal: attempt.roleName },
    claims,
  );
}

/**
 * Simulates Vault login at a namespace, mount and role given as resolved values. `unstated` lists the claims whose
 * values `claims` only stands in for: a role that binds one of them admits on a condition instead of refusing, as
 * does a role that binds the id of a block known only after apply (`${tfe_workspace.app.id}`) where the token states
 * an id. Without `unstated`, the token is taken exactly as it is (an attacker's probe: its ids are its own).
 */
export function loginAt(
  index: VaultIndex,
  namespace: Resolved,
  authPath: Resolved,
  roleName: Resolved,
  claims: TokenClaims,
  unstated?: readonly UnstatedClaim[],
): LoginOutcome {
  const unresolved: string[] = [];
  const where = `auth/${textOf(authPath)} in ${describeNamespace(namespace)}`;
  const result = (verdict: LoginVerdict, reason: string | undefined, extra: Partial<LoginOutcome> = {}): LoginOutcome => ({
    admitted: verdict === 'admitted',
    verdict,
    reason,
    policyNames: [],
    policies: [],
    policySources: [],
    policiesIncomplete: false,
    unresolved,
    conditions: [],
    ...extra,
  });

  const roles = index.rolesAt(namespace, authPath, roleName);
  if (roles.definite.length === 0) {
    if (roles.possible.length > 0) {
      const candidates = roles.possible.map((r) => r.block.address).join(', ');
      unresolved.push(`${candidates} may be role "${textOf(roleName)}" at ${where}, but its name, mount or namespace is not a literal`);
      return result('unknown', `role "${textOf(roleName)}" at ${where} cannot be identified from the file`);
    }
    const elsewhere = literalOf(roleName) === undefined ? [] : index.roles.filter((r) => literalOf(r.name) === literalOf(roleName));
    const here = index.roles.filter((r) => sameValue(r.namespace, namespace) && sameValue(r.mountPath, authPath));
    if (elsewhere.length === 0 && here.length === 0) {
      // Nothing of this configuration lives at that mount: its roles are managed elsewhere (another configuration, a
      // module not read, or by hand), and Vault's answer cannot be known from here.
      const reason = `the Vault side is not in this configuration: role "${textOf(roleName)}" at ${where}`;
      unresolved.push(`${reason}; its bindings and policies were not checked`);
      return result('unknown', reason);
    }
    const namesHere = here.map((r) => `"${textOf(r.name)}"`).join(', ');
    const hint =
      elsewhere.length > 0
        ? `; ${elsewhere.map((r) => `${r.block.address} has that name at auth/${textOf(r.mountPath)} in ${describeNamespace(r.namespace)}`).join('; ')}`
        : `; this configuration defines ${here.length === 1 ? 'one role' : 'the roles'} there (${namesHere}), none by that name`;
    return result('refused', `role "${textOf(roleName)}" could not be found at ${where}${hint}`);
  }
  const role = roles.definite[0];
  const roleAddress = role.block.address;

  const mounts = index.mountsAt(namespace, authPath);
  let mount = mounts.definite[0];
  if (!mount && mounts.possible.length > 0) {
    mount = mounts.possible[0];
    unresolved.push(`${mount.block.address} may be the mount at ${where}, but its path or namespace is not a literal`);
  }
  if (!mount) {
    const declared = role.mountBlock && index.mounts.find((m) => m.block === role.mountBlock);
    if (declared) {
      return result(
        'refused',
        `the JWT auth mount ${declared.block.address} is in ${describeNamespace(declared.namespace)}, not ${describeNamespace(namespace)}, ` +
          `so Vault has no ${where} and ${roleAddress} cannot exist there`,
        { roleAddress },
      );
    }
    unresolved.push(`the JWT auth mount ${where} is not in this configuration; its issuer was not checked`);
  }

  if (mount) {
    const keys = mountKeySourceProblem(mount, typeof claims.iss === 'string' ? claims.iss : undefined);
    if (keys !== undefined) return result('refused', keys, { roleAddress, mountAddress: mount.block.address });
    const symbols = [mount.discoveryUrl, mount.jwksUrl].filter((v) => v !== undefined && !('literal' in v)).map((v) => textOf(v));
    if (symbols.length > 0 || mount.hasPubkeys === undefined) {
      const source = symbols.join(', ') || 'jwt_validation_pubkeys';
      unresolved.push(`the key source of ${mount.block.address} is not a literal (${source}); whether it verifies the token was not checked`);
    }
  }
  const model = roleModel(index, role);
  const issuer = mount?.boundIssuer;
  if (issuer !== undefined && !('literal' in issuer)) model.symbols.push(`${mount!.block.address}.bound_issuer`);
  if (model.symbols.length > 0) {
    unresolved.push(`not literals: ${model.symbols.join(', ')}`);
    const reason = `the login cannot be decided: ${model.symbols.join(', ')} ${model.symbols.length === 1 ? 'is' : 'are'} not literal`;
    return result('unknown', reason, { roleAddress, mountAddress: mount?.block.address });
  }
  let decision = evaluateJwtLogin({ boundIssuer: literalOf(issuer) }, model.role, claims);
  let conditions: LoginCondition[] = [];
  if (!decision.admitted) {
    // The refusal may come from a stand-in for an id the configuration does not state: try the values the role binds.
    const filled = unstated === undefined ? undefined : fillUnstated(model.role, claims, unstated);
    if (filled) {
      decision = evaluateJwtLogin({ boundIssuer: literalOf(issuer) }, model.role, filled.claims);
      conditions = filled.conditions;
    }
  }
  if (!decision.admitted) return result('refused', decision.reason ?? 'refused', { roleAddress, mountAddress: mount?.block.address });

  const granted = tokenPolicies(index, role, namespace);
  unresolved.push(...granted.notes);
  // Blocks placed in a namespace the file does not state (their provider sets none) make the admission conditional.
  const policyBlocks = index.assumedNamespace === '' ? [] : index.policyBlocks(granted.policySources);
  conditions = [...conditions, ...index.namespaceConditions([role.block, mount?.block, ...policyBlocks])];
  return {
    admitted: true,
    verdict: 'admitted',
    roleAddress,
    mountAddress: mount?.block.address,
    policyNames: [...granted.policyNames],
    policies: granted.policies,
    policySources: [...granted.policySources],
    policiesIncomplete: granted.policiesIncomplete,
    unresolved,
    conditions,
  };
}

/** Whether two resolved values are the same literal, or the same unresolved expression. */
function sameValue(a: Resolved, b: Resolved): boolean {
  return textOf(a) === textOf(b) && ('literal' in a) === ('literal' in b);
}

/** The policies a token issued by `role` carries in `namespace`, with the rules Vault would find for each. */
export interface TokenPolicies {
  readonly policyNames: string[];
  readonly policies: AclRuleInput[][];
  readonly policySources: string[];
  readonly policiesIncomplete: boolean;
  /** What could not be found or read. */
  readonly notes: string[];
}

/** Resolves a role's `token_policies` (plus `default` unless disabled) to rules, as Vault would in `namespace`. */
export function tokenPolicies(index: VaultIndex, role: JwtRoleInfo, namespace: Resolved = role.namespace): TokenPolicies {
  // Memoized per role and namespace: every token of a role carries the same list, so its ACL is merged once.
  const namespaceKey = 'literal' in namespace ? `=${namespace.literal}` : `~${namespace.symbol}`;
  return index.memo(`tokenPolicies\u0000${role.block.address}\u0000${namespaceKey}`, () => computeTokenPolicies(index, role, namespace));
}

function computeTokenPolicies(index: VaultIndex, role: JwtRoleInfo, namespace: Resolved): TokenPolicies {
  const policyNames: string[] = [];
  const policies: AclRuleInput[][] = [];
  const policySources: string[] = [];
  const notes: string[] = [];
  let policiesIncomplete = false;
  const entries = [...role.policies];
  if (!role.noDefaultPolicy && !entries.some((p) => literalOf(p.name) === 'default')) entries.push({ name: { literal: 'default' } });
  for (const entry of entries) {
    const name = textOf(entry.name)!;
    if (!policyNames.includes(name)) policyNames.push(name);
    const found = index.policiesAt(namespace, entry.name);
    const block = found.definite[0] ?? found.possible[0];
    if (block && block.rules) {
      policies.push(block.rules);
      policySources.push(block.block.address);
      if (!found.definite[0]) notes.push(`${block.block.address} may be policy "${name}", but its name or namespace is not a literal`);
      continue;
    }
    if (block) {
      notes.push(block.problem!);
      policiesIncomplete = true;
      continue;
    }
    if (name === 'default') {
      policies.push(VAULT_DEFAULT_POLICY_RULES);
      policySources.push('default');
      continue;
    }
    const declared = entry.block && index.policies.find((p) => p.block === entry.block);
    if (declared) {
      // The role names a policy this file creates elsewhere: Vault finds nothing by that name here.
      const where = `${describeNamespace(declared.namespace)}, not ${describeNamespace(namespace)}`;
      notes.push(`policy "${name}" is ${declared.block.address} in ${where}; the token's name for it matches nothing`);
      continue;
    }
    notes.push(`policy "${name}" in ${describeNamespace(namespace)} is not in this configuration`);
    policiesIncomplete = true;
  }
  return { policyNames, policies, policySources, policiesIncomplete, notes };
}

/** A role as the login model takes it, plus the attributes that were not literals. */
function roleModel(index: VaultIndex, role: JwtRoleInfo): { role: JwtRoleModel; symbols: string[] } {
  const model = index.memo(`roleModel\u0000${role.block.address}`, () => computeRoleModel(index, role));
  return { role: model.role, symbols: [...model.symbols] };
}

function computeRoleModel(index: VaultIndex, role: JwtRoleInfo): { role: JwtRoleModel; symbols: string[] } {
  const config = index.config;
  const body = role.block.body;
  const symbols: string[] = [];
  const literal = (attribute: string, value: unknown): string | undefined => {
    const resolved = config.resolve(value);
    if (resolved !== undefined && !('literal' in resolved)) symbols.push(`${role.block.address}.${attribute}`);
    return literalOf(resolved);
  };
  // Wrong types are input Terraform rejects (the invalid-input finding); the login is left undecided, not judged as if
  // the attribute were absent.
  for (const { attribute } of invalidAttributes(role.block)) symbols.push(`${role.block.address}.${attribute} (a type Terraform rejects)`);
  const boundClaims: Record<string, string> = {};
  const rawClaims = body.bound_claims && typeof body.bound_claims === 'object' ? (body.bound_claims as Record<string, unknown>) : {};
  const noSplit = literal('disable_bound_claims_parsing', body.disable_bound_claims_parsing) === 'true';
  for (const [key, value] of Object.entries(rawClaims)) {
    const values = boundClaimValues(config, value, !noSplit);
    if (values === undefined) symbols.push(`${role.block.address}.bound_claims.${key}`);
    // Rejoined for the model, which splits again; no alternative contains a comma.
    else boundClaims[key] = values.join(',');
  }
  const audiences = Array.isArray(body.bound_audiences) ? body.bound_audiences : [];
  return {
    role: {
      roleType: literal('role_type', body.role_type),
      boundAudiences: audiences.map((a, i) => literal(`bound_audiences[${i}]`, a) ?? ''),
      boundSubject: literal('bound_subject', body.bound_subject),
      boundClaims: Object.keys(rawClaims).length > 0 ? boundClaims : undefined,
      boundClaimsType: literal('bound_claims_type', body.bound_claims_type),
      disableBoundClaimsParsing: noSplit,
      userClaim: literal('user_claim', body.user_claim) ?? '',
      userClaimJsonPointer: literal('user_claim_json_pointer', body.user_claim_json_pointer) === 'true',
    },
    symbols,
  };
}

/** Whether a login's policies allow reading `path`. */
export function readVerdict(login: LoginOutcome | undefined, path: string | undefined): ReadVerdict {
  if (!login || login.verdict === 'unknown' || path === undefined) return login?.verdict === 'refused' ? 'denied' : 'unknown';
  if (!login.admitted) return 'denied';
  if (evaluateAcl(login.policies, path, 'read').allowed) return 'allowed';
  return login.policiesIncomplete ? 'unknown' : 'denied';
}

/**
 * Simulates a run of a workspace: its environment, every Vault configuration's login and every cloud credential
 * read. `claimsFor` builds the token HCP Terraform would present for an audience (or returns a fixed token).
 */
export function simulateRunOf(
  config: TerraformConfiguration,
  identity: RunIdentity,
  phase: Phase,
  claimsFor: (audience: string) => TokenClaims,
  unstated?: readonly UnstatedClaim[],
): RunOutcome {
  const index = vaultIndexOf(config);
  const env = runEnvironment(config, identity);
  const configurations = runConfigurations(env.entries);

  const vault: VaultLoginResult[] = configurations.vault.map((configuration) => {
    const role = configuration.roles[phase];
    if (!role || configuration.problems.length > 0) return { configuration, phase, role };
    const audience = literalOf(configuration.audience);
    if (audience === undefined) {
      const reason = `the audience ${textOf(configuration.audience)} is not a literal`;
      return { configuration, phase, role, login: unknownLogin(reason) };
    }
    return { configuration, phase, role, login: loginAt(index, configuration.namespace, configuration.authPath, role.value, claimsFor(audience), unstated) };
  });

  const credentials: CredentialResult[] = configurations.clouds.map((configuration) => credentialRead(index, configuration, phase, vault));

  const environment: Record<string, string> = {};
  for (const [key, entry] of env.entries) environment[key] = textOf(entry.value) ?? '';
  const primary = vault.find((v) => v.configuration.tag === undefined) ?? vault[0];
  const login =
    primary?.login &&
    ({
      ...primary.login,
      roleName: textOf(primary.role?.value) ?? '',
      authPath: textOf(primary.configuration.authPath),
      namespace: textOf(primary.configuration.namespace),
    } as LoginOutcome & LoginAttempt);
  const aws =
    credentials.find((c) => c.configuration.cloud === 'aws' && c.configuration.tag === undefined) ?? credentials.find((c) => c.configuration.cloud === 'aws');
  return {
    variableSets: env.variableSets,
    workspaceVariables: env.workspaceVariables,
    environment,
    conflicts: env.conflicts,
    vaultAuth: configurations.vault.length > 0,
    login,
    vault,
    credentials,
    awsCredentialPath: aws?.path,
    awsAllowed: aws?.read === 'allowed' && aws.problems.length === 0,
  };
}

function unknownLogin(reason: string): LoginOutcome {
  return {
    admitted: false,
    verdict: 'unknown',
    reason,
    policyNames: [],
    policies: [],
    policySources: [],
    policiesIncomplete: false,
    unresolved: [reason],
    conditions: [],
  };
}

function credentialRead(index: VaultIndex, configuration: CloudConfiguration, phase: Phase, vault: VaultLoginResult[]): CredentialResult {
  const cloudPhase = configuration.phases[phase];
  const login = vault.find((v) => v.configuration.tag === configuration.vaultTag);
  const problems: string[] = [...configuration.problems, ...configuration.phaseProblems[phase]];
  const base = { configuration, phase, vault: login, path: cloudPhase?.path, problems };
  if (!cloudPhase) return { ...base, read: 'denied', reason: problems[0] ?? 'no credential is configured for this phase' };
  if (!login) return { ...base, read: 'denied', reason: problems[0] ?? 'no Vault configuration to log in with' };
  if (!login.login) {
    const why = [...login.configuration.problems, ...login.configuration.phaseProblems[phase]];
    return { ...base, read: 'denied', reason: `the Vault configuration cannot log in: ${why.join('; ')}` };
  }
  const namespace = login.configuration.namespace;
  let engineRole: string | undefined;
  const name = cloudPhase.role.value;
  const found = index.engineRolesAt(configuration.cloud, cloudPhase.kind, namespace, configuration.mountPath, name);
  const role = found.definite[0] ?? found.possible[0];
  if (role) {
    engineRole = role.block.address;
    problems.push(...roleArnProblems(index, role.block.body, cloudPhase.roleArn));
  } else {
    const wanted = literalOf(name);
    const elsewhere = index.engineRoles.filter(
      (r) => r.cloud === configuration.cloud && r.kind === cloudPhase.kind && literalOf(r.name) === wanted && wanted !== undefined,
    );
    const asked = `${textOf(configuration.mountPath)}/ in ${describeNamespace(namespace)}`;
    for (const other of elsewhere) {
      const at = `${textOf(other.mountPath)}/ in ${describeNamespace(other.namespace)}`;
      problems.push(`${other.block.address} is at ${at}, not ${asked}, where the run asks for it`);
    }
  }
  const read = readVerdict(login.login, cloudPhase.path);
  let reason: string | undefined;
  if (login.login.verdict !== 'admitted') reason = `login ${login.login.verdict}: ${login.login.reason}`;
  else if (cloudPhase.path === undefined) {
    const authType = configuration.authType ? `${configuration.authType.key} is ${textOf(configuration.authType.value)}` : 'no credential type';
    reason = `the credential path is unknown: ${authType}`;
  }
  else if (read === 'denied') reason = `no policy of the token (${login.login.policyNames.join(', ')}) grants read on ${cloudPhase.path}`;
  else if (read === 'unknown') reason = `the token's policies are not all in this configuration`;
  return { ...base, engineRole, read, reason, problems };
}

/** Vault refuses an STS request for an ARN its role does not list. */
function roleArnProblems(index: VaultIndex, body: Readonly<Record<string, unknown>>, roleArn: EnvValue | undefined): string[] {
  if (!roleArn || !Array.isArray(body.role_arns)) return [];
  const wanted = literalOf(roleArn.value);
  const allowed = body.role_arns.map((a) => literalOf(index.config.resolve(a)));
  if (wanted === undefined || allowed.includes(undefined) || allowed.includes(wanted)) return [];
  return [`${roleArn.key} is ${wanted}, which is not among the engine role's role_arns (${allowed.join(', ')}); Vault refuses the request`];
}

/**
 * Simulates a workspace run end to end. The ids the run does not give (`organizationId`, `projectId`,
 * `workspaceId`) are unstated: a role that binds one admits the run on a condition (see {@link LoginCondition}).
 */
export function simulateWorkspaceRun(config: TerraformConfiguration, run: WorkspaceRun): RunOutcome {
  return simulateRunOf(config, run, run.runPhase, (audience) => workspaceRunClaims(run, audience), unstatedClaims(run));
}

/**
 * Simulates the run a given token belongs to (for example a real, verified token): the workspace, project and
 * organization names and ids and the phase come from its `terraform_*` claims, and the token is presented as is.
 */
export function simulateTokenRun(config: TerraformConfiguration, claims: TokenClaims): RunOutcome {
  const text = (name: string): string | undefined => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
  const phase = text('terraform_run_phase');
  if (phase !== 'plan' && phase !== 'apply') {
    throw new Error(`the token's terraform_run_phase is ${JSON.stringify(claims.terraform_run_phase)}, not plan or apply`);
  }
  const identity: RunIdentity = {
    organization: text('terraform_organization_name') ?? '',
    project: text('terraform_project_name'),
    workspace: text('terraform_workspace_name') ?? '',
    workspaceId: text('terraform_workspace_id'),
    projectId: text('terraform_project_id'),
  };
  return simulateRunOf(config, identity, phase, () => claims, []);
}

/**
 * Whether a run, logged in as its variables direct, may read `path` through any of its Vault configurations, without
 * a condition: a read that depends on an id the run does not give (see {@link LoginCondition}) is not counted.
 */
export function runCanRead(config: TerraformConfiguration, run: WorkspaceRun, path: string): boolean {
  const outcome = simulateWorkspaceRun(config, run);
  return outcome.vault.some((v) => v.login?.conditions.length === 0 && readVerdict(v.login, path) === 'allowed');
}

/** A credential path some login can read. */
export interface ReachedCredential {
  readonly roleAddress: string;
  readonly namespace: string;
  readonly path: string;
  /** The capability that obtains the credential there (`read`, or `update` where the engine also issues on writes). */
  readonly capability: string;
  /** Set when the login depends on ids the token only stands in for (see `unstated` of {@link reachableCredentials}). */
  readonly conditions?: LoginCondition[];
}

/**
 * The capability with which a token obtains the credential at `path`, if any: `read`, or another capability with
 * which the engine serving the path also issues credentials (see {@link MINTING_CAPABILITIES}). Paths no engine role
 * of the configuration serves are judged by `read` alone.
 */
export function mintingCapability(index: VaultIndex, login: LoginOutcome, namespace: string, path: string): string | undefined {
  if (!login.admitted) return undefined;
  const byPath = index.memo('mintingCapabilities', () => {
    const map = new Map<string, readonly string[]>();
    for (const role of index.engineRoles) {
      const ns = literalOf(role.namespace);
      if (ns === undefined) continue;
      for (const p of role.credentialPaths) map.set(`${ns}\u0000${p}`, role.mintingCapabilities);
    }
    return map;
  });
  for (const capability of byPath.get(`${namespace}\u0000${path}`) ?? ['read']) {
    if (evaluateAcl(login.policies, path, capability).allowed) return capability;
  }
  return undefined;
}

/**
 * Every credential path that a token can read by logging in to any JWT role of the configuration it chooses,
 * whatever the variables say: the attacker's view. `claims` is either a fixed token or a function that builds the
 * token for an audience; a workspace owner sets the audience with a variable, so each role is then tried with an
 * audience it accepts. Only roles with literal names, mounts and namespaces are tried. `unstated` names the claims
 * the token only stands in for: a role that binds one of them is reached on the conditions it amounts to.
 */
export function reachableCredentials(
  config: TerraformConfiguration,
  claims: TokenClaims | ((audience: string) => TokenClaims),
  paths: ReadonlyArray<{ namespace: string; path: string }> = knownCredentialPaths(config),
  unstated?: readonly UnstatedClaim[],
): ReachedCredential[] {
  const index = vaultIndexOf(config);
  const reached: ReachedCredential[] = [];
  const probe = typeof claims === 'function' ? claims(DEFAULT_VAULT_AUDIENCE) : claims;
  const byNamespace = new Map<string, string[]>();
  for (const candidate of paths) {
    const list = byNamespace.get(candidate.namespace);
    if (list) list.push(candidate.path);
    else byNamespace.set(candidate.namespace, [candidate.path]);
  }
  for (const role of candidateRoles(index, probe.sub)) {
    const namespace = literalOf(role.namespace)!;
    const wanted = byNamespace.get(namespace);
    if (!wanted) continue;
    let token: TokenClaims;
    if (typeof claims === 'function') {
      const audiences = Array.isArray(role.block.body.bound_audiences) ? role.block.body.bound_audiences : [];
      token = claims(literalOf(config.resolve(audiences[0])) ?? DEFAULT_VAULT_AUDIENCE);
      if (token.sub !== probe.sub) throw new Error('reachableCredentials: the token builder must give the same sub for every audience');
    } else {
      token = claims;
    }
    const login = loginAt(index, role.namespace, role.mountPath, role.name, token, unstated);
    if (!login.admitted) continue;
    const conditions = login.conditions.length > 0 ? { conditions: login.conditions } : {};
    for (const path of wanted) {
      const capability = mintingCapability(index, login, namespace, path);
      if (capability !== undefined) reached.push({ roleAddress: role.block.address, namespace, path, capability, ...conditions });
    }
  }
  return reached;
}

/** JWT roles by what their `sub` bindings require, to find the roles a token may log in to without trying each. */
interface RoleSubjectIndex {
  /** Roles that admit only tokens whose `sub` is exactly the key (an exact `bound_subject` or exact `sub` values). */
  readonly exact: ReadonlyMap<string, ReadonlyArray<{ role: JwtRoleInfo; order: number }>>;
  /** Roles whose `sub` binding is a glob, or that bind no `sub`: tried for every token. */
  readonly open: ReadonlyArray<{ role: JwtRoleInfo; order: number }>;
  /** Every role that can be tried (for a token whose `sub` is not a string). */
  readonly all: JwtRoleInfo[];
}

/**
 * The roles with literal names, mounts and namespaces that a token with subject `sub` could log in to, in file
 * order. A role that requires an exact `sub` (its `bound_subject`, or `bound_claims.sub` alternatives without a glob)
 * is a candidate only for those subjects; a role whose login cannot be decided (non-literal bindings) never admits.
 * This only narrows the roles to try: each candidate is still put through the full login.
 */
function candidateRoles(index: VaultIndex, sub: unknown): JwtRoleInfo[] {
  const subjects = index.memo('roleSubjectIndex', (): RoleSubjectIndex => {
    const exact = new Map<string, Array<{ role: JwtRoleInfo; order: number }>>();
    const open: Array<{ role: JwtRoleInfo; order: number }> = [];
    const all: JwtRoleInfo[] = [];
    index.roles.forEach((role, order) => {
      if (literalOf(role.namespace) === undefined || literalOf(role.name) === undefined || literalOf(role.mountPath) === undefined) return;
      all.push(role);
      const model = roleModel(index, role);
      if (model.symbols.length > 0) return;
      const boundSubject = model.role.boundSubject ?? '';
      const glob = (model.role.boundClaimsType ?? 'string') === 'glob';
      const subValues = vaultBoundClaims(model.role).sub;
      let keys: string[] | undefined;
      if (boundSubject !== '') keys = [boundSubject];
      else if (subValues !== undefined && !(glob && subValues.some((v) => v.includes('*')))) keys = [...new Set(subValues)];
      if (keys === undefined) {
        open.push({ role, order });
        return;
      }
      for (const key of keys) {
        const list = exact.get(key);
        if (list) list.push({ role, order });
        else exact.set(key, [{ role, order }]);
      }
    });
    return { exact, open, all };
  });
  if (typeof sub !== 'string') return subjects.all;
  const found = [...(subjects.exact.get(sub) ?? []), ...subjects.open];
  return found.sort((a, b) => a.order - b.order).map((e) => e.role);
}

/** Credential paths served by the secrets engine roles of the configuration, by namespace. */
export function knownCredentialPaths(config: TerraformConfiguration): Array<{ namespace: string; path: string }> {
  const out: Array<{ namespace: string; path: string }> = [];
  for (const role of vaultIndexOf(config).engineRoles) {
    const namespace = literalOf(role.namespace);
    if (namespace === undefined) continue;
    for (const path of role.credentialPaths) out.push({ namespace, path });
  }
  return out;
}

