import { ID_CLAIMS } from '../bindings';
import { Rule } from './types';

/**
 * Organization, project and workspace names can be changed, so a role bound only by names trusts whoever holds a
 * name next: rename a workspace to a bound name (or create one) and its runs log in.
 */
export const nameOnlyBinding: Rule = {
  id: 'name-only-binding',
  description: 'A role bound by names only, with no immutable id claim (terraform_workspace_id, terraform_project_id, terraform_organization_id).',
  check: (model) =>
    model.bindings
      .filter((b) => b.symbolic.length === 0 && b.subjects.length > 0 && !ID_CLAIMS.some((claim) => b.otherClaims[claim] !== undefined))
      .map((b) => ({
        rule: 'name-only-binding',
        severity: 'warning' as const,
        subject: b.role.block.address,
        message:
          'the role trusts names only; whoever renames or creates a workspace (or project) to a bound name gets its credentials, and a rename of a bound one locks it out; ' +
          'also bind terraform_workspace_id (or terraform_project_id), e.g. with WorkspaceSelector.ids() or .references()',
      })),
};
