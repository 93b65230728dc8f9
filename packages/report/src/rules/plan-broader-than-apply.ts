/**
 * Plan runs, which any pull request starts, holding cloud permissions that apply runs lack. Knowable where the clouds'
 * built-in roles are ordered, each one including the one below it:
 *
 * - AWS managed job-function policies: `ReadOnlyAccess` < `PowerUserAccess` < `AdministratorAccess`
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html);
 * - GCP basic roles: `roles/viewer` < `roles/editor` < `roles/owner`
 *   (https://cloud.google.com/iam/docs/roles-overview#basic);
 * - Azure built-in roles: `Reader` < `Contributor` < `Owner`, also named by their fixed role definition ids
 *   (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 *
 * What each phase's credentials carry is read from the engine role the phase reads: AWS `policy_arns`, and for
 * `assumed_role` the managed policies of the IAM role it assumes (known only when that `aws_iam_role` and its
 * `aws_iam_role_policy_attachment`s are in the configuration); GCP roleset and static-account `binding` roles per
 * resource; Azure `azure_roles` per scope. Other roles (custom, predefined, inline) are not ranked: where a phase holds
 * none of the ranked ones on a scope, nothing is said about that scope.
 *
 * The construct library checks the same at synthesis ({@link builtInExcess} on what its engine roles are given), and
 * also, for IAM run roles it builds itself, any managed policy the plan role has and the apply role lacks.
 */
import type { Phase } from '../configurations';
import { IAM_ROLE_ARN } from '../catalogue';
import type { ReportModel } from '../model';
import { literalOf, TerraformBlock, TerraformConfiguration, textOf } from '../terraform-json';
import type { Cloud } from '../vault-index';
import { Finding, ReportRule } from './types';

/** The rule id. */
export const PLAN_BROADER_THAN_APPLY = 'plan-broader-than-apply';

/** A role (or managed policy) a credential carries, on the scope it is granted on. */
export interface BuiltInGrant {
  /** Where the role holds: a GCP resource, an Azure scope, an AWS account id; `*` when unknown (AWS). */
  readonly scope: string;
  /** As written: a managed policy ARN, `roles/editor`, `Contributor`, an Azure role definition id. */
  readonly role: string;
}

/** One scope on which plan ranks above apply. */
export interface BuiltInExcess {
  readonly scope: string;
  /** The plan side's highest ranked role there, by its built-in name. */
  readonly plan: string;
  /** The apply side's highest ranked role there. */
  readonly apply: string;
}

/** The ranked built-in roles of each cloud, lowest first. */
const LADDERS: Readonly<Record<Cloud, readonly string[]>> = {
  aws: ['ReadOnlyAccess', 'PowerUserAccess', 'AdministratorAccess'],
  gcp: ['roles/viewer', 'roles/editor', 'roles/owner'],
  azure: ['Reader', 'Contributor', 'Owner'],
};

/** Azure's built-in role definition ids (the same in every tenant), by name. */
const AZURE_ROLE_IDS: Readonly<Record<string, string>> = {
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'Reader',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
};

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/([A-Za-z]+)$/;

/** The built-in name and rank (0 = lowest) of a role, or undefined when it is not one of the ranked ones. */
export function builtInRank(cloud: Cloud, role: string): { name: string; rank: number } | undefined {
  let name: string | undefined;
  if (cloud === 'aws') name = AWS_MANAGED.exec(role)?.[1];
  else if (cloud === 'gcp') name = role;
  else name = AZURE_ROLE_IDS[role.split('/').pop()!.toLowerCase()] ?? role;
  const rank = name === undefined ? -1 : LADDERS[cloud].indexOf(name);
  return rank < 0 ? undefined : { name: name!, rank };
}

function sameScope(a: string, b: string): boolean {
  return a === b || a === '*' || b === '*';
}

/** The highest ranked role of `grants` on `scope`, or undefined when none is ranked. */
function highest(cloud: Cloud, grants: readonly BuiltInGrant[], scope: string): { name: string; rank: number } | undefined {
  let best: { name: string; rank: number } | undefined;
  for (const grant of grants) {
    if (!sameScope(grant.scope, scope)) continue;
    const ranked = builtInRank(cloud, grant.role);
    if (ranked && (!best || ranked.rank > best.rank)) best = ranked;
  }
  return best;
}

/** The scopes where the plan side's highest ranked role is above the apply side's (both must hold a ranked one). */
export function builtInExcess(cloud: Cloud, plan: readonly BuiltInGrant[], apply: readonly BuiltInGrant[]): BuiltInExcess[] {
  const out: BuiltInExcess[] = [];
  const scopes = [...new Set(plan.filter((g) => builtInRank(cloud, g.role)).map((g) => g.scope))].sort();
  for (const scope of scopes) {
    const p = highest(cloud, plan, scope);
    const a = highest(cloud, apply, scope);
    if (p && a && p.rank > a.rank) out.push({ scope, plan: p.name, apply: a.name });
  }
  return out;
}

