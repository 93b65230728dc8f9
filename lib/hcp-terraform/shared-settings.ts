/**
 * Settings that several workspace grants of one trust give their workspaces with the same values, written once.
 *
 * A grant's variable set holds two kinds of variables: the names of the grant's own roles (its Vault JWT roles, its
 * engine roles, its IAM role ARNs), which differ from grant to grant, and settings that do not: how runs reach Vault
 * (`TFC_VAULT_PROVIDER_AUTH`, `TFC_VAULT_ADDR`, `TFC_VAULT_NAMESPACE`, `TFC_VAULT_AUTH_PATH`, the audience, the CA
 * bundle, the client timeout) and which engines they read (`TFC_VAULT_BACKED_<CLOUD>_AUTH`, `_AUTH_TYPE`,
 * `_MOUNT_PATH`, `_SLEEP_SECONDS`, `_VAULT_CONFIG`, `ARM_SUBSCRIPTION_ID`, `ARM_TENANT_ID`). Grants whose settings are
 * equal, value for value, form a group; when moving a group's settings into one variable set costs fewer objects
 * than repeating them (see {@link SharedSettingsRegistry.offer}), each member keeps only its own variables and the
 * group's set is attached to exactly the workspaces of its members, the way each member attaches its own set.
 *
 * Why this is the same trust, under HCP Terraform's variable-set precedence (HashiCorp, "Variable precedence":
 * https://developer.hashicorp.com/terraform/cloud-docs/variables#precedence):
 * - A workspace receives the shared set only where a member grant attaches its own set, so a workspace covered by
 *   no grant, or only by grants of other groups, receives nothing new; and every member's settings are exactly the
 *   shared ones, so each workspace receives the same keys and values as before.
 * - Keys never appear in both a member's set and the shared set, and each group holds one kind of attachment
 *   (workspace or project), one priority and one owner, the same as its members' sets: every variable keeps the
 *   precedence level it had. Only the name that breaks a tie against a foreign set of the same level that sets the
 *   same key changes, and such a foreign set already made the value depend on set names.
 * - Two groups reach one workspace only when two grants of different groups reach it; the stack-wide overlap check
 *   (lib/private/grant-overlap.ts) compares the grants' whole environments, shared settings included, so two sets
 *   on one workspace never give one key different values.
 * - Not shared: grants whose selector is a name prefix (the attachment is a `for_each` whose size is unknown at
 *   synthesis, so sharing could cost more attachments than it saves), organization-wide grants (a global set reaches
 *   every workspace, and two organization-wide grants of one group would overlap), and grants that adopt an
 *   existing variable set (its variables stay where they are).
 *
 * The role-ARN variables (`TFC_VAULT_BACKED_AWS_{RUN,PLAN,APPLY}_ROLE_ARN`) stay in every grant that has an
 * `assumed_role` engine role, even when the engine role has one ARN: Vault would take the only ARN by itself, but
 * HashiCorp documents `TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN` (or both phase forms) as required for `assumed_role`
 * (https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/aws-configuration).
 */
import { createHash } from 'crypto';
import { ProjectVariableSet } from '@cdktf/provider-tfe/lib/project-variable-set';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { VariableSet } from '@cdktf/provider-tfe/lib/variable-set';
import { WorkspaceVariableSet } from '@cdktf/provider-tfe/lib/workspace-variable-set';
import { Construct, IConstruct } from 'constructs';
import { WorkspaceSelector, WorkspaceSelectorKind } from '../workspace-selector';
import { asWritten, literalText } from '../private/terraform-literals';
import { claimVariableSet } from '../private/tree-checks';
import { attachVariableSet, CredentialVariableSet, EnvironmentVariable } from './credential-variable-set';
import { HcpTerraformLookups } from './lookups';

/** The variables (untagged, untouched by `TFC_DEFAULT_`) whose values do not name a grant's own roles. */
const SHAREABLE_KEYS: readonly string[] = [
  'TFC_VAULT_PROVIDER_AUTH',
  'TFC_VAULT_ADDR',
  'TFC_VAULT_NAMESPACE',
  'TFC_VAULT_AUTH_PATH',
  'TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE',
  'TFC_VAULT_ENCODED_CACERT',
  'TFC_VAULT_CLIENT_TIMEOUT',
  ...['AWS', 'GCP', 'AZURE'].flatMap((cloud) =>
    ['AUTH', 'AUTH_TYPE', 'MOUNT_PATH', 'SLEEP_SECONDS', 'VAULT_CONFIG'].map((name) => `TFC_VAULT_BACKED_${cloud}_${name}`)),
  'ARM_SUBSCRIPTION_ID',
  'ARM_TENANT_ID',
];
const SHAREABLE = new Set(SHAREABLE_KEYS.flatMap((key) => (key.startsWith('TFC_') ? [key, `TFC_DEFAULT_${key.slice(4)}`] : [key])));
const TAG = /^[A-Za-z0-9_]+$/;

