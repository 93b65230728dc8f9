import { nameOnlyBinding } from '../../../packages/report/src/rules/name-only-binding';
import { check, soundApp, soundWith, TerraformJson } from '../support';
import { objectAt } from '../../support/synth';

describe('name-only-binding', () => {
  test.each<[string, TerraformJson, string[]]>([
    ['names and the workspace id', soundApp(), []],
    [
      'names and the project id',
      soundWith((j) => {
        for (const role of Object.values(j.resource.vault_jwt_auth_backend_role)) {
          delete objectAt(role, 'bound_claims').terraform_workspace_id;
          objectAt(role, 'bound_claims').terraform_project_id = '${data.tfe_project.apps.id}';
        }
      }),
      [],
    ],
    [
      'names only on the apply role',
      soundWith((j) => delete objectAt(j.resource.vault_jwt_auth_backend_role.apply, 'bound_claims').terraform_workspace_id),
      ['vault_jwt_auth_backend_role.apply'],
    ],
    [
      'a bound_subject is a name too',
      soundWith((j) => {
        const role = j.resource.vault_jwt_auth_backend_role.plan;
        role.bound_subject = objectAt(role, 'bound_claims').sub;
        delete role.bound_claims;
      }),
      ['vault_jwt_auth_backend_role.plan'],
    ],
  ])('%s', (_label, json, expected) => {
    const findings = check(nameOnlyBinding, json);
    expect(findings.map((f) => f.subject).sort()).toEqual(expected);
    expect(findings.every((f) => f.severity === 'warning' && /terraform_workspace_id/.test(f.message))).toBe(true);
  });
});
