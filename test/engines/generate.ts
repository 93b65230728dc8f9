/**
 * Configurations for the differential run, from a fixed seed: the benchmark's fleet (bench/fleet.ts) and trusts
 * built through the library's public API with random choices, then random edits of the synthesized JSON that the
 * library would not write but a user's or another tool's configuration may contain. Each comes with what HCP
 * Terraform knows and the file may not (the organization's real id).
 *
 * Library choices: organization name, organization id binding, Vault namespace (with or without a provider
 * namespace), workspace selectors (names, ids, prefix, whole project, whole organization), shared run roles, tagged
 * additional configurations, Stack deployment grants, registry module test grants.
 * JSON edits: string bound claims turned glob, a workspace name turned into a prefix glob, extra ACL rules with `+` and
 * `*` segments, `deny` rules, a policy shared by two roles (shared run roles).
 */
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { buildLibraryFleet } from '../../bench/fleet';
import { AwsAssumedRole, VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { GroundTruth } from './check';

/** The parts of a synthesized configuration the edits touch. */
type Block = Record<string, unknown>;
export interface Synthesized {
  readonly resource?: Record<string, Record<string, Block>>;
  readonly [key: string]: unknown;
}

export interface GeneratedConfiguration {
  readonly name: string;
  /** What was chosen, for the disagreement report. */
  readonly recipe: string[];
  readonly json: Synthesized;
  readonly truth: GroundTruth;
}

/** mulberry32: a small PRNG, so one seed gives the same configurations on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(private readonly next: () => number) {}
  public chance(p: number): boolean {
    return this.next() < p;
  }
  public int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  public pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** The fleet of bench/fleet.ts (namespace "admin", AWS, GCP and Azure per grant), unchanged. */
export function fleetConfiguration(grants: number): GeneratedConfiguration {
  const app = Testing.app();
  const stack = buildLibraryFleet(app as App, grants);
  return { name: `bench fleet (${grants} grants)`, recipe: [`buildLibraryFleet(${grants})`], json: JSON.parse(Testing.synth(stack)), truth: {} };
}

/** One trust built through the library with random choices. */
function libraryConfiguration(dice: Dice, n: number, recipe: string[]): { json: Synthesized; truth: GroundTruth } {
  const stack = new TerraformStack(Testing.app(), `gen${n}`);
  const organization = dice.pick(['acme', 'globex', 'Initech', 'acme-eu']);
  const organizationId = `org-${organization.replace(/[^A-Za-z]/g, '')}${n}X`;
  const bindId = dice.chance(0.4);
  const namespaceChoice = dice.pick(['', 'admin', 'team-a', 'provider+child']);
  const providerNamespace = namespaceChoice === 'provider+child' ? 'admin' : undefined;
  const vaultNamespace = namespaceChoice === 'provider+child' ? 'platform' : namespaceChoice || undefined;
  new VaultProvider(stack, 'vault', {
    address: 'https://vault.example.com:8200',
    skipChildToken: true,
    ...(providerNamespace ? { namespace: providerNamespace } : {}),
  });
  new TfeProvider(stack, 'tfe', { hostname: 'app.terraform.io' });
  recipe.push(
    `organization ${organization}${bindId ? ` bound by id ${organizationId}` : ''}`,
    `namespace ${[providerNamespace, vaultNamespace].filter(Boolean).join('/') || '(root)'}`,
  );
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
    organization,
    ...(bindId ? { organizationId } : {}),
    vaultAddress: 'https://vault.example.com:8200',
    ...(vaultNamespace ? { vaultNamespace } : {}),
    ...(providerNamespace ? { vaultProviderNamespace: providerNamespace } : {}),
  });
  const aws = trust.addAwsSecretsEngine('aws');
  const role = (name: string): AwsAssumedRole => aws.addAssumedRole(name, { roleArns: [`arn:aws:iam::111111111111:role/${name}`] });
  const grants = dice.int(1, 3);
  for (let g = 0; g < grants; g++) {
    const project = dice.pick(['Networking', 'Platform', 'Default Project', 'data']);
    const kind = dice.pick(['names', 'names', 'prefix', 'project', 'ids', 'organization']);
    const workspaces =
      kind === 'names'
        ? WorkspaceSelector.names(`svc-${g}-prod`, `svc-${g}-stage`)
        : kind === 'prefix'
        ? WorkspaceSelector.prefix(`app${g}-`)
        : kind === 'project'
        ? WorkspaceSelector.allInProject()
        : kind === 'ids'
        ? WorkspaceSelector.ids(`ws-Gen${n}x${g}`)
        : WorkspaceSelector.allInOrganization();
    const shared = dice.chance(0.35);
    const tagged = dice.chance(0.3);
    const runRole = shared ? role(`g${g}-run`) : undefined;
    recipe.push(
      `grant g${g}: ${kind}${kind === 'organization' ? '' : ` in project ${project}`}${shared ? ', shared run role' : ''}${
        tagged ? ', tagged configuration EXTRA' : ''
      }`,
    );
    trust.grantWorkspaces(`g${g}`, {
      ...(kind === 'organization' ? {} : { project }),
      workspaces,
      aws: runRole ? { plan: runRole, apply: runRole } : { plan: role(`g${g}-read`), apply: role(`g${g}-write`) },
      ...(shared ? { sharedRunRole: true } : {}),
      ...(tagged ? { additionalConfigurations: [{ tag: 'EXTRA', aws: { plan: role(`g${g}-extra-read`), apply: role(`g${g}-extra-write`) } }] } : {}),
    });
  }
  if (dice.chance(0.35)) {
    recipe.push('Stack grant network (staging, production)');
    trust.grantStackDeployments('st', {
      project: 'Platform',
      stack: 'network',
      deployments: ['staging', 'production'],
      planCredentials: [role('st-read')],
      applyCredentials: [role('st-write')],
    });
  }
  if (dice.chance(0.35)) {
    const all = dice.chance(0.5);
    recipe.push(`module test grant ${all ? 'every aws module' : 'vpc'}`);
    trust.grantModuleTests('mt', { module: 'vpc', moduleProvider: 'aws', ...(all ? { allModulesOfProvider: true } : {}), aws: role('module-test') });
  }
  return { json: JSON.parse(Testing.synth(stack)), truth: { organizationId } };
}

