import { unresolved } from '../../../packages/report/src/rules/unresolved';
import { check, soundApp, soundWith, TerraformJson } from '../support';
import { objectAt, arrayAt } from '../../support/synth';

const claimsOf = (j: TerraformJson, role: string) => objectAt(j.resource.vault_jwt_auth_backend_role[role], 'bound_claims');
const policiesOf = (j: TerraformJson, role: string) => arrayAt(j.resource.vault_jwt_auth_backend_role[role], 'token_policies');

describe('unresolved', () => {
  test.each<[string, TerraformJson, Record<string, string> | undefined, RegExp[]]>([
    ['everything literal', soundApp(), undefined, []],
    ['a variable default taken', soundWith((j) => {
      j.variable = { ns: { default: 'ops' } };
      j.resource.tfe_variable.namespace.value = '${var.ns}';
    }), undefined, [/^configuration: assumed var\.ns = "ops" \(its default/]],
    ['a variable given explicitly is no assumption', soundWith((j) => {
      j.variable = { ns: { default: 'ops' } };
      j.resource.tfe_variable.namespace.value = '${var.ns}';
    }), { ns: 'ops' }, []],
    ['a bound claim that is not a literal', soundWith((j) => (claimsOf(j, 'plan').sub = '${var.sub}')), undefined, [
      // The variable it waits for is named, with the flag that sets it.
      /^configuration: var\.sub has no value \(no default, and no tfvars file or --var sets it\), so every value that uses it stays unresolved \(set --var sub=…\)$/,
      /vault_jwt_auth_backend_role\.plan: vault_jwt_auth_backend_role\.plan\.bound_claims\.sub \(\$\{var\.sub\}\) is not a literal.*\(set --var sub=…\)$/,
      /workspace app-prod \(project Apps\) plan: not literals: vault_jwt_auth_backend_role\.plan\.bound_claims\.sub/,
    ]],
    ['a policy outside the configuration', soundWith((j) => policiesOf(j, 'apply').push('shared-reader')), undefined, [
      /apply: policy "shared-reader" in namespace "ops" is not in this configuration/,
    ]],
    ['a workspace looked up by name, with no word on its project', soundWith((j) => {
      j.data = { ...j.data, tfe_workspace: { app: { name: 'app-prod', organization: 'acme' } } };
      j.resource.tfe_workspace_variable_set.app_prod.workspace_id = '${data.tfe_workspace.app.id}';
      for (const name of Object.keys(j.resource.vault_jwt_auth_backend_role)) claimsOf(j, name).terraform_workspace_id = '${data.tfe_workspace.app.id}';
    }), undefined, [
      /apply: admitted only if app-prod is in project Apps; the file does not say/,
      /plan: admitted only if app-prod is in project Apps; the file does not say/,
    ]],
  ])('%s', (_label, json, variables, expected) => {
    const findings = check(unresolved, json, { variables });
    expect(findings.every((f) => f.severity === 'info')).toBe(true);
    const lines = findings.map((f) => `${f.subject}: ${f.message}`).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
  });
});
