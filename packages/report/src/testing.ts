/**
 * Assertions for your own test suites (jest, mocha, node:test ...): from a synthesized stack, prove that a workspace
 * in a phase can, or cannot, read a credential path. Each throws an `Error` that explains the decision, so it works
 * with any runner and needs none.
 *
 * ```ts
 * import { Testing } from 'cdktf';
 * import { expectRunCanRead, expectRunCannotRead } from 'cdktf-vault-backed-credentials/testing';
 *
 * const synthesized = Testing.synth(stack);
 * const run = { organization: 'acme', project: 'Networking', workspace: 'network-prod', runPhase: 'plan' } as const;
 * expectRunCanRead(synthesized, run, 'aws/sts/network-read-only');
 * expectRunCannotRead(synthesized, run, 'aws/sts/network-admin');
 * ```
 *
 * Ids decide too: a role that binds `terraform_organization_id` (the trust's `organizationId`), a project id or
 * workspace ids admits a run only if the run's ids are the bound ones. Give them in the run object
 * (`organizationId`, `projectId`, `workspaceId`) and the helpers decide; leave one out that a role binds, and the
 * verdict is conditional: both helpers then throw, naming the ids to give (they never pass on a guess).
 */
import * as fs from 'node:fs';
import { evaluateAcl } from './policy/acl';
import { explain, failingFindings, TrustReport } from './explain';
import { Severity } from './rules';
import {
  LoginCondition,
  mintingCapability,
  reachableCredentials,
  readVerdict,
  RunOutcome,
  simulateWorkspaceRun,
  unstatedClaims,
  vaultIndexOf,
  WorkspaceRun,
  workspaceRunClaims,
} from './simulate';
import { ConfigurationOptions, literalOf, TerraformConfiguration } from './terraform-json';

/**
 * The run an assertion simulates: which workspace, in which phase, and what its workload identity token carries.
 * The token is built from these fields as HCP Terraform builds it (`sub`, `terraform_*` claims).
 */
export interface TestRun {
  /** Organization name, exactly as HCP Terraform stores it (Vault compares `sub` case-sensitively). */
  readonly organization: string;
  /** Project name of the workspace. */
  readonly project: string;
  /** Workspace name. */
  readonly workspace: string;
  /** Run phase of the token (`run_phase` in `sub`, `terraform_run_phase`). */
  readonly runPhase: 'plan' | 'apply';
  /**
   * Workspace id (`ws-...`), the token's `terraform_workspace_id`. Give it when the trust binds workspaces by id
   * (`WorkspaceSelector.ids()`, `.references()`) or attaches variable sets by id; the value must be the one the
   * configuration holds (a literal, or the reference text such as `${tfe_workspace.app.id}`).
   *
   * @default "ws-simulated", which no role binds
   */
  readonly workspaceId?: string;
  /**
   * Project id (`prj-...`), the token's `terraform_project_id`. Give it when a grant sets `projectId`.
   *
   * @default "prj-simulated", which no role binds
   */
  readonly projectId?: string;
  /**
   * Organization id (`org-...`), the token's `terraform_organization_id`.
   *
   * @default - the id the configuration's JWT roles bind (the trust's `organizationId`) when they all bind one
   * literal id; otherwise "org-simulated", which no role binds
   */
  readonly organizationId?: string;
  /**
   * Host of HCP Terraform or Terraform Enterprise that signs the token (its `iss` is `https://<hostname>`).
   *
   * @default - the host of the configuration's JWT auth mount (`bound_issuer`, i.e. the trust's `hostname`) when all
   * its mounts name one; otherwise "app.terraform.io"
   */
  readonly hostname?: string;
}

/** A synthesized stack: `Testing.synth(stack)` output, the parsed object, a path to a `cdk.tf.json`, or a configuration. */
export type Synthesized = string | object | TerraformConfiguration;

/** Configurations already read, by the parsed object given. */
const fromObjects = new WeakMap<object, Map<string, TerraformConfiguration>>();
/** Configurations already read, by the JSON text given (the last few, as strings cannot be weak keys). */
const fromTexts = new Map<string, Map<string, TerraformConfiguration>>();
const TEXTS_KEPT = 4;

/**
 * Reads a synthesized stack in any of the forms {@link Synthesized} allows. The same object, or the same JSON text,
 * with the same options gives the same configuration object back, so a suite that asserts many things about one
 * synthesized stack reads it, indexes it and simulates each run once.
 */
