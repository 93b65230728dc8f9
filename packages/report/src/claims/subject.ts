/**
 * The `sub` claim of HCP Terraform / Terraform Enterprise workload identity tokens for workspace runs:
 *
 *     organization:<ORG>:project:<PROJECT>:workspace:<WORKSPACE>:run_phase:<PHASE>
 */

/** The four variable fields of a workspace-run `sub`. Any of them may be `*` when the result is used as a glob. */
export interface WorkspaceRunSubject {
  /** Organization name. */
  readonly organization: string;
  /** Project name (may contain spaces, e.g. `Default Project`). */
  readonly project: string;
  /** Workspace name. */
  readonly workspace: string;
  /** `plan`, `apply`, or `*`. */
  readonly runPhase: string;
}

/** Field labels in the order they appear in `sub`. */
const LABELS = ['organization', 'project', 'workspace', 'run_phase'] as const;

/**
 * Renders `organization:<o>:project:<p>:workspace:<w>:run_phase:<phase>`. No validation happens here: a part that
 * is the literal `*` makes the result a glob pattern, and callers validate names before rendering.
 */
export function renderWorkspaceRunSubject(s: WorkspaceRunSubject): string {
  const values = [s.organization, s.project, s.workspace, s.runPhase];
  return LABELS.map((label, i) => `${label}:${values[i]}`).join(':');
}

/**
 * Parses a workspace-run `sub` (or pattern) back into its fields. Returns `undefined` unless the string splits on
 * `:` into exactly eight parts whose labels are `organization`, `project`, `workspace` and `run_phase` in that
 * order and whose values are all non-empty. Module test-run and Stack subjects are therefore not accepted.
 */
export function parseWorkspaceRunSubject(sub: string): WorkspaceRunSubject | undefined {
  if (typeof sub !== 'string') return undefined;
  const parts = sub.split(':');
  if (parts.length !== LABELS.length * 2) return undefined;
  const values: string[] = [];
  for (let i = 0; i < LABELS.length; i++) {
    const label = parts[2 * i];
    const value = parts[2 * i + 1];
    if (label !== LABELS[i] || value === '') return undefined;
    values.push(value);
  }
  return { organization: values[0], project: values[1], workspace: values[2], runPhase: values[3] };
}

/** True when `pattern` contains the glob wildcard `*` (the only character Vault's glob matching treats specially). */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*');
}
