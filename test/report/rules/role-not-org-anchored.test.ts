import { roleNotOrgAnchored } from '../../../packages/report/src/rules/role-not-org-anchored';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject, objectAt } from '../../support/synth';

const claims = (json: TerraformJson, name: string): JsonObject => objectAt(json.resource.vault_jwt_auth_backend_role[name], 'bound_claims');
const globbing = (json: TerraformJson, name: string, sub: string): void => {
  json.resource.vault_jwt_auth_backend_role[name].bound_claims_type = 'glob';
  claims(json, name).sub = sub;
};

describe('role-not-org-anchored', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['sub names the organization', soundApp(), []],
    [
      'organization pinned by terraform_organization_id instead of sub',
      soundWith((j) => {
        delete claims(j, 'plan').sub;
        claims(j, 'plan').terraform_organization_id = 'org-abc';
      }),
      [],
    ],
    [
      'organization pinned by bound_subject',
      soundWith((j) => {
        delete j.resource.vault_jwt_auth_backend_role.plan.bound_claims;
        j.resource.vault_jwt_auth_backend_role.plan.bound_subject = 'organization:acme:project:Apps:workspace:app-prod:run_phase:plan';
      }),
      [],
    ],
    [
      'no sub and no organization claim',
      soundWith((j) => (j.resource.vault_jwt_auth_backend_role.apply.bound_claims = { terraform_workspace_name: 'app-prod' })),
      [/\.apply: the role binds neither sub nor an organization claim/],
    ],
    [
      'organization segment is "*"',
      soundWith((j) => globbing(j, 'plan', 'organization:*:project:Apps:workspace:app-prod:run_phase:plan')),
      [/\.plan: bound_claims\.sub alternative "organization:\*:project/],
    ],
    ['pattern starts with a wildcard', soundWith((j) => globbing(j, 'plan', '*:workspace:app-prod:run_phase:plan')), [/alternative "\*:workspace:app-prod/]],
    [
      'one unanchored alternative among anchored ones opens the role',
      soundWith((j) => globbing(j, 'apply', 'organization:acme:project:Apps:workspace:app-prod:run_phase:apply, *:run_phase:apply')),
      [/alternative "\*:run_phase:apply"/],
    ],
    [
      'a glob organization claim does not pin it',
      soundWith((j) => {
        j.resource.vault_jwt_auth_backend_role.plan.bound_claims = { terraform_organization_name: 'acme*' };
        j.resource.vault_jwt_auth_backend_role.plan.bound_claims_type = 'glob';
      }),
      [/\.plan: the role binds neither sub nor/],
    ],
  ])('%s', (_label, json, expected) => {
    const findings = check(roleNotOrgAnchored, json);
    const lines = summary(findings).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });
});
