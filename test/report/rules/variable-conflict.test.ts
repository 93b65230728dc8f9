import { variableConflict } from '../../../packages/report/src/rules/variable-conflict';
import { check, soundApp, soundWith, TerraformJson } from '../support';

describe('variable-conflict', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['one source', soundApp(), []],
    ['a workspace variable overrides the set with another value', soundWith((j) => {
      j.resource.tfe_variable.ws_role = { workspace_id: '${tfe_workspace.app_prod.id}', category: 'env', key: 'TFC_VAULT_PLAN_ROLE', value: 'app-apply' };
    }), [/^workspace app-prod \(project Apps\): TFC_VAULT_PLAN_ROLE is set by more than one of tfe_variable_set\.app, tfe_variable\.ws_role/]],
    ['the same value twice is no conflict', soundWith((j) => {
      j.resource.tfe_variable.ws_addr = { workspace_id: '${tfe_workspace.app_prod.id}', category: 'env', key: 'TFC_VAULT_ADDR', value: 'https://vault.acme.example:8200' };
    }), []],
    ['variables other than TFC_* are not this rule\'s business', soundWith((j) => {
      j.resource.tfe_variable.region = { variable_set_id: '${tfe_variable_set.app.id}', category: 'env', key: 'AWS_REGION', value: 'eu-west-1' };
      j.resource.tfe_variable.ws_region = { workspace_id: '${tfe_workspace.app_prod.id}', category: 'env', key: 'AWS_REGION', value: 'us-east-1' };
    }), []],
  ])('%s', (_label, json, expected) => {
    const findings = check(variableConflict, json);
    const lines = findings.map((f) => `${f.subject}: ${f.message}`);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
  });
});
