/**
 * Overlapping grants: two grants whose variable sets reach one workspace and set one variable differently. Checked
 * over every {@link WorkspaceGrant} of a stack (see tree-checks.ts), whichever facade made them.
 */
import { WorkspaceSelector, WorkspaceSelectorKind } from '../workspace-selector';
import { isUnresolved } from './synth-checks';

/**
 * What the overlap check reads of a grant ({@link WorkspaceGrant} has it). A structural type, so this module does not
 * import the grant that calls it.
 */
export interface OverlapCandidate {
  readonly node: { readonly path: string };
  readonly project?: string;
  readonly workspaces: WorkspaceSelector;
  readonly environment: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

/**
 * Two grants whose variable sets reach the same workspace and set the same variable to different values: HCP
 * Terraform would silently pick one by set name, so one grant's runs would log in with the other's role.
 */
export function overlappingGrantProblems(grants: readonly OverlapCandidate[]): string[] {
  const problems: string[] = [];
  for (const [i, j] of candidateOverlaps(grants)) {
    const shared = sharedWorkspaces(grants[i], grants[j]);
    if (shared === undefined) continue;
    const values = new Map(grants[i].environment.map((v) => [v.key, v.value]));
    const clashing = grants[j].environment.filter((v) => values.has(v.key) && values.get(v.key) !== v.value).map((v) => v.key);
    if (clashing.length > 0) {
      problems.push(
        `grants ${grants[i].node.path} and ${grants[j].node.path} both reach ${shared} and set ${clashing.join(', ')} differently; HCP Terraform would apply ` +
          `only one of them. Give each workspace one grant, or combine the credentials into one grant`,
      );
    }
  }
  return problems;
}

/**
 * Every pair of grant indices `[i, j]` (i < j, in that order) for which {@link sharedWorkspaces} can find common
 * workspaces, found through an index by project, workspace name, workspace id and name prefix instead of comparing
 * all pairs: a fleet of thousands of grants would otherwise spend quadratic time here. Pairs are a superset of the
 * overlapping ones; {@link sharedWorkspaces} decides.
 */
function candidateOverlaps(grants: readonly OverlapCandidate[]): Array<[number, number]> {
  const pairs = new Set<number>();
  const add = (a: number, b: number) => {
    if (a !== b) pairs.add(Math.min(a, b) * grants.length + Math.max(a, b));
  };
  const byProject = new Map<string, number[]>();
  const organizationWide: number[] = [];
  grants.forEach((grant, index) => {
    if (grant.workspaces.kind === WorkspaceSelectorKind.ALL_IN_ORGANIZATION) {
      organizationWide.push(index);
      return;
    }
    // Every other selector needs a project; a grant without one is refused for that alone (projectProblems), and
    // the workspaces it would reach cannot be named.
    if (grant.project === undefined || grant.project === '') return;
    const members = byProject.get(grant.project);
    if (members) members.push(index);
    else byProject.set(grant.project, [index]);
  });
  for (const members of byProject.values()) {
    const byName = new Map<string, number[]>();
    const byId = new Map<string, number[]>();
    const byPrefix = new Map<string, number[]>();
    for (const index of members) {
      const selector = grants[index].workspaces;
      if (selector.kind === WorkspaceSelectorKind.ALL_IN_PROJECT) {
        for (const other of members) add(index, other);
        continue;
      }
      if (selector.namePrefix !== undefined) push(byPrefix, selector.namePrefix, index);
      for (const name of selector.workspaceNames) if (!isUnresolved(name)) push(byName, name, index);
      for (const id of selector.workspaceIds) if (!isUnresolved(id)) push(byId, id, index);
    }
    for (const index of [...byName.values(), ...byId.values()]) {
      for (let a = 0; a < index.length; a++) for (let b = a + 1; b < index.length; b++) add(index[a], index[b]);
    }
    // Prefixes: another prefix that starts the same way (one is a prefix of the other), and literal names that start
    // with the prefix, found as one contiguous range of the sorted names.
    const names = [...byName.keys()].sort();
    for (const [prefix, owners] of byPrefix) {
      for (let length = 0; length <= prefix.length; length++) {
        for (const other of byPrefix.get(prefix.slice(0, length)) ?? []) for (const owner of owners) add(owner, other);
      }
      let low = 0;
      let high = names.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (names[mid] < prefix) low = mid + 1;
        else high = mid;
      }
      for (let k = low; k < names.length && names[k].startsWith(prefix); k++) {
        for (const other of byName.get(names[k]) ?? []) for (const owner of owners) add(owner, other);
      }
    }
  }
  // An organization-wide grant reaches every workspace, so it may overlap with any grant.
  for (const index of organizationWide) grants.forEach((_grant, other) => add(index, other));
  return [...pairs].sort((x, y) => x - y).map((key): [number, number] => [Math.floor(key / grants.length), key % grants.length]);
}

function push(index: Map<string, number[]>, key: string, value: number): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** A description of the workspaces two grants both reach, or undefined when they reach none in common. */
function sharedWorkspaces(a: OverlapCandidate, b: OverlapCandidate): string | undefined {
  const organization = WorkspaceSelectorKind.ALL_IN_ORGANIZATION;
  if (a.workspaces.kind === organization || b.workspaces.kind === organization) {
    const other = a.workspaces.kind === organization ? b : a;
    return other.workspaces.kind === organization ? 'every workspace of the organization' : `every workspace of project ${JSON.stringify(other.project)} ` +
      `that the other grant selects`;
  }
  const shared = sharedWorkspacesInProject(a, b);
  return shared === undefined ? undefined : `${shared} of project ${JSON.stringify(a.project)}`;
}

/** Common workspaces of two grants of the same project, or undefined. */
function sharedWorkspacesInProject(a: OverlapCandidate, b: OverlapCandidate): string | undefined {
  if (a.project !== b.project) return undefined;
  const all = WorkspaceSelectorKind.ALL_IN_PROJECT;
  if (a.workspaces.kind === all || b.workspaces.kind === all) return 'every workspace';
  const prefixA = a.workspaces.namePrefix;
  const prefixB = b.workspaces.namePrefix;
  if (prefixA !== undefined && prefixB !== undefined && (prefixA.startsWith(prefixB) || prefixB.startsWith(prefixA))) {
    return `the workspaces named ${JSON.stringify((prefixA.length > prefixB.length ? prefixA : prefixB) + '*')}`;
  }
  for (const [prefix, other] of [[prefixA, b], [prefixB, a]] as const) {
    if (prefix === undefined) continue;
    const matching = other.workspaces.workspaceNames.filter((n) => !isUnresolved(n) && n.startsWith(prefix));
    if (matching.length > 0) return `workspace${matching.length > 1 ? 's' : ''} ${matching.map((n) => JSON.stringify(n)).join(', ')}`;
  }
  const names = a.workspaces.workspaceNames.filter((n) => !isUnresolved(n) && b.workspaces.workspaceNames.includes(n));
  if (names.length > 0) return `workspace${names.length > 1 ? 's' : ''} ${names.map((n) => JSON.stringify(n)).join(', ')}`;
  const ids = a.workspaces.workspaceIds.filter((id) => !isUnresolved(id) && b.workspaces.workspaceIds.includes(id));
  if (ids.length > 0) return `workspace${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`;
  return undefined;
}
