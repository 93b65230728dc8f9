import { unresolved } from '../../../lib/report/findings/unresolved';
import { check, soundApp, soundWith } from '../support';

describe('unresolved', () => {
  test.each<[string, any, Record<string, string> | undefined, RegExp[]]>([
    ['everything literal', soundApp(), undefined, []],
    ['a variable default taken', soundWith((j) => {
      j.variable = { ns: { default: 'ops' } };
      j.resource.tfe_variable.namespace.value = '${var.ns}';
    }), undefined, [/^configuration: assumed var\.ns = "ops" \(its default/]],
    ['a variable given explicitly is no assumption', soundWith((j) => {
      j.variable = { ns: { default: 'ops' } };
      j.resource.tfe_variable.namespace.value = '${var.ns}';
    }), { ns: 'ops' }, []],
    ['a bound claim that is not a literal', soundWith((j) => (j.resource.vault_jwt_auth_backend_role.plan.bound_claims.sub = '${var.sub}')), undefined, [
      /vault_jwt_auth_backend_role\.plan: vault_jwt_auth_backend_role\.plan\.bound_claims\.sub is not a literal/,
      /workspace app-prod \(project Apps\) plan: not literals: vault_jwt_auth_backend_role\.plan\.bound_claims\.sub/,
    ]],
    ['a policy outside the configuration', soundWith((j) => j.resource.vault_jwt_auth_backend_role.apply.token_policies.push('shared-reader')), undefined, [
      /apply: policy "shared-reader" in namespace "ops" is not in this configuration/,
    ]],
    ['a workspace looked up by name, with no word on its project', soundWith((j) => {
      j.data.tfe_workspace = { app: { name: 'app-prod', organization: 'acme' } };
      j.resource.tfe_workspace_variable_set.app_prod.workspace_id = '${data.tfe_workspace.app.id}';
      for (const role of Object.values<any>(j.resource.vault_jwt_auth_backend_role)) role.bound_claims.terraform_workspace_id = '${data.tfe_workspace.app.id}';
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
