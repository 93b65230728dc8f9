/**
 * Checks over the whole construct tree of a stack, the way cdktf checks that every provider is present: every trust
 * construct of this library registers the Vault and HCP Terraform names it writes, and one validation on the stack
 * compares them all, whichever facade, grant or standalone construct made them. Two constructs writing one Vault role,
 * policy, mount, engine role or variable set would silently overwrite each other at apply.
 *
 * Names also collide across stacks: a base stack and team stacks of one app that write into the same Vault (provider
 * address and namespace) or the same HCP Terraform organization (hostname and organization) are compared too, and each
 * collision is reported once, by the later stack, naming both construct paths.
 *
 * The same registry is the one enumeration of the Vault objects a trust manages: the pipeline policy
 * (`VaultBackedDynamicCredentials.pipelinePolicy`) is computed from the objects registered below the facade, so the
 * collision check and the policy cannot disagree on what exists.
 */
import {
  TerraformDataSource,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Token,
} from 'cdktf';
import { DEFAULT_HCP_TERRAFORM_HOSTNAME, engineRolePath, jwtRolePath, VAULT_OBJECTS } from 'vault-backed-credentials-report/catalogue';
import { IConstruct } from 'constructs';
import type { ManagedVaultObject } from 'vault-backed-credentials-report/policy';
import { asWritten } from './terraform-literals';

/** What a name identifies; names of one kind collide within one scope (namespace, mount, organization). */
export type NamedThing = 'Vault role' | 'Vault policy' | 'Vault mount' | 'secrets-engine role' | 'variable set';

interface Claim {
  readonly thing: NamedThing;
  /** Everything that makes two claims collide (namespace, mount, name ...). */
  readonly key: string;
  /** How the message shows the name and its scope. */
  readonly label: string;
  /** The Vault namespace of the object, relative to the provider's (Vault names only). */
  readonly namespace?: string;
  readonly owner: IConstruct;
  /** Claims of one group (e.g. roles of one engine) are compared by their group's own check, not here. */
  readonly group?: IConstruct;
  /** The Vault object, for the pipeline policy; absent for HCP Terraform names. */
  readonly managed?: ManagedVaultObject;
  /** The owner's child resource that writes the object, and the argument holding its name or path. */
  readonly source?: ResourceField;
}

/** Where a registered Vault name is written: the owner's child resource `child`, argument `field` (snake case). */
interface ResourceField {
  readonly child: string;
  readonly field: string;
  readonly value: string;
}

/** Overlap checks that need whole grant objects (registered by the facade's module to avoid an import cycle). */
export type TreeCheck = (scope: IConstruct) => string[];

const registries = new WeakMap<IConstruct, { claims: Claim[]; extra: Map<string, TreeCheck> }>();
/** The stacks of each app that hold a registry, in the order they were created. */
const appStacks = new WeakMap<IConstruct, IConstruct[]>();

function stackOf(scope: IConstruct): IConstruct {
  try {
    return TerraformStack.of(scope);
  } catch {
    return scope.node.root;
  }
}

function registry(scope: IConstruct): { claims: Claim[]; extra: Map<string, TreeCheck> } {
  const stack = stackOf(scope);
  let entry = registries.get(stack);
  if (entry === undefined) {
    const created = { claims: [] as Claim[], extra: new Map<string, TreeCheck>() };
    entry = created;
    registries.set(stack, created);
    const stacks = appStacks.get(stack.node.root) ?? [];
    appStacks.set(stack.node.root, [...stacks, stack]);
    stack.node.addValidation({
      validate: () => [
        ...collisionProblems(created.claims),
        ...crossStackProblems(stack),
        ...[...created.extra.values()].flatMap((check) => check(stack)),
        ...interpolatedDependsOnProblems(stack),
      ],
    });
  }
  return entry;
}

/**
 * Registers the stack-wide checks for a construct of this library that claims no Vault or HCP Terraform name (the
 * cloud-side identities), so that a stack holding only those is checked too.
 */
export function checkStackOf(scope: IConstruct): void {
  registry(scope);
}

/**
 * `depends_on` entries that are templates (`"${google_project_iam_member.x}"`, what a resource's `fqn` gives):
 * Terraform refuses the whole configuration ("Invalid expression ... A single static variable reference is
 * required"), even `terraform init`. cdktf writes a static reference for a resource passed in `dependsOn` of a
 * resource's configuration, and the `${...}` form only for strings assigned to the `dependsOn` property.
 */
