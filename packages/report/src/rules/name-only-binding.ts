import { ID_CLAIMS } from '../bindings';
import { ReportRule } from './types';

/**
 * Organization, project and workspace names can be changed, so a role bound only by names trusts whoever holds a
 * name next: rename a workspace to a bound name (or create one) and its runs log in.
 */
export const nameOnlyBinding: ReportRule = {
  id: 'name-only-binding',
  severity: 'warning',
  title: 'Role bound by names only',
  explanation:
    'Organization, project and workspace names can change. A role bound only by names trusts whoever next holds a ' +
    'bound name: a workspace renamed to it, or deleted and re-created, inherits the credentials.',
  fix: 'Also bind terraform_workspace_id (or terraform_project_id), for example with WorkspaceSelector.ids() or WorkspaceSelector.references().',
  stages: ['synthesis', 'report'],
  check: (model) =>
    model.bindings
      .filter((b) => b.symbolic.length === 0 && b.subjects.length > 0 && !ID_CLAIMS.some((claim) => b.otherClaims[claim] !== undefined))
      .map((b) => ({
        rule: 'name-only-binding',
        severity: 'warning' as const,
        subject: b.role.block.address,
        message:
          'the role trusts names only; whoever renames or creates a workspace (or project) to a bound name gets its credentials, ' +
          'and a rename of a bound one locks it out; ' +
          'also bind terraform_workspace_id (or terraform_project_id), e.g. with WorkspaceSelector.ids() or .references()',
      })),
};
