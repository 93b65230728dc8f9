/**
 * Checks over the whole construct tree of a stack, the way cdktf checks that every provider is present: every trust
 * construct of this library registers the Vault and HCP Terraform names it writes, and one validation on the stack
 * compares them all, whichever facade, grant or standalone construct made them. Two constructs writing one Vault role,
 * policy, mount, engine role or variable set would silently overwrite each other at apply.
 */
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** What a name identifies; names of one kind collide within one scope (namespace, mount, organization). */
export type NamedThing = 'Vault role' | 'Vault policy' | 'Vault mount' | 'secrets-engine role' | 'variable set';

interface Claim {
  readonly thing: NamedThing;
  /** Everything that makes two claims collide (namespace, mount, name ...). */
  readonly key: string;
  /** How the message shows the name and its scope. */
  readonly label: string;
  readonly owner: IConstruct;
  /** Claims of one group (e.g. roles of one engine) are compared by their group's own check, not here. */
  readonly group?: IConstruct;
}

/** Overlap checks that need whole grant objects (registered by the facade's module to avoid an import cycle). */
export type TreeCheck = (scope: IConstruct) => string[];

const registries = new WeakMap<IConstruct, { claims: Claim[]; extra: Map<string, TreeCheck> }>();

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
    stack.node.addValidation({ validate: () => [...collisionProblems(created.claims), ...[...created.extra.values()].flatMap((check) => check(stack))] });
  }
  return entry;
}

/** The namespace part of a message. */
function inNamespace(namespace: string | undefined): string {
  return namespace === undefined || namespace === '' ? '' : ` in namespace ${JSON.stringify(namespace)}`;
}

/**
 * Registers a name `owner` writes. `scopeParts` are what the name is unique within (namespace, mount path ...);
 * references (unresolved tokens) are compared as given, so only literal collisions are found.
 */
export function claimName(owner: IConstruct, thing: NamedThing, name: string, scope: { namespace?: string; mount?: string; organization?: string }, group?: IConstruct): void {
  const key = JSON.stringify([thing, scope.organization ?? '', scope.namespace ?? '', scope.mount ?? '', thing === 'Vault policy' ? name.toLowerCase() : name]);
  const where = thing === 'variable set'
    ? ` of organization ${JSON.stringify(scope.organization ?? '')}`
    : `${scope.mount !== undefined ? ` in mount ${JSON.stringify(scope.mount)}` : ''}${inNamespace(scope.namespace)}`;
  registry(owner).claims.push({ thing, key, label: `${thing} ${JSON.stringify(name)}${where}`, owner, group });
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
        `${first.label} is written by both ${first.owner.node.path} and ${other.owner.node.path}; the one applied last would silently replace the other. ${fix(first.thing)}`,
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
      return 'Give one of them a different path, or reuse the mount with existingMountPath / existingAuthMountPath';
    case 'secrets-engine role':
      return 'Give one of the engine roles a different name';
    case 'variable set':
      return 'Set variableSetName on one of the grants';
  }
}
