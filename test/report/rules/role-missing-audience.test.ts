import { roleMissingAudience } from '../../../packages/report/src/rules/role-missing-audience';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const role = (json: TerraformJson, name: string): JsonObject => json.resource.vault_jwt_auth_backend_role[name];

describe('role-missing-audience', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['every role binds an audience', soundApp(), []],
    ['an audience list with two entries', soundWith((j) => (role(j, 'plan').bound_audiences = ['a', 'vault.workload.identity'])), []],
    ['no bound_audiences at all', soundWith((j) => delete role(j, 'apply').bound_audiences), [/\.apply: bound_audiences is empty/]],
    ['an empty list', soundWith((j) => (role(j, 'plan').bound_audiences = [])), [/\.plan: bound_audiences is empty/]],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(roleMissingAudience, json)).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(new RegExp(`^error .*${pattern.source}`)));
  });
});
