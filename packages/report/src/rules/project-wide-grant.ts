import { CANONICAL_LABELS, field, isExact, SubjectPattern } from '../bindings';
import { Finding, ReportRule } from './types';

/** Labels that delimit who a pattern trusts; run phases, operations and deployments do not. */
const SCOPES = ['project', 'workspace', 'stack', 'module'];

/** What a glob pattern opens up, e.g. `every workspace of project Sandbox`, or undefined when it names each scope. */
export function openScope(subject: SubjectPattern): string | undefined {
  if (!subject.glob) return undefined;
  const shape = subject.shape;
  if (!shape) {
    const org = /^organization:([^:*]+):/.exec(subject.pattern)?.[1];
    return org === undefined ? undefined : `everything the pattern's "*" reaches in organization ${org}, across projects`;
  }
  const org = field(shape, 'organization');
  if (org.kind !== 'literal') return undefined;
  let context = `organization ${org.value}`;
  // An open end swallows the labels its kind of subject has after the last one written.
  const canonical = CANONICAL_LABELS[shape.kind];
  const last = canonical.indexOf(shape.labels[shape.labels.length - 1]);
  const labels = shape.open && last >= 0 ? [...shape.labels, ...canonical.slice(last + 1)] : shape.labels;
  for (const label of labels.filter((l) => SCOPES.includes(l))) {
    const value = field(shape, label);
    if (value.kind === 'any' || value.kind === 'spanned') return `every ${label} of ${context}`;
    if (value.kind !== 'literal') return undefined;
    context = `${label} ${value.value}`;
  }
  return undefined;
}

/** Bindings that admit every workspace of a project (or every project), and global sets. */
export const projectWideGrant: ReportRule = {
  id: 'project-wide-grant',
  severity: 'warning',
  title: 'Grant to every workspace of a project or organization',
  explanation:
    'A role that admits every workspace (or stack, or module) of a project or organization, or a global variable ' +
    'set, also trusts workspaces created later by anyone allowed to create them.',
  fix:
    'Name the workspaces, or bind their ids (WorkspaceSelector.names(), .ids() or .references()); attach variable ' +
    'sets to projects or workspaces rather than globally.',
  stages: ['synthesis', 'report'],
  check: (model) => {
    const findings: Finding[] = [];
    for (const binding of model.bindings) {
      const scopes = new Map<string, string[]>();
      const pinned = (claim: string): boolean => binding.otherClaims[claim] !== undefined && isExact(binding, binding.otherClaims[claim]);
      for (const subject of binding.subjects) {
        const scope = openScope(subject);
        // An exact id claim pins what the wildcard leaves open (all claims must hold).
        let open = scope;
        if (scope?.startsWith('every workspace') && pinned('terraform_workspace_id')) open = undefined;
        if (scope?.startsWith('every stack') && pinned('terraform_stack_id')) open = undefined;
        if (scope?.startsWith('every project')) {
          if (pinned('terraform_workspace_id')) open = undefined;
          else if (pinned('terraform_project_id')) {
            const workspace = subject.shape ? field(subject.shape, 'workspace').kind : 'spanned';
            open = workspace === 'literal' ? undefined : `every workspace of the project whose id is ${binding.otherClaims.terraform_project_id.join(' or ')}`;
          }
        }
        if (open !== undefined) scopes.set(open, [...(scopes.get(open) ?? []), subject.pattern]);
      }
      for (const [scope, patterns] of scopes) {
        findings.push({
          rule: 'project-wide-grant',
          severity: 'warning',
          subject: binding.role.block.address,
          message:
            `${patterns.map((p) => `"${p}"`).join(' and ')} admit${patterns.length === 1 ? 's' : ''} ${scope}, ` +
            'including ones created later by anyone allowed to create them; name them, or bind their ids',
        });
      }
    }
    for (const selector of model.selectors.filter((s) => s.kind === 'organization')) {
      findings.push({
        rule: 'project-wide-grant',
        severity: 'warning',
        subject: selector.sources.join(', '),
        message:
          'a global variable set hands the credential variables to every workspace of organization ' +
          `${selector.organization ?? '(unknown)'}; attach it to projects or workspaces`,
      });
    }
    return findings;
  },
};