const CLOUD_NAMES: Readonly<Record<Cloud, string>> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

/** The message of a finding or warning: which plan and apply engine roles, and where plan ranks higher. */
export function builtInExcessMessage(cloud: Cloud, planRole: string, applyRole: string, excess: readonly BuiltInExcess[]): string {
  const where = excess.map((e) => `${e.plan} against ${e.apply}${e.scope === '*' ? '' : ` on ${e.scope}`}`).join('; ');
  return (
    `plan runs read ${CLOUD_NAMES[cloud]} credentials from engine role ${JSON.stringify(planRole)}, apply runs from ${JSON.stringify(applyRole)}, ` +
    `and the plan side holds the broader built-in role (${where}); a pull request's plan can do what an apply cannot. ` +
    'Give plans the read-only role and applies the broader one'
  );
}

/** The built-in roles a Terraform JSON engine role block gives its credentials. `roleArn` is the ARN the phase asks for. */
export function engineRoleGrants(config: TerraformConfiguration, block: TerraformBlock, roleArn?: string): BuiltInGrant[] {
  const body = block.body;
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
  const text = (value: unknown): string | undefined => textOf(config.resolve(value));
  const grants: BuiltInGrant[] = [];
  if (block.type === 'vault_aws_secret_backend_role') {
    const arns = list(body.role_arns);
    const account = (arn: string | undefined) => (arn !== undefined && IAM_ROLE_ARN.test(arn) ? arn.split(':')[4] : '*');
    for (const policy of list(body.policy_arns)) {
      const arn = literalOf(config.resolve(policy));
      if (arn !== undefined) grants.push({ scope: '*', role: arn });
    }
    // The IAM role the phase assumes: the one it asks for, or the only one.
    const chosen = roleArn !== undefined ? arns.find((a) => a === roleArn || text(a) === roleArn) ?? roleArn : arns.length === 1 ? arns[0] : undefined;
    if (chosen !== undefined) {
      for (const role of iamRoleBlocks(config, chosen)) {
        for (const arn of managedPolicies(config, role)) grants.push({ scope: account(literalOf(config.resolve(chosen))), role: arn });
      }
    }
  } else if (block.type === 'vault_gcp_secret_roleset' || block.type === 'vault_gcp_secret_static_account') {
    for (const binding of list(body.binding)) {
      const b = (binding ?? {}) as Record<string, unknown>;
      const resource = text(b.resource);
      if (resource === undefined) continue;
      for (const role of list(b.roles)) {
        const name = literalOf(config.resolve(role));
        if (name !== undefined) grants.push({ scope: resource, role: name });
      }
    }
  } else if (block.type === 'vault_azure_secret_backend_role') {
    for (const entry of list(body.azure_roles)) {
      const r = (entry ?? {}) as Record<string, unknown>;
      const scope = text(r.scope);
      const role = literalOf(config.resolve(r.role_name)) ?? literalOf(config.resolve(r.role_id));
      if (scope !== undefined && role !== undefined) grants.push({ scope, role });
    }
  }
  return grants;
}

/** The `aws_iam_role` blocks an ARN value names: by reference (`${aws_iam_role.x.arn}`), or by the name in a literal ARN. */
function iamRoleBlocks(config: TerraformConfiguration, arnValue: unknown): TerraformBlock[] {
  const referenced = config.referencedBlock(arnValue);
  if (referenced) return referenced.type === 'aws_iam_role' ? [referenced] : [];
  const arn = literalOf(config.resolve(arnValue));
  if (arn === undefined || !IAM_ROLE_ARN.test(arn)) return [];
  let byName = rolesByName.get(config);
  if (!byName) {
    byName = new Map();
    for (const role of config.resourcesOfType('aws_iam_role')) {
      const name = literalOf(config.resolve(role.body.name));
      if (name !== undefined) byName.set(name, [...(byName.get(name) ?? []), role]);
    }
    rolesByName.set(config, byName);
  }
  return byName.get(arn.slice(arn.lastIndexOf('/') + 1)) ?? [];
}

/** Per configuration: the `aws_iam_role` blocks by literal name. */
const rolesByName = new WeakMap<TerraformConfiguration, Map<string, TerraformBlock[]>>();

/** Per configuration: the policy ARN values attached to each IAM role, keyed by role block or literal role name. */
const attachmentIndex = new WeakMap<TerraformConfiguration, Map<TerraformBlock | string, unknown[]>>();