function interpolatedDependsOnProblems(stack: IConstruct): string[] {
  const problems: string[] = [];
  for (const element of stack.node.findAll()) {
    if (!(element instanceof TerraformResource || element instanceof TerraformDataSource)) continue;
    const entries = element.dependsOn;
    if (entries === undefined || entries.length === 0) continue;
    const resolved = asWritten(element, entries);
    const templates = (Array.isArray(resolved) ? resolved : [resolved]).filter((entry) => typeof entry === 'string' && entry.includes('${'));
    if (templates.length === 0) continue;
    problems.push(
      `${element.node.path}: depends_on holds ${templates.map((t) => JSON.stringify(t)).join(', ')}; Terraform accepts only static references ` +
        'there and refuses the whole configuration. Pass the resources themselves (for example the dependsOn prop of the construct ' +
        "or resource), not their fqn; to set the property afterwards, use cdktf's dependable(resource).",
    );
  }
  return problems;
}

/** The namespace part of a message. */
function inNamespace(namespace: string | undefined): string {
  return namespace === undefined || namespace === '' ? '' : ` in namespace ${JSON.stringify(namespace)}`;
}

/** Registers a name `owner` writes; `scope` is what the name is unique within (namespace, mount, organization). */
function claimName(
  owner: IConstruct,
  thing: NamedThing,
  name: string,
  scope: { namespace?: string; mount?: string; organization?: string },
  group?: IConstruct,
  managed?: ManagedVaultObject,
  source?: ResourceField,
): void {
  // Vault reads a namespace path with or without its outer slashes as the same namespace, as the cross-stack check does.
  // Policy names arrive lower-cased (vaultPolicyName), as Vault stores them, so names that differ only in case collide.
  const key = JSON.stringify([thing, scope.organization ?? '', trimSlashes(scope.namespace ?? ''), scope.mount ?? '', name]);
  const where = thing === 'variable set'
    ? ` of organization ${JSON.stringify(scope.organization ?? '')}`
    : `${scope.mount !== undefined ? ` in mount ${JSON.stringify(scope.mount)}` : ''}${inNamespace(scope.namespace)}`;
  const namespace = thing === 'variable set' ? undefined : scope.namespace;
  registry(owner).claims.push({ thing, key, label: `${thing} ${JSON.stringify(name)}${where}`, namespace, owner, group, managed, source });
}

/** The HCP Terraform variable set `owner` writes, unique by name within its organization. */
export function claimVariableSet(owner: IConstruct, name: string, organization: string): void {
  claimName(owner, 'variable set', name, { organization });
}

/** A JWT auth mount `owner` creates at `path` (relative to `auth/`). */
export function claimAuthMount(owner: IConstruct, path: string, namespace: string | undefined): void {
  claimName(owner, 'Vault mount', `auth/${path}`, { namespace }, undefined, { kind: 'auth-mount', namespace, path }, {
    child: 'backend',
    field: 'path',
    value: path,
  });
}

/** A secrets-engine mount of `kind` that `owner` creates at `path` (the catalogue names the configuration paths below it). */
export function claimSecretsMount(owner: IConstruct, kind: 'aws-engine' | 'gcp-engine' | 'azure-engine', path: string, namespace: string | undefined): void {
  const configPaths = VAULT_OBJECTS[kind].configPaths;
  claimName(owner, 'Vault mount', path, { namespace }, undefined, { kind: 'secrets-mount', namespace, path, configPaths }, {
    child: 'backend',
    field: 'path',
    value: path,
  });
}

/** A JWT role and its policy that `owner` writes into the auth mount at `mountPath`. */
export function claimJwtRole(owner: IConstruct, mountPath: string, namespace: string | undefined, roleName: string, policyName: string): void {
  const role = { kind: 'jwt-role', namespace, path: jwtRolePath(mountPath, roleName) } as const;
  claimName(owner, 'Vault role', roleName, { namespace, mount: `auth/${mountPath}` }, undefined, role, { child: 'role', field: 'role_name', value: roleName });
  claimName(owner, 'Vault policy', policyName, { namespace }, undefined, { kind: 'policy', namespace, path: policyName }, {
    child: 'policy',
    field: 'name',
    value: policyName,
  });
}

/**
 * An engine role `owner` writes below `engine` (mounted at `mountPath`) with its child resource `resource` (construct
 * id and the argument holding the name). Roles of one API segment share a name space (`roles` for AWS and Azure,
 * `roleset` and `static-account` for GCP, so a roleset and a static account may share a name).
 */