/**
 * True when a run variable can be shared between grants: one of the settings above, in its plain, tagged
 * (`<KEY>_<TAG>`) or `TFC_DEFAULT_` form. Anything else (every role name and role ARN, and any key this list does
 * not know) stays with its grant.
 */
export function isShareableKey(key: string): boolean {
  if (SHAREABLE.has(key)) return true;
  for (let cut = key.indexOf('_'); cut > 0; cut = key.indexOf('_', cut + 1)) {
    if (SHAREABLE.has(key.slice(0, cut)) && TAG.test(key.slice(cut + 1))) return true;
  }
  return false;
}

/** What the registry reads of a grant that offers its settings. */
export interface SharedSettingsMember {
  /** The grant; its construct id names its attachments in the shared set. */
  readonly grant: Construct;
  /** The grant's own variable set, which gives up the shared variables. */
  readonly set: CredentialVariableSet;
  /** Every variable the grant's workspaces receive. */
  readonly environment: readonly EnvironmentVariable[];
  readonly project?: string;
  readonly workspaces: WorkspaceSelector;
  readonly priority: boolean;
  readonly ownedByProject: boolean;
  /** The grant adopts an existing variable set: its variables stay in it. */
  readonly adopted: boolean;
}

/**
 * A variable set holding the settings a group of workspace grants share, attached to exactly their workspaces.
 * Created by the trust, never directly; read it from {@link WorkspaceGrant.sharedVariableSet}.
 */
export class SharedVariableSet extends Construct {
  /** @internal */
  public static _create(scope: Construct, id: string, props: SharedVariableSetProps): SharedVariableSet {
    return new SharedVariableSet(scope, id, props);
  }

  /** Literal name of the variable set. */
  public readonly name: string;
  /** The variable set resource. */
  public readonly variableSet: VariableSet;
  private readonly variableList: Variable[];
  private readonly keyList: string[];
  private readonly workspaceAttachmentList: WorkspaceVariableSet[] = [];
  private readonly projectAttachmentList: ProjectVariableSet[] = [];
  private readonly variableSetId: string;
  private readonly organization: string;
  private readonly lookups: HcpTerraformLookups;

  private constructor(scope: Construct, id: string, props: SharedVariableSetProps) {
    super(scope, id);
    this.name = props.name;
    this.organization = props.organization;
    this.lookups = props.lookups;
    claimVariableSet(this, props.name, props.organization);
    this.variableSet = new VariableSet(this, 'set', {
      name: props.name,
      organization: props.organization,
      description: literalText(props.description),
      priority: props.priority ? true : undefined,
      parentProjectId: props.ownerProject !== undefined ? props.lookups.lookupProject(props.ownerProject).id : undefined,
    });
    this.variableSetId = this.variableSet.id;
    this.keyList = props.variables.map((variable) => variable.key);
    this.variableList = props.variables.map((variable) => new Variable(this, variable.key, {
      key: variable.key,
      value: literalText(variable.value),
      category: 'env',
      sensitive: variable.sensitive ? true : undefined,
      description: literalText(variable.description),
      variableSetId: this.variableSetId,
    }));
  }

  /** Attachments to workspaces, one per workspace of each member grant that selects workspaces by name or id. */
  public get workspaceAttachments(): WorkspaceVariableSet[] {
    return [...this.workspaceAttachmentList];
  }

  /** Attachments to projects, one per member grant that selects every workspace of its project. */
  public get projectAttachments(): ProjectVariableSet[] {
    return [...this.projectAttachmentList];
  }

  /** The shared variables (a copy: changing the array changes nothing in the set). */
  public get variables(): Variable[] {
    return [...this.variableList];
  }

  /** Keys of the shared variables, in the order of {@link variables} (a copy). */
  public get keys(): string[] {
    return [...this.keyList];
  }

  /** The variable resource for `key`, if the set has it. */
  public findVariable(key: string): Variable | undefined {
    const index = this.keyList.indexOf(key);
    return index < 0 ? undefined : this.variableList[index];
  }

  /**
   * Attaches the set to the workspaces of one member grant, exactly as the member attaches its own set.
   *
   * @internal
   */
  public _attachFor(member: SharedSettingsMember): void {
    const attached = attachVariableSet(this, `${member.grant.node.id}-`, this.variableSetId, member.project, member.workspaces,
      this.organization, this.lookups);
    this.workspaceAttachmentList.push(...attached.workspaceAttachments);
    if (attached.projectAttachment) this.projectAttachmentList.push(attached.projectAttachment);
  }
}

/** @internal */
export interface SharedVariableSetProps {
  readonly organization: string;
  readonly name: string;
  readonly description: string;
  readonly priority: boolean;
  readonly ownerProject?: string;
  readonly variables: readonly EnvironmentVariable[];
  readonly lookups: HcpTerraformLookups;
}

