import { openScope, projectWideGrant } from '../../../packages/report/src/rules/project-wide-grant';
import { subjectShape } from '../../../packages/report/src/bindings';
import { check, soundApp, soundWith, TerraformJson } from '../support';
import { objectAt, stringAt } from '../../support/synth';

describe('project-wide-grant', () => {
  test.each<[string, string | undefined]>([
    ['organization:acme:project:Apps:workspace:app-prod:run_phase:*', undefined],
    ['organization:acme:project:Apps:workspace:app-*:run_phase:*', undefined],
    ['organization:acme:project:Apps:workspace:*:run_phase:plan', 'every workspace of project Apps'],
    ['organization:acme:project:Apps:*', 'every workspace of project Apps'],
    ['organization:acme:project:*:workspace:app:run_phase:plan', 'every project of organization acme'],
    ['organization:acme:*', 'every project of organization acme'],
    ['organization:acme:project:Apps:stack:*:deployment:prod:operation:*', 'every stack of project Apps'],
    ['organization:acme:project:Apps:stack:net:deployment:*:operation:*', undefined],
    ['organization:acme:module:*:operation:test_run', 'every module of organization acme'],
    ['organization:*:project:Apps:workspace:app:run_phase:plan', undefined],
  ])('openScope(%j) is %j', (pattern, expected) => {
    expect(openScope({ pattern, glob: true, source: 'bound_claims.sub', shape: subjectShape(pattern, true) })).toBe(expected);
  });

  test.each<[string, TerraformJson, string[]]>([
    ['named workspaces only', soundApp(), []],
    [
      'a role bound to every workspace of the project',
      soundWith((j) => {
        const role = j.resource.vault_jwt_auth_backend_role.plan;
        role.bound_claims_type = 'glob';
        objectAt(role, 'bound_claims').sub = 'organization:acme:project:Apps:workspace:*:run_phase:plan';
        delete objectAt(role, 'bound_claims').terraform_workspace_id;
      }),
      ['vault_jwt_auth_backend_role.plan: "organization:acme:project:Apps:workspace:*:run_phase:plan" admits every workspace of project Apps'],
    ],
    [
      'two alternatives with the same scope make one finding',
      soundWith((j) => {
        const role = j.resource.vault_jwt_auth_backend_role.apply;
        role.bound_claims_type = 'glob';
        objectAt(role, 'bound_claims').sub =
          'organization:acme:project:Apps:workspace:*:run_phase:apply,organization:acme:project:Apps:workspace:*:run_phase:plan';
        delete objectAt(role, 'bound_claims').terraform_workspace_id;
      }),
      [
        'vault_jwt_auth_backend_role.apply: "organization:acme:project:Apps:workspace:*:run_phase:apply" and ' +
          '"organization:acme:project:Apps:workspace:*:run_phase:plan" admit every workspace of project Apps',
      ],
    ],
    [
      'a workspace wildcard pinned by an exact workspace id is not project-wide',
      soundWith((j) => {
        const role = j.resource.vault_jwt_auth_backend_role.plan;
        role.bound_claims_type = 'glob';
        objectAt(role, 'bound_claims').sub = 'organization:acme:project:*:workspace:*:run_phase:plan';
      }),
      [],
    ],
    [
      'a project wildcard pinned by an exact project id still opens every workspace of it',
      soundWith((j) => {
        const role = j.resource.vault_jwt_auth_backend_role.plan;
        role.bound_claims_type = 'glob';
        objectAt(role, 'bound_claims').sub = 'organization:acme:project:*:workspace:*:run_phase:plan';
        objectAt(role, 'bound_claims').terraform_project_id = stringAt(role, 'bound_claims', 'terraform_workspace_id').replace(
          'tfe_workspace.app_prod',
          'data.tfe_project.apps',
        );
        delete objectAt(role, 'bound_claims').terraform_workspace_id;
      }),
      [
        'vault_jwt_auth_backend_role.plan: "organization:acme:project:*:workspace:*:run_phase:plan" admits every workspace of the project whose id is ' +
          '${data.tfe_project.apps.id}',
      ],
    ],
    [
      'a global variable set',
      soundWith((j) => (j.resource.tfe_variable_set.app.global = true)),
      ['tfe_variable_set.app: a global variable set hands the credential variables to every workspace of organization acme'],
    ],
  ])('%s', (_label, json, expected) => {
    const findings = check(projectWideGrant, json);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    const lines = findings.map((f) => `${f.subject}: ${f.message}`);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(lines[i].startsWith(start)).toBe(true));
  });
});
