/**
 * The rule catalogue: one entry per problem this library names, whether synthesis warns about it, the trust report
 * finds it, or both. A synthesis warning starts with its id in brackets (`[plan-apply-shared] ...`); a finding
 * carries it as `rule`. Where both describe the same problem they share the id, and an acknowledgement of the id
 * (see `Acknowledgements` in the construct library) covers both.
 *
 * Pure: no cdktf. Adding a rule is one entry in {@link RULE_CATALOGUE}; the tests check that every finding the
 * report can emit and every warning synthesis prints has an entry here.
 */
import type { Severity } from './findings/types';

/** Where a rule is checked. */
export type RuleStage = 'synthesis' | 'report';

/** One rule of the catalogue. */
export interface RuleEntry {
  /** Stable id: lower-case words joined by `-`. */
  readonly id: string;
  /** The most serious level the rule reports at (a finding may be less serious, e.g. issuer-malformed). */
  readonly severity: Severity;
  /** A short name, for a list or a code-scanning view. */
  readonly title: string;
  /** What is wrong and why it matters. */
  readonly explanation: string;
  /** How to fix it. */
  readonly fix: string;
  /** Where the rule is checked. */
  readonly stages: readonly RuleStage[];
}

/** Every rule, in the order `--list-rules` prints them: report rules as the report runs them, then synthesis-only ones. */
export const RULE_CATALOGUE: readonly RuleEntry[] = [
  {
    id: 'role-type-not-jwt',
    severity: 'error',
    title: 'JWT role without role_type "jwt"',
    explanation: 'Vault creates a role with no role_type as an "oidc" role, and an oidc role refuses every JWT login, so every run that uses it fails.',
    fix: 'Set role_type = "jwt" on the vault_jwt_auth_backend_role.',
    stages: ['report'],
  },
  {
    id: 'role-missing-audience',
    severity: 'error',
    title: 'JWT role without bound_audiences',
    explanation: 'Without bound_audiences a role cannot tell tokens minted for Vault from tokens minted for other services, and Vault refuses HCP Terraform tokens, which always carry aud.',
    fix: 'Bind bound_audiences to the audience the runs request (TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE, "vault.workload.identity" by default).',
    stages: ['report'],
  },
  {
    id: 'role-not-org-anchored',
    severity: 'error',
    title: 'JWT role not anchored to an organization',
    explanation: 'A role whose sub alternatives do not start with "organization:<org>:" and that binds no exact organization claim admits tokens of any HCP Terraform organization.',
    fix: 'Start every sub pattern with "organization:<your organization>:", or bind terraform_organization_id or terraform_organization_name exactly.',
    stages: ['report'],
  },
  {
    id: 'glob-crosses-boundary',
    severity: 'error',
    title: 'Glob inside an organization or project name',
    explanation: 'A "*" inside the organization or project segment of a glob sub ("organization:acme*") also matches other organizations or projects whose names start or end the same way.',
    fix: 'Write the organization and project names exactly and end each segment with ":"; use wildcards only for whole segments.',
    stages: ['report'],
  },
  {
    id: 'issuer-malformed',
    severity: 'error',
    title: 'bound_issuer does not match the token issuer',
    explanation: 'Vault compares bound_issuer with the token\'s iss exactly. A trailing "/" or a missing https:// refuses every login (error); a missing bound_issuer or a discovery URL that differs from it weakens or confuses the check (warning).',
    fix: 'Set bound_issuer and oidc_discovery_url to "https://<host>" of HCP Terraform or Terraform Enterprise, with no trailing slash.',
    stages: ['report'],
  },
  {
    id: 'namespace-mismatch',
    severity: 'error',
    title: 'Block in another Vault namespace',
    explanation: 'A run logs in, gets its policies and reads its credentials in the one namespace TFC_VAULT_NAMESPACE names; a JWT mount, role, policy, secrets engine or engine role created in another namespace is not there for it.',
    fix: 'Create the mount, roles, policies and engines in the namespace the variable set names, or point TFC_VAULT_NAMESPACE at theirs.',
    stages: ['report'],
  },
  {
    id: 'phase-cannot-log-in',
    severity: 'error',
    title: 'Runs of a phase cannot log in to Vault',
    explanation: 'A workspace, project or organization receives the credential variables, but Vault refuses its token in a phase, or its variables are incomplete; every run of that phase fails.',
    fix: 'Make the role\'s bindings admit the selector\'s token in that phase, or complete its variables (role, address, Vault configuration).',
    stages: ['report'],
  },
  {
    id: 'credential-denied',
    severity: 'error',
    title: 'Run logs in but cannot obtain its credential',
    explanation: 'The run is admitted, but its policies do not grant the credential path its variables point at, a deny wins, the engine role is elsewhere, or the ARN is not among the engine role\'s role_arns; the run fails when it asks for the credential.',
    fix: 'Grant read on the exact credential path in the role\'s policy, in the same namespace, and keep the engine role and ARN in line with the variables.',
    stages: ['report'],
  },
  {
    id: 'plan-reaches-apply',
    severity: 'error',
    title: 'Plan token can obtain apply credentials',
    explanation: 'Plans run for every pull request; a plan token that can read a path issuing the apply phase\'s credential, through any role it can log in to, hands apply permissions to anyone who can open one.',
    fix: 'Bind apply roles to run_phase:apply only, and keep apply credential paths out of every policy a plan token can get.',
    stages: ['report'],
  },
  {
    id: 'project-wide-grant',
    severity: 'warning',
    title: 'Grant to every workspace of a project or organization',
    explanation: 'A role that admits every workspace (or stack, or module) of a project or organization, or a global variable set, also trusts workspaces created later by anyone allowed to create them.',
    fix: 'Name the workspaces, or bind their ids (WorkspaceSelector.names(), .ids() or .references()); attach variable sets to projects or workspaces rather than globally.',
    stages: ['synthesis', 'report'],
  },
  {
    id: 'name-only-binding',
    severity: 'warning',
    title: 'Role bound by names only',
    explanation: 'Organization, project and workspace names can change. A role bound only by names trusts whoever next holds a bound name: a workspace renamed to it, or deleted and re-created, inherits the credentials.',
    fix: 'Also bind terraform_workspace_id (or terraform_project_id), for example with WorkspaceSelector.ids() or WorkspaceSelector.references().',
    stages: ['synthesis', 'report'],
  },
  {
    id: 'policy-wildcard',
    severity: 'warning',
    title: 'Wildcard path in a run policy',
    explanation: 'A "*" or "+" in a policy path attached to a JWT role grants every present and future path below it, not only the credentials the runs use.',
    fix: 'Grant the exact credential paths the runs read.',
    stages: ['report'],
  },
  {
    id: 'unused-policy-path',
    severity: 'warning',
    title: 'Policy grants a path no run uses',
    explanation: 'A policy attached to a JWT role grants a path that no configured credential reads in that namespace: access nobody reviews.',
    fix: 'Remove the path, unless runs read it through the Vault provider on purpose.',
    stages: ['report'],
  },
  {
    id: 'plan-apply-shared',
    severity: 'warning',
    title: 'Plan and apply share a role or credential',
    explanation: 'Plan runs start from any pull request. When plan and apply use the same Vault role or read the same credential, every plan holds the apply permissions.',
    fix: 'Use separate plan and apply roles (drop sharedRunRole) and give plans a read-only engine role.',
    stages: ['synthesis', 'report'],
  },
  {
    id: 'variable-conflict',
    severity: 'warning',
    title: 'Credential variable set in several places',
    explanation: 'A TFC_* variable reaches a workspace from several sources with different values; HCP Terraform\'s precedence picks one silently, and a reordering changes who can get what.',
    fix: 'Set each dynamic-credential variable in one place.',
    stages: ['report'],
  },
  {
    id: 'unresolved',
    severity: 'info',
    title: 'Value the report could not decide',
    explanation: 'A value was left symbolic or taken as given (a variable default, a block outside the file, a condition on a looked-up workspace); verdicts that depend on it are conditional.',
    fix: 'Pass the values with --var, or keep the blocks in the same configuration, if the verdict matters.',
    stages: ['report'],
  },
  {
    id: 'invalid-input',
    severity: 'error',
    title: 'Attribute of a type Terraform rejects',
    explanation:
      "A JWT role or mount attribute has the wrong type (bound_audiences as a string, bound_claims as a number). Terraform refuses the configuration, so the report cannot judge that role's logins and marks them unknown.",
    fix: "Give the attribute the type the Vault provider's schema declares (a list of strings for bound_audiences, a map of strings for bound_claims).",
    stages: ['report'],
  },
  {
    id: 'mount-key-source',
    severity: 'error',
    title: 'JWT mount that cannot verify HCP Terraform tokens',
    explanation:
      "Vault verifies every token with exactly one key source of the mount: oidc_discovery_url, jwks_url or jwt_validation_pubkeys. With none, with several, or with a discovery or JWKS URL that is not on the tokens' issuer (a trailing slash is enough), Vault refuses the configuration or every signature, and no run logs in.",
    fix: 'Set oidc_discovery_url to https://<hostname> exactly (no trailing slash), equal to bound_issuer, and leave jwks_url and jwt_validation_pubkeys unset.',
    stages: ['report'],
  },
  {
    id: 'engine-role-missing',
    severity: 'error',
    title: 'Variable names an engine role the mount does not have',
    explanation:
      'A TFC_VAULT_BACKED_*_VAULT_ROLE (or GCP roleset or static account) variable names a role that the secrets-engine mount managed by this configuration does not define. Vault answers every run with an unknown-role error.',
    fix: 'Name a role the engine mount defines, or create the role on that mount.',
    stages: ['report'],
  },
  {
    id: 'token-ttl-unset',
    severity: 'warning',
    title: 'JWT role without token_ttl',
    explanation:
      "Without token_ttl, a run's Vault token lives as long as the mount's or the system's default TTL, 32 days unless tuned, long after the run has ended.",
    fix: "Set token_ttl on the role to a little more than the longest run (the library's default is 1200 s).",
    stages: ['report'],
  },
  {
    id: 'token-ttl-excessive',
    severity: 'warning',
    title: 'Token TTL far longer than any run',
    explanation:
      "A token_ttl above two hours, or a token_max_ttl or token_explicit_max_ttl above a day, keeps a run's Vault token (and what it can read) usable long after the run.",
    fix: 'Lower token_ttl to the length of a run and token_max_ttl to the longest run you allow.',
    stages: ['report'],
  },
  {
    id: 'token-type-batch',
    severity: 'warning',
    title: 'JWT role issuing batch tokens',
    explanation:
      "Batch tokens can be neither renewed nor revoked: a long run loses Vault access at the first expiry, and a finished run's token stays valid until it expires.",
    fix: 'Use token_type = "service" (or "default-service") for run roles.',
    stages: ['report'],
  },
  {
    id: 'token-num-uses',
    severity: 'error',
    title: 'Token use limit that runs exhaust',
    explanation:
      "token_num_uses caps how many requests a run's token may make. A run needs one request per credential it reads plus its renewals and revocation; a lower limit makes it fail part-way (error), and any limit is fragile (warning).",
    fix: 'Remove token_num_uses (0 means unlimited) from run roles.',
    stages: ['report'],
  },
  {
    id: 'policy-name-case',
    severity: 'warning',
    title: 'Policy name with capitals or spaces',
    explanation:
      'Vault stores policy names lower-cased and trimmed. A configuration that spells a name otherwise diffs on every plan, and a role that names the policy with the original spelling may not match it.',
    fix: 'Write policy names in lower case, without surrounding spaces, everywhere they appear.',
    stages: ['report'],
  },
  {
    id: 'policy-not-defined',
    severity: 'warning',
    title: 'Role names a policy the configuration does not define',
    explanation:
      "A JWT role's token_policies name a policy that no vault_policy of this configuration defines: either it is managed elsewhere, or a typo leaves the run's token without the permissions it needs.",
    fix: 'Define the policy in this configuration or correct the name; if it is managed elsewhere on purpose, acknowledge the finding with the reason.',
    stages: ['report'],
  },
  {
    id: 'workspace-prefix-grant',
    severity: 'warning',
    title: 'Grant to every workspace with a name prefix',
    explanation: 'Every workspace of the project whose name starts with the prefix, including ones created later, can obtain the credentials; new workspaces receive the variables on the next apply of the stack.',
    fix: 'List the workspaces by name or id if new workspaces should not inherit the credentials.',
    stages: ['synthesis'],
  },
  {
    id: 'secret-in-state',
    severity: 'warning',
    title: 'Secret kept in Terraform state',
    explanation: 'A secrets engine root key, client secret or service-account key passed as a normal argument (or created by the stack) is stored in Terraform state, where anyone who can read the state can read it.',
    fix: 'Use the engine\'s workload identity (plugin WIF) or a write-only argument; otherwise protect the state and rotate the secret with Vault\'s rotate-root after the first apply.',
    stages: ['synthesis'],
  },
  {
    id: 'vault-address-plain-http',
    severity: 'warning',
    title: 'Vault address uses plain http',
    explanation: 'With an http:// Vault address, run tokens and the credentials Vault returns cross the network unencrypted.',
    fix: 'Use an https:// Vault address.',
    stages: ['synthesis'],
  },
  {
    id: 'aws-iam-user-delay',
    severity: 'warning',
    title: 'iam_user credentials used without a delay',
    explanation: 'AWS takes several seconds to make a new IAM user\'s keys usable, so a run that uses iam_user credentials at once can fail on its first API call.',
    fix: 'Set aws.sleepSeconds (for example 15) on the grant.',
    stages: ['synthesis'],
  },
  {
    id: 'gcp-basic-role',
    severity: 'warning',
    title: 'GCP basic role granted',
    explanation: 'The basic roles roles/owner and roles/editor cover nearly every service of the resource they are granted on.',
    fix: 'Grant predefined roles for the services the runs manage.',
    stages: ['synthesis'],
  },
  {
    id: 'plan-broader-than-apply',
    severity: 'warning',
    title: 'Plan IAM run role holds policies the apply role lacks',
    explanation:
      'Plan runs start on every pull request. When the IAM role that plan runs assume has managed policies the apply run role does not have, a plan can do what an apply cannot.',
    fix: "Give the plan run role a subset of the apply run role's managed policies (usually read-only ones).",
    stages: ['synthesis'],
  },
  {
    id: 'sts-ttl-exceeds-role-session',
    severity: 'warning',
    title: 'STS session longer than the IAM role allows by default',
    explanation:
      "AWS refuses an AssumeRole call whose duration exceeds the role's maximum session duration, which is one hour unless raised. An engine role whose STS TTL is longer leaves runs without credentials.",
    fix: "Lower defaultStsTtl/maxStsTtl to 3600 s or less, or raise the IAM role's maximum session duration (build it with AwsRunRole in the same stack to have this checked exactly).",
    stages: ['synthesis'],
  },
  {
    id: 'gcp-access-token-one-hour',
    severity: 'warning',
    title: 'GCP access tokens in runs that may last longer than an hour',
    explanation:
      'GCP access tokens that Vault issues last one hour and cannot be renewed. A grant whose Vault token may live longer (tokenMaxTtl above 3600 s) lets runs outlast their Google credentials.',
    fix: 'Keep tokenMaxTtl at 3600 s or less for grants with access tokens, or use the service_account_key secret type for long runs.',
    stages: ['synthesis'],
  },
];

const BY_ID = new Map(RULE_CATALOGUE.map((entry) => [entry.id, entry]));

/** The catalogue entry of an id, or undefined. */
export function ruleEntry(id: string): RuleEntry | undefined {
  return BY_ID.get(id);
}

/** The catalogue ids, in catalogue order. */
export function ruleIds(): string[] {
  return RULE_CATALOGUE.map((entry) => entry.id);
}

/** The `[id] ` prefix a synthesis warning starts with. */
export function warningPrefix(id: string): string {
  return `[${id}] `;
}

/** The rule id a synthesis warning's text starts with, or undefined when it has none. */
export function warningRuleId(text: string): string | undefined {
  return /^\[([a-z0-9]+(?:-[a-z0-9]+)*)\] /.exec(text)?.[1];
}