/** The attachments of a configuration, read once: a large configuration has thousands of roles and attachments. */
function attachmentsOf(config: TerraformConfiguration): Map<TerraformBlock | string, unknown[]> {
  let index = attachmentIndex.get(config);
  if (index) return index;
  index = new Map();
  const add = (role: unknown, values: unknown[]) => {
    const key = config.referencedBlock(role) ?? literalOf(config.resolve(role));
    if (key === undefined) return;
    index!.set(key, [...(index!.get(key) ?? []), ...values]);
  };
  for (const attachment of config.resourcesOfType('aws_iam_role_policy_attachment')) add(attachment.body.role, [attachment.body.policy_arn]);
  for (const exclusive of config.resourcesOfType('aws_iam_role_policy_attachments_exclusive')) {
    if (Array.isArray(exclusive.body.policy_arns)) add(exclusive.body.role_name, exclusive.body.policy_arns);
  }
  attachmentIndex.set(config, index);
  return index;
}

/** The managed policy ARNs an IAM role block has: its own `managed_policy_arns` and the attachments in the file. */
function managedPolicies(config: TerraformConfiguration, role: TerraformBlock): string[] {
  const values: unknown[] = Array.isArray(role.body.managed_policy_arns) ? [...role.body.managed_policy_arns] : [];
  const attachments = attachmentsOf(config);
  values.push(...(attachments.get(role) ?? []));
  const name = literalOf(config.resolve(role.body.name));
  if (name !== undefined) values.push(...(attachments.get(name) ?? []));
  return values.map((v) => literalOf(config.resolve(v))).filter((v): v is string => v !== undefined);
}

/** The engine role a phase's credential of one configuration is read from, with the IAM role ARN it asks for. */
interface PhaseRead {
  readonly cloud: Cloud;
  readonly block: TerraformBlock;
  readonly roleArn?: string;
  /** The selector, cloud and configuration tag: what the grant that picks the engine roles is about. */
  readonly subject: string;
}

function phaseReads(model: ReportModel, phase: Phase): Map<string, PhaseRead> {
  const reads = new Map<string, PhaseRead>();
  for (const evaluation of model.evaluations) {
    if (evaluation.phase !== phase) continue;
    for (const credential of evaluation.outcome.credentials) {
      if (credential.engineRole === undefined) continue;
      const block = model.config.block(credential.engineRole);
      if (!block) continue;
      const configuration = credential.configuration;
      const roleArn = configuration.phases[phase]?.roleArn;
      const key = JSON.stringify([evaluation.selector.label, configuration.cloud, configuration.tag ?? null]);
      const tag = configuration.tag === undefined ? '' : ` [configuration ${configuration.tag}]`;
      const subject = `${evaluation.selector.label} ${CLOUD_NAMES[configuration.cloud]}${tag}`;
      reads.set(key, { cloud: configuration.cloud, block, roleArn: roleArn === undefined ? undefined : textOf(roleArn.value), subject });
    }
  }
  return reads;
}

/** An engine role's name, with the IAM role ARN the phase asks for when it names one. */
function phaseRole(name: string, roleArn: string | undefined): string {
  return roleArn === undefined ? name : `${name} (${roleArn})`;
}

/** The report's check: per selector and cloud configuration, the plan engine role against the apply engine role. */
export const planBroaderThanApply: ReportRule = {
  id: PLAN_BROADER_THAN_APPLY,
  severity: 'warning',
  title: 'Plan credentials hold a broader built-in role than apply credentials',
  explanation:
    'Plan runs start on every pull request. When the credentials plan runs read carry a broader built-in cloud role than ' +
    'the ones apply runs read (AWS AdministratorAccess over ReadOnlyAccess, GCP roles/owner over roles/viewer, Azure ' +
    'Owner over Reader, on the same scope), or, at synthesis, when the IAM run role plans assume has managed policies the ' +
    'apply run role lacks, a plan can do what an apply cannot: usually the plan and apply roles are swapped.',
  fix: 'Give the plan engine role the read-only role (or a subset of the apply role\'s policies) and the apply engine role the broader one.',
  stages: ['synthesis', 'report'],
  check: (model) => {
    const findings: Finding[] = [];
    const plans = phaseReads(model, 'plan');
    const applies = phaseReads(model, 'apply');
    for (const [key, plan] of plans) {
      const apply = applies.get(key);
      if (!apply || (apply.block === plan.block && apply.roleArn === plan.roleArn)) continue;
      const grants = (read: PhaseRead) => engineRoleGrants(model.config, read.block, read.roleArn);
      const excess = builtInExcess(plan.cloud, grants(plan), grants(apply));
      if (excess.length === 0) continue;
      const name = (b: TerraformBlock) => textOf(model.config.resolve(b.body.name ?? b.body.roleset ?? b.body.static_account ?? b.body.role)) ?? b.address;
      findings.push({
        rule: PLAN_BROADER_THAN_APPLY,
        severity: 'warning',
        subject: plan.subject,
        message: builtInExcessMessage(plan.cloud, phaseRole(name(plan.block), plan.roleArn), phaseRole(name(apply.block), apply.roleArn), excess),
      });
    }
    return findings;
  },
};
