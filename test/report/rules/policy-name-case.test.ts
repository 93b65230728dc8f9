import { policyNameCase } from '../../../packages/report/src/rules/policy-name-case';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const role = (json: TerraformJson, name: string): JsonObject => json.resource.vault_jwt_auth_backend_role[name];
const policy = (json: TerraformJson, name: string): JsonObject => json.resource.vault_policy[name];

describe('policy-name-case', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['lower-case names', soundApp(), []],
    ['a literal lower-case name in token_policies', soundWith((j) => (role(j, 'plan').token_policies = ['app-plan'])), []],
    ['a policy named with capitals', soundWith((j) => (policy(j, 'apply').name = 'App-Apply')), [/vault_policy\.apply: the policy name "App-Apply" is stored by Vault as "app-apply"/]],
    ['a role naming a policy with capitals', soundWith((j) => (role(j, 'plan').token_policies = ['App-Plan'])), [/\.plan: token_policies names "App-Plan" is stored by Vault as "app-plan"/]],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(policyNameCase, json)).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(new RegExp(`^warning .*${pattern.source}`)));
  });
});
