import { roleTypeNotJwt } from '../../../packages/report/src/rules/role-type-not-jwt';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const role = (json: TerraformJson, name: string): JsonObject => json.resource.vault_jwt_auth_backend_role[name];

describe('role-type-not-jwt', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['role_type "jwt" on every role', soundApp(), []],
    ['role_type unset (Vault makes it oidc)', soundWith((j) => delete role(j, 'plan').role_type), [/vault_jwt_auth_backend_role\.plan: role_type is not set.*"oidc"/]],
    ['role_type "oidc"', soundWith((j) => (role(j, 'apply').role_type = 'oidc')), [/vault_jwt_auth_backend_role\.apply: role_type is "oidc"/]],
    ['both roles wrong', soundWith((j) => { role(j, 'plan').role_type = 'OIDC'; delete role(j, 'apply').role_type; }), [/\.apply: role_type is not set/, /\.plan: role_type is "OIDC"/]],
    ['role_type from a variable without a value stays unjudged', soundWith((j) => (role(j, 'plan').role_type = '${var.kind}')), []],
    ['role_type from a variable default is judged', soundWith((j) => { j.variable = { kind: { default: 'oidc' } }; role(j, 'plan').role_type = '${var.kind}'; }), [/\.plan: role_type is "oidc"/]],
  ])('%s', (_label, json, expected) => {
    const findings = check(roleTypeNotJwt, json);
    expect(findings.every((f) => f.severity === 'error' && f.rule === 'role-type-not-jwt')).toBe(true);
    const lines = summary(findings).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
  });
});