export function claimEngineRole(
  owner: IConstruct,
  engine: IConstruct,
  mountPath: string,
  namespace: string | undefined,
  kind: 'aws-role' | 'azure-role' | 'gcp-roleset' | 'gcp-static-account',
  name: string,
  resource: { readonly child: string; readonly field: string },
): void {
  const mount = kind === 'gcp-roleset' ? `${mountPath} (roleset)` : kind === 'gcp-static-account' ? `${mountPath} (static_account)` : mountPath;
  const object = { kind: 'engine-role', namespace, path: engineRolePath(kind, mountPath, name) } as const;
  claimName(owner, 'secrets-engine role', name, { namespace, mount }, engine, object, { ...resource, value: name });
}

/**
 * The registered name must be what the resource writes: an escape hatch (a property set or overridden after
 * construction) would make the pipeline policy name another path than the one Terraform manages.
 */
function checkWrittenAsRegistered(claim: Claim): void {
  const source = claim.source;
  const resource = source === undefined ? undefined : claim.owner.node.tryFindChild(source.child);
  if (source === undefined || !(resource instanceof TerraformResource)) return;
  const config = resource.toTerraform() as { resource?: Record<string, Record<string, Record<string, unknown>>> };
  const body = Object.values(Object.values(config.resource ?? {})[0] ?? {})[0] ?? {};
  for (const [field, expected] of [[source.field, source.value], ['namespace', claim.managed?.namespace]] as const) {
    const actual = body[field];
    if ((actual === undefined || actual === '') && (expected === undefined || expected === '')) continue;
    if (typeof actual === 'string' && Token.isUnresolved(actual)) {
      throw new Error(`${resource.node.path}: its ${field} is a reference, so the pipeline policy cannot name the Vault path it manages; give ${field} a ` +
        `literal value`);
    }
    if (actual !== expected) {
      throw new Error(
        `${resource.node.path}: its ${field} ${JSON.stringify(actual)} was changed after the construct wrote ${JSON.stringify(expected)}, so the pipeline ` +
          `policy would name the wrong Vault path; set it through the construct's props instead`,
      );
    }
  }
}

/**
 * The Vault objects registered by `scope` and the constructs below it, with literal paths and namespaces.
 *
 * @throws when a path, name or namespace is a reference, which no policy can name
 */
export function managedVaultObjectsBelow(scope: IConstruct): ManagedVaultObject[] {
  const prefix = `${scope.node.path}/`;
  const objects: ManagedVaultObject[] = [];
  for (const claim of registry(scope).claims) {
    const object = claim.managed;
    if (object === undefined || (claim.owner !== scope && !claim.owner.node.path.startsWith(prefix))) continue;
    checkWrittenAsRegistered(claim);
    for (const [what, value] of [['path or name', object.path], ['namespace', object.namespace]] as const) {
      if (value !== undefined && Token.isUnresolved(value)) {
        throw new Error(
          `${claim.owner.node.path}: its ${what} is a reference, so the pipeline policy cannot name the Vault path it manages; give ` +
            `${what === 'namespace' ? 'vaultNamespace' : 'it'} a literal value`,
        );
      }
    }
    const trim = (v: string) => v.replace(/^\/+|\/+$/g, '');
    objects.push({ ...object, path: trim(object.path), namespace: object.namespace === undefined || object.namespace === '' ? undefined : object.namespace });
  }
  return objects;
}

/** Registers a stack-wide check by name (registering the same name again keeps the first). */
export function addTreeCheck(scope: IConstruct, name: string, check: TreeCheck): void {
  const extra = registry(scope).extra;
  if (!extra.has(name)) extra.set(name, check);
}

function collisionProblems(claims: readonly Claim[]): string[] {
  const byKey = new Map<string, Claim[]>();
  for (const claim of claims) {
    const list = byKey.get(claim.key);
    if (list === undefined) byKey.set(claim.key, [claim]);
    else if (!list.some((c) => c.owner === claim.owner)) list.push(claim);
  }
  const problems: string[] = [];
  for (const list of byKey.values()) {
    for (let i = 1; i < list.length; i++) {
      const [first, other] = [list[0], list[i]];
      if (first.group !== undefined && first.group === other.group) continue;
      problems.push(
        `${first.label} is written by both ${first.owner.node.path} and ${other.owner.node.path}; the one applied last would silently replace the other. ` +
          `${fix(first.thing)}`,
      );
    }
  }
  return problems;
}