/** Random edits of the synthesized JSON (see the file comment). */
function perturb(dice: Dice, json: Synthesized, recipe: string[]): void {
  const roles = Object.entries(json.resource?.vault_jwt_auth_backend_role ?? {});
  const policies = Object.entries(json.resource?.vault_policy ?? {});
  const awsRoles = Object.values(json.resource?.vault_aws_secret_backend_role ?? {}).map((r) => String(r.name));
  for (const [address, role] of roles) {
    if (role.bound_claims_type === 'string' && dice.chance(0.3)) {
      role.bound_claims_type = 'glob';
      recipe.push(`${address}: bound_claims_type string -> glob`);
    }
    const claims = role.bound_claims as Record<string, string> | undefined;
    const sub = claims?.sub;
    if (claims && typeof sub === 'string' && /:workspace:svc-/.test(sub) && dice.chance(0.3)) {
      role.bound_claims_type = 'glob';
      claims.sub = sub.replace(/:workspace:svc-(\d+)-[a-z]+/g, ':workspace:svc-$1-*');
      recipe.push(`${address}: workspace names -> glob svc-<n>-* (${claims.sub})`);
    }
  }
  for (const [address, policy] of policies) {
    if (typeof policy.policy !== 'string' || awsRoles.length === 0) continue;
    const target = dice.pick(awsRoles);
    const choice = dice.int(0, 5);
    let rule: string | undefined;
    if (choice === 0) rule = `path "aws/+/${target}" {\n  capabilities = ["read"]\n}\n`;
    else if (choice === 1) rule = `path "aws/sts/${target.split('-')[0]}-*" {\n  capabilities = ["read"]\n}\n`;
    else if (choice === 2) rule = `path "aws/sts/${target}" {\n  capabilities = ["deny"]\n}\n`;
    else if (choice === 3) rule = `path "aws/+/*" {\n  capabilities = ["deny"]\n}\n`;
    else if (choice === 4) rule = `path "+/sts/${target}" {\n  capabilities = ["read", "update"]\n}\n`;
    if (rule !== undefined) {
      policy.policy = `${policy.policy}\n${rule}`;
      recipe.push(`${address}: + ${rule.split('\n')[0]} ${rule.includes('deny') ? 'deny' : 'allow'}`);
    }
  }
  // Two roles sharing one policy: the second role's token_policies name the first role's policy as well.
  if (roles.length >= 2 && dice.chance(0.3)) {
    const [a, b] = [dice.pick(roles), dice.pick(roles)];
    if (a !== b) {
      const policiesOf = (role: Block) => (Array.isArray(role.token_policies) ? (role.token_policies as unknown[]) : []);
      b[1].token_policies = [...new Set([...policiesOf(b[1]), ...policiesOf(a[1])])];
      recipe.push(`${b[0]} also carries the policies of ${a[0]}`);
    }
  }
}

/** `count` configurations from `seed`: the fleet first, then random library trusts, each perturbed. */
export function generateConfigurations(seed: number, count: number, fleetGrants: number): GeneratedConfiguration[] {
  const dice = new Dice(prng(seed));
  const out: GeneratedConfiguration[] = [fleetConfiguration(fleetGrants)];
  const fleet = fleetConfiguration(fleetGrants);
  const fleetRecipe = [...fleet.recipe];
  perturb(dice, fleet.json, fleetRecipe);
  out.push({ ...fleet, name: `perturbed bench fleet (${fleetGrants} grants)`, recipe: fleetRecipe });
  for (let n = 0; out.length < count; n++) {
    const recipe: string[] = [];
    let built: { json: Synthesized; truth: GroundTruth };
    try {
      built = libraryConfiguration(dice, n, recipe);
    } catch (error) {
      // A combination the library refuses at synthesis (its own validation): not a configuration to check.
      if (/refus|must|cannot|invalid|not allowed|Validation/i.test(String(error))) continue;
      throw error;
    }
    perturb(dice, built.json, recipe);
    out.push({ name: `generated #${n} (seed ${seed})`, recipe, ...built });
  }
  return out;
}
