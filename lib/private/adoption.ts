/**
 * Adoption: taking over Vault and HCP Terraform objects that already exist (set up by hand or by HashiCorp's example
 * HCL) instead of creating new ones, so that moving to this library needs no destroy and cuts off no run. Each adopted
 * resource gets a Terraform `import` block (Terraform 1.5+) with the id its provider documents, and keeps its name.
 *
 * Import ids of Vault objects come from the domain catalogue (`importIdOf` in the report package's `catalogue`); of
 * HCP Terraform objects:
 * - `tfe_variable_set`: its id (`varset-...`); `tfe_variable` of a set: `<organization>/<varset id>/<variable id>`
 *   (hashicorp/terraform-provider-tfe `website/docs/r/variable.html.markdown`).
 *
 * Namespaced Vault objects are imported from the namespace in the `TERRAFORM_VAULT_NAMESPACE_IMPORT` environment
 * variable of the plan that imports them (the Vault provider's import convention), so adopt one namespace per run.
 */
import { Construct } from 'constructs';
import { VARIABLE_ID, VARIABLE_SET_ID } from 'vault-backed-credentials-report/catalogue';
import type { GrantAdoption } from '../adoption';
import { addChecks } from './synth-checks';

/** Import id of a variable of a variable set. */
export function setVariableImportId(organization: string, variableSetId: string, variableId: string): string {
  return `${organization}/${variableSetId}/${variableId}`;
}


/** Checks a grant's adoption options against the grant's shape, at synthesis. */
export function addGrantAdoptionChecks(scope: Construct, adopt: GrantAdoption | undefined, sharedRunRole: boolean, keys: () => readonly string[]): void {
  if (adopt === undefined) return;
  addChecks(scope, () => {
    const problems: string[] = [];
    if (sharedRunRole && (adopt.applyRoleName !== undefined || adopt.applyPolicyName !== undefined)) {
      problems.push(
        'adopt.applyRoleName and adopt.applyPolicyName need separate plan and apply roles, but sharedRunRole makes one role; ' +
          'give the existing role and policy as adopt.planRoleName and adopt.planPolicyName',
      );
    }
    if (adopt.variableSetId !== undefined && !VARIABLE_SET_ID.grammar.test(adopt.variableSetId)) {
      const id = JSON.stringify(adopt.variableSetId);
      problems.push(`adopt.variableSetId ${id} is not a variable set id; use the "varset-..." id HCP Terraform shows for the set`);
    }
    const ids = adopt.variableIds ?? {};
    if (Object.keys(ids).length > 0 && adopt.variableSetId === undefined) {
      problems.push('adopt.variableIds needs adopt.variableSetId: variables are imported as part of their set');
    }
    const known = new Set(keys());
    for (const [key, id] of Object.entries(ids)) {
      if (!known.has(key)) problems.push(`adopt.variableIds names ${JSON.stringify(key)}, which the grant does not write; it writes ${[...known].join(', ')}`);
      if (!VARIABLE_ID.grammar.test(id)) problems.push(`adopt.variableIds.${key} ${JSON.stringify(id)} is not a variable id; use the "var-..." id`);
    }
    return problems;
  });
}