interface Group {
  readonly key: string;
  readonly hash: string;
  readonly placement: Placement;
  readonly shared: readonly EnvironmentVariable[];
  readonly pending: Array<{ member: SharedSettingsMember; keys: string[] }>;
  benefit: number;
  set?: SharedVariableSet;
}

interface Placement {
  readonly scope: 'workspace' | 'project';
  readonly priority: boolean;
  readonly ownerProject?: string;
}

/**
 * The groups of one trust (one {@link VaultBackedDynamicCredentials}). Grants offer their settings as they are
 * created; a group gets its set once sharing saves objects, and every member offered before or after moves into it,
 * so the result depends only on which grants exist, not on the order they were created in.
 */
export class SharedSettingsRegistry {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly trust: Construct, private readonly organization: string, private readonly lookups: HcpTerraformLookups) {}

  /**
   * Offers a grant's settings. A member whose selector needs `W` attachments and whose group shares `S` variables
   * saves `S - W` objects by joining (it drops `S` variables, the set gains `W` attachments); the group's set (one
   * set and `S` variables) is created once the members' savings exceed its own `S + 1` objects. Members that would
   * save nothing keep their variables.
   */
  public offer(member: SharedSettingsMember): void {
    if (member.adopted) return;
    const kind = member.workspaces.kind;
    if (kind === WorkspaceSelectorKind.PREFIX || kind === WorkspaceSelectorKind.ALL_IN_ORGANIZATION) return;
    // A key given twice is refused by the grant and its set; such a grant keeps its variables, so the shared set never
    // holds one key twice and synthesis reports the mistake instead of failing to build the set.
    if (new Set(member.environment.map((variable) => variable.key)).size !== member.environment.length) return;
    const shared = member.environment.filter((variable) => isShareableKey(variable.key));
    const attachments = kind === WorkspaceSelectorKind.ALL_IN_PROJECT ? 1
      : kind === WorkspaceSelectorKind.NAMES ? member.workspaces.workspaceNames.length : member.workspaces.workspaceIds.length;
    const saving = shared.length - attachments;
    if (shared.length === 0 || saving <= 0) return;
    const placement: Placement = {
      scope: kind === WorkspaceSelectorKind.ALL_IN_PROJECT ? 'project' : 'workspace',
      priority: member.priority,
      ownerProject: member.ownedByProject ? member.project : undefined,
    };
    // References are compared (and hashed) as Terraform will read them, so equal settings group whichever token
    // carries them, and the set's name stays the same from one synthesis to the next.
    const resolved = (value: string): string => String(asWritten(this.trust, value));
    const canonical = shared.map((v) => [v.key, resolved(v.value), v.sensitive === true, v.description ?? '']);
    const key = JSON.stringify({ trust: this.trust.node.path, placement, canonical });
    let group = this.groups.get(key);
    if (group === undefined) {
      group = { key, hash: createHash('sha256').update(key).digest('hex').slice(0, 10), placement, shared, pending: [], benefit: 0 };
      this.groups.set(key, group);
    }
    const keys = shared.map((variable) => variable.key);
    if (group.set !== undefined) {
      join(group.set, member, keys);
      return;
    }
    group.pending.push({ member, keys });
    group.benefit += saving;
    if (group.benefit <= shared.length + 1) return;
    group.set = SharedVariableSet._create(this.trust, `shared-${group.hash}`, {
      organization: this.organization,
      name: `vault-backed-shared-${group.hash}`,
      description: `Vault-backed dynamic credentials: the settings the grants of ${this.trust.node.path} share (Vault login, `
        + 'engine mounts and types); attached to exactly the workspaces of those grants, each of which holds its own roles in its own set.',
      priority: placement.priority,
      ownerProject: placement.ownerProject,
      variables: group.shared,
      lookups: this.lookups,
    });
    for (const pending of group.pending.splice(0)) join(group.set, pending.member, pending.keys);
  }
}

const joined = new WeakMap<IConstruct, SharedVariableSet>();
const registries = new WeakMap<IConstruct, SharedSettingsRegistry>();

function join(set: SharedVariableSet, member: SharedSettingsMember, keys: string[]): void {
  member.set._moveOut(keys);
  set._attachFor(member);
  joined.set(member.grant, set);
}

/** Lets the grants created directly below `trust` share their settings. */
export function shareSettingsBelow(trust: Construct, organization: string, lookups: HcpTerraformLookups): void {
  registries.set(trust, new SharedSettingsRegistry(trust, organization, lookups));
}

/**
 * Offers a grant's settings to the registry of the trust it was created in; a grant created outside a trust keeps
 * all its variables.
 */
export function offerSharedSettings(member: SharedSettingsMember): void {
  const scope = member.grant.node.scope;
  if (scope !== undefined) registries.get(scope)?.offer(member);
}

/** The shared set a grant's settings were moved to, if any. */
export function sharedVariableSetOf(grant: IConstruct): SharedVariableSet | undefined {
  return joined.get(grant);
}
