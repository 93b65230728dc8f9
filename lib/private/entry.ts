/**
 * "Validate each input once, where it enters." A value handed down a construct tree (the organization from the
 * facade to its grants, roles and variable sets) is checked by the first construct of the stack that claims it, and
 * by no other, so one mistake makes one error, reported at the construct the user configured.
 */
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

const owners = new WeakMap<IConstruct, Map<string, IConstruct>>();

function registryRoot(scope: IConstruct): IConstruct {
  try {
    return TerraformStack.of(scope);
  } catch {
    return scope.node.root;
  }
}

/**
 * Claims the check of one input value for `scope` and returns true when `scope` is where it entered: the first
 * construct of its stack to claim `key` (constructs are created parent first, so the facade claims before its
 * grants). Every later claimant gets false and leaves the check to the owner. `key` must hold the input's name and
 * its value (and whatever else the check depends on), e.g. `organization=acme`.
 */
export function entersHere(scope: IConstruct, key: string): boolean {
  const root = registryRoot(scope);
  let claimed = owners.get(root);
  if (claimed === undefined) {
    claimed = new Map();
    owners.set(root, claimed);
  }
  const owner = claimed.get(key);
  if (owner === undefined) {
    claimed.set(key, scope);
    return true;
  }
  return owner === scope;
}

/** A claim key for a value of any shape: its name and a stable serialization. */
export function entryKey(name: string, ...values: unknown[]): string {
  return `${name}=${JSON.stringify(values)}`;
}

/**
 * Claims the project and workspace names of a workspace selection for `scope`, which checks them itself (the role or
 * variable set that owns the selector), so the shared look-ups that later receive the same names do not report them
 * again. A selection without a project is looked up under the empty name, so that is what is claimed.
 */
export function claimSelectorNames(scope: IConstruct, project: string | undefined, workspaceNames: readonly string[]): void {
  entersHere(scope, entryKey('projectName', project ?? ''));
  for (const name of workspaceNames) entersHere(scope, entryKey('workspaceName', name));
}

/** Engine roles of this library: each refuses its own role name (see {@link checksOwnRoleName}). */
const ownNameCheckers = new WeakSet<object>();

/** Marks `role` as an engine role that refuses, at synthesis, a role name Vault would not accept. */
export function markChecksOwnRoleName(role: object): void {
  ownNameCheckers.add(role);
}

/**
 * True when `role` is an engine role of this library, which reports a bad role name itself, so the policies built
 * from its credential path need not report the same name again (one mistake, one error).
 */
export function checksOwnRoleName(role: object): boolean {
  return ownNameCheckers.has(role);
}
