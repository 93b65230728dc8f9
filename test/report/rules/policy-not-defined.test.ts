import { policyNotDefined } from '../../../packages/report/src/rules/policy-not-defined';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const role = (json: TerraformJson, name: string): JsonObject => json.resource.vault_jwt_auth_backend_role[name];

describe('policy-not-defined', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['policies by reference', soundApp(), []],
    ['a literal name of a policy in the file, and default', soundWith((j) => (role(j, 'plan').token_policies = ['app-plan', 'default'])), []],
    ['a name no block defines', soundWith((j) => (role(j, 'apply').token_policies = ['app-aply'])), [/\.apply: token_policies names "app-aply", which no vault_policy in this configuration defines/]],
    ['capitals do not hide a defined policy', soundWith((j) => (role(j, 'apply').token_policies = ['App-Apply'])), []],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(policyNotDefined, json)).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(new RegExp(`^warning .*${pattern.source}`)));
  });
});
