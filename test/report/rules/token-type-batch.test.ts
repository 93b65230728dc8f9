import { tokenTypeBatch } from '../../../packages/report/src/rules/token-type-batch';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const role = (json: TerraformJson, name: string): JsonObject => json.resource.vault_jwt_auth_backend_role[name];

describe('token-type-batch', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['token_type unset', soundApp(), []],
    ['service tokens', soundWith((j) => (role(j, 'plan').token_type = 'service')), []],
    ['batch tokens on the apply role', soundWith((j) => (role(j, 'apply').token_type = 'batch')), [/\.apply: token_type is "batch": batch tokens cannot be renewed or revoked/]],
    ['default-batch', soundWith((j) => (role(j, 'plan').token_type = 'default-batch')), [/\.plan: token_type is "default-batch"/]],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(tokenTypeBatch, json)).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(new RegExp(`^warning .*${pattern.source}`)));
  });
});