export function loadConfiguration(synthesized: Synthesized, options: ConfigurationOptions = {}): TerraformConfiguration {
  if (synthesized instanceof TerraformConfiguration) return synthesized;
  const optionsKey = JSON.stringify([options.variables ?? {}, options.useVariableDefaults ?? true]);
  if (typeof synthesized === 'string') {
    if (!synthesized.trimStart().startsWith('{')) return new TerraformConfiguration(fs.readFileSync(synthesized, 'utf8'), options);
    // Keyed by the text itself (not a string built from it), so V8 hashes a long text once.
    let byOptions = fromTexts.get(synthesized);
    if (!byOptions) {
      byOptions = new Map();
      fromTexts.set(synthesized, byOptions);
      if (fromTexts.size > TEXTS_KEPT) fromTexts.delete(fromTexts.keys().next().value!);
    }
    let config = byOptions.get(optionsKey);
    if (!config) {
      config = new TerraformConfiguration(synthesized, options);
      byOptions.set(optionsKey, config);
    }
    return config;
  }
  let byOptions = fromObjects.get(synthesized);
  if (!byOptions) {
    byOptions = new Map();
    fromObjects.set(synthesized, byOptions);
  }
  let config = byOptions.get(optionsKey);
  if (!config) {
    config = new TerraformConfiguration(synthesized, options);
    byOptions.set(optionsKey, config);
  }
  return config;
}

/** Trust reports per configuration object. */
const reports = new WeakMap<TerraformConfiguration, TrustReport>();

/** Simulated runs per configuration object and run. */
const simulations = new WeakMap<TerraformConfiguration, Map<string, RunOutcome>>();

/** The one literal value `values` hold, or undefined when they hold none, several, or one that is not a literal. */
function single(values: Array<string | undefined>): string | undefined {
  const distinct = new Set(values);
  return distinct.size === 1 ? [...distinct][0] : undefined;
}

/**
 * `run` with the fields the user left out taken from the trust under test: the hostname from the JWT mounts'
 * `bound_issuer` and the organization id from the JWT roles' `terraform_organization_id`, each when the
 * configuration names exactly one. A Terraform Enterprise trust or one bound by organization id then needs no
 * extra fields in the run.
 */
export function completeRun(synthesized: Synthesized, run: TestRun): WorkspaceRun {
  const config = loadConfiguration(synthesized);
  const index = vaultIndexOf(config);
  let hostname = run.hostname;
  if (hostname === undefined && index.mounts.length > 0) {
    const issuer = single(index.mounts.map((m) => literalOf(m.boundIssuer)));
    const host = issuer === undefined ? undefined : /^https:\/\/([^/]+)$/.exec(issuer)?.[1];
    if (host !== undefined) hostname = host;
  }
  let organizationId = run.organizationId;
  if (organizationId === undefined && index.roles.length > 0) {
    organizationId = single(
      index.roles.map((r) => {
        const claims = r.block.body.bound_claims;
        const bound = claims !== null && typeof claims === 'object' ? (claims as Record<string, unknown>).terraform_organization_id : undefined;
        return bound === undefined ? undefined : literalOf(config.resolve(bound));
      }),
    );
  }
  return { ...run, ...(hostname === undefined ? {} : { hostname }), ...(organizationId === undefined ? {} : { organizationId }) };
}

/** The outcome of a workspace run, simulated once per configuration object and run. */
function simulated(config: TerraformConfiguration, given: TestRun): RunOutcome {
  const run = completeRun(config, given);
  let runs = simulations.get(config);
  if (!runs) {
    runs = new Map();
    simulations.set(config, runs);
  }
  const key = JSON.stringify([run.organization, run.project, run.workspace, run.runPhase, run.workspaceId, run.projectId, run.organizationId, run.hostname]);
  let outcome = runs.get(key);
  if (!outcome) {
    outcome = simulateWorkspaceRun(config, run);
    runs.set(key, outcome);
  }
  return outcome;
}

function runLabel(run: WorkspaceRun): string {
  return `${run.runPhase} run of ${run.organization}/${run.project}/${run.workspace}`;
}

/** A few lines saying what the simulation found for a run: its variables, its logins, its credentials. */
export function describeRun(synthesized: Synthesized, run: TestRun): string {
  return describeOutcome(run, simulated(loadConfiguration(synthesized), run));
}

function describeOutcome(run: WorkspaceRun, outcome: RunOutcome): string {
  const lines = [`${runLabel(run)}:`];
  const sources = [...outcome.variableSets, ...outcome.workspaceVariables];
  lines.push(`  variables from: ${sources.length > 0 ? sources.join(', ') : 'nothing (no variable set or workspace variable reaches it)'}`);
  if (outcome.vault.length === 0) lines.push('  no Vault configuration is enabled (TFC_VAULT_PROVIDER_AUTH is not "true")');
  for (const v of outcome.vault) {
    const tag = v.configuration.tag === undefined ? 'default' : v.configuration.tag;
    const login = v.login;
    const unattempted = () => [...v.configuration.problems, ...v.configuration.phaseProblems[run.runPhase]].join('; ');
    const verdict = login ? `${login.verdict}${login.reason ? ` (${login.reason})` : ''}` : `not attempted (${unattempted()})`;
    const conditions = login?.admitted && login.conditions.length > 0 ? ` if ${login.conditions.map((c) => c.text).join(' and ')}` : '';
    lines.push(`  Vault configuration ${tag}: role ${v.role ? `"${literalOf(v.role.value) ?? v.role.key}"` : '(none)'} -> ${verdict}${conditions}`);
    if (login?.admitted) lines.push(`    policies: ${login.policyNames.join(', ')}`);
  }
  for (const c of outcome.credentials) {
    const tag = c.configuration.tag === undefined ? '' : ` [${c.configuration.tag}]`;
    const problems = c.problems.length > 0 ? `; ${c.problems.join('; ')}` : '';
    lines.push(`  ${c.configuration.cloud.toUpperCase()}${tag}: ${c.path ?? '(unknown path)'} -> ${c.read}${c.reason ? ` (${c.reason})` : ''}${problems}`);
  }
  return lines.join('\n');
}