function fix(thing: NamedThing): string {
  switch (thing) {
    case 'Vault role':
    case 'Vault policy':
      return 'Give one of them a different roleName (or roleNamePrefix), or put them in different mounts or namespaces';
    case 'Vault mount':
      return 'Give one of them a different path, or reference the existing mount with fromMountPath (and pass a JWT mount to the trust as authMount)';
    case 'secrets-engine role':
      return 'Give one of the engine roles a different name';
    case 'variable set':
      return 'Set variableSetName on one of the grants';
  }
}

/** The system a stack's default (unaliased) provider of `type` writes to, from its literal settings; undefined when unknown. */
function providerTarget(stack: IConstruct, type: 'vault' | 'tfe'): { readonly target: string; readonly namespace: string } | undefined {
  const providers = stack.node
    .findAll()
    .filter((c): c is TerraformProvider => c instanceof TerraformProvider && c.terraformResourceType === type && c.alias === undefined);
  if (providers.length !== 1) return undefined;
  const config = providers[0].toTerraform() as { provider?: Record<string, Array<Record<string, unknown>>> };
  const body = config.provider?.[type]?.[0] ?? {};
  const literal = (value: unknown, fallback?: string): string | undefined => {
    if (value === undefined) return fallback;
    return typeof value === 'string' && !Token.isUnresolved(value) ? value : undefined;
  };
  if (type === 'tfe') {
    const hostname = literal(body.hostname, DEFAULT_HCP_TERRAFORM_HOSTNAME);
    return hostname === undefined ? undefined : { target: `HCP Terraform at ${hostname.toLowerCase()}`, namespace: '' };
  }
  const address = literal(body.address);
  const namespace = literal(body.namespace, '');
  if (address === undefined || namespace === undefined) return undefined;
  return { target: `Vault at ${address.replace(/\/+$/, '').toLowerCase()}`, namespace: trimSlashes(namespace) };
}

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '');
}

/** A stack's claims keyed by what they write across stacks: the target system, the full namespace and the name. */
const targetedCache = new WeakMap<IConstruct, Map<string, Claim>>();
function targetedClaims(stack: IConstruct): Map<string, Claim> {
  const cached = targetedCache.get(stack);
  if (cached !== undefined) return cached;
  const out = new Map<string, Claim>();
  const vault = providerTarget(stack, 'vault');
  const tfe = providerTarget(stack, 'tfe');
  for (const claim of registries.get(stack)?.claims ?? []) {
    const target = claim.thing === 'variable set' ? tfe : vault;
    if (target === undefined) continue;
    // The claim's key is [thing, organization, namespace relative to the provider, mount, name]: make the namespace full.
    const [thing, organization, , mount, name] = JSON.parse(claim.key) as string[];
    const namespace = [target.namespace, trimSlashes(claim.namespace ?? '')].filter((n) => n !== '').join('/');
    const key = JSON.stringify([target.target, thing, organization, namespace, mount, name]);
    if (!out.has(key)) out.set(key, claim);
  }
  targetedCache.set(stack, out);
  return out;
}

/**
 * Collisions between this stack and the stacks of the same app created before it, when both write to the same Vault
 * (provider address and namespace, literal) or HCP Terraform (hostname, organization). A stack whose provider settings
 * are references is not compared (its target is unknown until apply).
 */
function crossStackProblems(stack: IConstruct): string[] {
  const stacks = appStacks.get(stack.node.root) ?? [];
  const index = stacks.indexOf(stack);
  if (index <= 0) return [];
  const mine = targetedClaims(stack);
  const problems: string[] = [];
  for (const earlier of stacks.slice(0, index)) {
    const theirs = targetedClaims(earlier);
    for (const [key, claim] of mine) {
      const other = theirs.get(key);
      if (other === undefined) continue;
      const [target, thing, organization, namespace, mount, name] = JSON.parse(key) as string[];
      const where = thing === 'variable set'
        ? ` of organization ${JSON.stringify(organization)}`
        : `${mount !== '' ? ` in mount ${JSON.stringify(mount)}` : ''}${inNamespace(namespace)}`;
      problems.push(
        `${thing} ${JSON.stringify(name)}${where} is written by both ${other.owner.node.path} (stack ${earlier.node.id}) and ${claim.owner.node.path} ` +
          `(stack ${stack.node.id}), which both apply to ${target}; the stack applied last would silently replace the other's. ${fix(claim.thing)}`,
      );
    }
  }
  return problems;
}
