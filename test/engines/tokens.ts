/**
 * Tokens as HCP Terraform mints them, built from what a JWT role binds: workspace runs (`sub`
 * `organization:<o>:project:<p>:workspace:<w>:run_phase:<phase>`), Stack deployments
 * (`organization:<o>:project:<p>:stack:<s>:deployment:<d>:operation:<op>`) and private registry module test runs
 * (`organization:<o>:module:<m>:operation:test_run`), and the attack variants of each. Built independently of the
 * report's verdict code: only its claim builder for workspace runs (`workspaceRunClaims`) is used, as the run tokens
 * the report and the testing helpers simulate must be the ones presented to OpenBao.
 */
import { workspaceRunClaims } from '../../packages/report/src/simulate';

export type Claims = Record<string, unknown>;

/** Where a token comes from; `*` parts of a role's pattern are filled with {@link FILLER}. */
export type TokenSpec =
  | { kind: 'run'; organization: string; project: string; workspace: string; phase: string }
  | { kind: 'stack'; organization: string; project: string; stack: string; deployment: string; phase: string }
  | { kind: 'module'; organization: string; module: string };

/** What stands for a `*` in a pattern when a token is made to match it. */
export const FILLER = 'x1';
const fillStars = (part: string) => part.replace(/\*/g, FILLER);

/** Vault's glob (go-glob): `*` is any run of characters, nothing else is special, anchored, case-sensitive. */
export function globMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
  return regex.test(value);
}

/**
 * The token shapes one `sub` value of a role admits. With `glob`, a `*` is filled and a `*` phase gives both phases;
 * without, `*` is an ordinary character (bound_claims_type "string").
 */
export function specsOfSubject(pattern: string, glob: boolean): TokenSpec[] {
  const fill = (part: string) => (glob ? fillStars(part) : part);
  let m = /^organization:([^:]+):project:([^:]+):workspace:([^:]+):run_phase:([^:]+)$/.exec(pattern);
  if (m) {
    const phases = glob && m[4] === '*' ? ['plan', 'apply'] : [m[4]];
    return phases.map((phase) => ({ kind: 'run', organization: fill(m![1]), project: fill(m![2]), workspace: fill(m![3]), phase: fill(phase) }));
  }
  m = /^organization:([^:]+):project:([^:]+):stack:([^:]+):deployment:([^:]+):operation:([^:]+)$/.exec(pattern);
  if (m) {
    const phases = glob && m[5] === '*' ? ['plan', 'apply'] : [m[5]];
    return phases.map((phase) => ({
      kind: 'stack',
      organization: fill(m![1]),
      project: fill(m![2]),
      stack: fill(m![3]),
      deployment: fill(m![4]),
      phase: fill(phase),
    }));
  }
  m = /^organization:([^:]+):module:([^:]+):operation:test_run$/.exec(pattern);
  if (m) return [{ kind: 'module', organization: fill(m[1]), module: fill(m[2]) }];
  return [];
}

/** The claims HCP Terraform puts in a token of that shape (ids are stand-ins unless `ids` gives them). */
export function claimsOf(spec: TokenSpec, iss: string, aud: string, ids: { organizationId?: string; projectId?: string; workspaceId?: string } = {}): Claims {
  const organizationId = ids.organizationId ?? 'org-simulated';
  if (spec.kind === 'run') {
    const run = {
      organization: spec.organization,
      project: spec.project,
      workspace: spec.workspace,
      runPhase: spec.phase as 'plan' | 'apply',
      ...ids,
      organizationId,
    };
    return { ...workspaceRunClaims(run, aud), iss };
  }
  if (spec.kind === 'stack') {
    return {
      iss,
      aud,
      sub: `organization:${spec.organization}:project:${spec.project}:stack:${spec.stack}:deployment:${spec.deployment}:operation:${spec.phase}`,
      terraform_organization_name: spec.organization,
      terraform_organization_id: organizationId,
      terraform_project_name: spec.project,
      terraform_project_id: ids.projectId ?? 'prj-simulated',
      terraform_stack_name: spec.stack,
      terraform_stack_id: 'st-simulated',
      terraform_stack_deployment_name: spec.deployment,
      terraform_operation: spec.phase,
      terraform_plan_id: 'plan-simulated',
    };
  }
  return {
    iss,
    aud,
    sub: `organization:${spec.organization}:module:${spec.module}:operation:test_run`,
    terraform_organization_name: spec.organization,
    terraform_organization_id: organizationId,
    terraform_run_id: 'trun-simulated',
    terraform_run_phase: 'plan',
  };
}