/** The run property that states each id claim. */
const RUN_PROPERTY: Readonly<Record<string, keyof WorkspaceRun>> = {
  terraform_organization_id: 'organizationId',
  terraform_project_id: 'projectId',
  terraform_workspace_id: 'workspaceId',
};

/** Why a verdict is conditional, and which run properties would decide it. */
function conditionalMessage(conditions: readonly LoginCondition[]): string {
  const properties = [...new Set(conditions.map((c) => RUN_PROPERTY[c.claim]).filter((p) => p !== undefined))];
  const give = properties.length > 0 ? `; give ${properties.join(' and ')} in the run object to decide` : '';
  return `the verdict is conditional: only if ${conditions.map((c) => c.text).join(' and ')}${give}`;
}

/**
 * Asserts that the run, logged in as its variables direct, may read `path` (relative to its Vault namespace, e.g.
 * `aws/sts/deploy`). Throws an explanation otherwise, and when the read depends on an id the run does not give
 * (the verdict is conditional).
 */
export function expectRunCanRead(synthesized: Synthesized, run: TestRun, path: string): void {
  const outcome = simulated(loadConfiguration(synthesized), run);
  const allowed = outcome.vault.filter((v) => readVerdict(v.login, path) === 'allowed');
  if (allowed.some((v) => v.login!.conditions.length === 0)) return;
  if (allowed.length > 0) {
    throw new Error(`expected the ${runLabel(run)} to read ${path}: ${conditionalMessage(allowed[0].login!.conditions)}.\n${describeOutcome(run, outcome)}`);
  }
  throw new Error(`expected the ${runLabel(run)} to read ${path}, but it cannot.\n${describeOutcome(run, outcome)}`);
}

/**
 * Asserts that the run cannot read `path`: neither as its variables direct, nor by logging in to any other JWT role
 * of the configuration on its own (a workspace owner can set any role name and audience). Throws an explanation
 * naming the role that lets it in otherwise.
 */
export function expectRunCannotRead(synthesized: Synthesized, given: TestRun, path: string): void {
  const config = loadConfiguration(synthesized);
  const run = completeRun(config, given);
  const outcome = simulated(config, run);
  const index = vaultIndexOf(config);
  let conditional: LoginCondition[] | undefined;
  for (const v of outcome.vault) {
    const capability = v.login && mintingCapability(index, v.login, literalOf(v.configuration.namespace) ?? '', path);
    if (capability === undefined) continue;
    if (v.login!.conditions.length > 0) {
      conditional ??= v.login!.conditions;
      continue;
    }
    const rule = evaluateAcl(v.login!.policies, path, capability).matchedPath;
    throw new Error(
      `expected the ${runLabel(run)} not to read ${path}, but its own variables let it: role ${v.login!.roleAddress}, ` +
        `policy rule "${rule}" (${capability}).\n${describeOutcome(run, outcome)}`,
    );
  }
  const reached = reachableCredentials(config, (audience) => workspaceRunClaims(run, audience), allNamespaces(config, path), unstatedClaims(run));
  const certain = reached.find((r) => r.conditions === undefined);
  if (certain) {
    throw new Error(
      `expected the ${runLabel(run)} not to read ${path}, but its token can log in to ${certain.roleAddress} ` +
        `(namespace "${certain.namespace}") and obtain it (${certain.capability}).\n${describeOutcome(run, outcome)}`,
    );
  }
  conditional ??= reached[0]?.conditions;
  if (conditional) throw new Error(`expected the ${runLabel(run)} not to read ${path}: ${conditionalMessage(conditional)}.\n${describeOutcome(run, outcome)}`);
}

/** `path` in every namespace that holds a JWT role. */
function allNamespaces(config: TerraformConfiguration, path: string): Array<{ namespace: string; path: string }> {
  const namespaces = new Set(vaultIndexOf(config).roles.map((r) => literalOf(r.namespace)).filter((n): n is string => n !== undefined));
  return [...namespaces].map((namespace) => ({ namespace, path }));
}

/** Asserts that the trust report of the stack has no findings at `failOn` or above (default `error`). */
export function expectNoTrustFindings(synthesized: Synthesized, failOn: Severity = 'error'): void {
  const config = loadConfiguration(synthesized);
  let report = reports.get(config);
  if (!report) {
    report = explain(config);
    reports.set(config, report);
  }
  const failing = failingFindings(report, failOn);
  if (failing.length === 0) return;
  const listed = failing.map((f) => `  ${f.severity} ${f.rule} ${f.subject}: ${f.message}`).join('\n');
  throw new Error(`expected no trust findings at ${failOn} level, found ${failing.length}:\n${listed}`);
}