/** Makes every bound claim other than `sub` hold (first alternative, `*` filled) where the token does not already. */
export function satisfy(claims: Claims, boundClaims: Record<string, string[]>, glob: boolean): Claims {
  const out = { ...claims };
  for (const [claim, alternatives] of Object.entries(boundClaims)) {
    if (claim === 'sub' || alternatives.length === 0) continue;
    const current = out[claim];
    const ok = typeof current === 'string' && alternatives.some((a) => (glob ? globMatches(a, current) : a === current));
    if (!ok) out[claim] = glob ? fillStars(alternatives[0]) : alternatives[0];
  }
  return out;
}

/** One attack on a role: a token HCP Terraform would mint for someone the role must not admit. */
export interface Attack {
  readonly label: string;
  /** The attacking token's claims, or `evil-issuer` to have another issuer sign them. */
  readonly claims: Claims;
  readonly signer: 'mount-issuer' | 'evil-issuer';
}

export const EVIL_ISSUER = 'https://tfe.evil.example';

/** Name fields of a spec, written into `base` (which keeps its ids and the claims the role binds). */
function withSpec(base: Claims, spec: TokenSpec): Claims {
  const fresh = claimsOf(spec, String(base.iss), String(base.aud));
  const keys = [
    'sub',
    'terraform_organization_name',
    'terraform_project_name',
    'terraform_workspace_name',
    'terraform_full_workspace',
    'terraform_stack_name',
    'terraform_stack_deployment_name',
    'terraform_operation',
    'terraform_run_phase',
  ];
  const out = { ...base };
  for (const key of keys) if (key in base && key in fresh) out[key] = fresh[key];
  return out;
}

const flipCase = (s: string) => (s.toUpperCase() !== s ? s.toUpperCase() : s.toLowerCase());

/**
 * The attacks that apply to a role admitting `base` (made from `spec`, whose parts are {@link FILLER} where the
 * role's pattern has a bare `*`): a binding the role makes is attacked, a part it leaves open is not (a project-wide
 * role rightly admits every workspace of its project).
 */
export function attacksOn(spec: TokenSpec, base: Claims, boundClaims: Record<string, string[]>, applyOnly: boolean): Attack[] {
  const attacks: Attack[] = [];
  const add = (label: string, claims: Claims, signer: Attack['signer'] = 'mount-issuer') => attacks.push({ label, claims, signer });
  const bound = (part: string | undefined) => part !== undefined && part !== FILLER;
  add('other organization name', withSpec(base, { ...spec, organization: 'evilcorp' }));
  add('organization name with a suffix', withSpec(base, { ...spec, organization: `${spec.organization}-evil` }));
  add('organization name plus letters', withSpec(base, { ...spec, organization: `${spec.organization}inc` }));
  if (bound(spec.organization) && flipCase(spec.organization) !== spec.organization)
    add('organization name in other letter case', withSpec(base, { ...spec, organization: flipCase(spec.organization) }));
  if (boundClaims.terraform_organization_id) add('other organization id', { ...base, terraform_organization_id: 'org-Intruder01' });
  if (spec.kind !== 'module') {
    if (bound(spec.project) || boundClaims.terraform_project_id)
      add('other project', { ...withSpec(base, { ...spec, project: 'Intruder Project' }), terraform_project_id: 'prj-Intruder01' });
    if (bound(spec.project) && flipCase(spec.project) !== spec.project)
      add('project name in other letter case', withSpec(base, { ...spec, project: flipCase(spec.project) }));
  }
  if (spec.kind === 'run') {
    if (bound(spec.workspace) || boundClaims.terraform_workspace_id)
      add('other workspace', { ...withSpec(base, { ...spec, workspace: 'intruder-ws' }), terraform_workspace_id: 'ws-Intruder01' });
    if (bound(spec.workspace) && flipCase(spec.workspace) !== spec.workspace)
      add('workspace name in other letter case', withSpec(base, { ...spec, workspace: flipCase(spec.workspace) }));
  }
  if (spec.kind === 'stack' && bound(spec.deployment)) add('other Stack deployment', withSpec(base, { ...spec, deployment: 'intruder' }));
  if (spec.kind === 'module' && !spec.module.includes(FILLER)) add('other registry module', withSpec(base, { ...spec, module: `${spec.module}-intruder` }));
  add('wrong audience', { ...base, aud: 'aws.workload.identity' });
  add('wrong issuer (its own key)', { ...base, iss: EVIL_ISSUER }, 'evil-issuer');
  if (applyOnly && (spec.kind === 'run' || spec.kind === 'stack')) {
    const plan = withSpec(base, { ...spec, phase: 'plan' });
    add('plan token on the apply role', plan);
  }
  return attacks;
}
