import { planReachesApply } from '../../../packages/report/src/rules/plan-reaches-apply';
import { check, soundApp, soundWith, TerraformJson } from '../support';
import { objectAt, stringAt } from '../../support/synth';

describe('plan-reaches-apply', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['separate roles, separate paths', soundApp(), []],
    [
      'plan policy globs over the apply path',
      soundWith((j) => (j.resource.vault_policy.plan.policy = stringAt(j.resource.vault_policy.plan, 'policy').replace('aws/sts/app-read', 'aws/sts/*'))),
      [/a plan token can read aws\/sts\/app-deploy.*vault_jwt_auth_backend_role\.plan/],
    ],
    [
      'plan policy reaches the apply role through the creds/ endpoint',
      soundWith((j) => (j.resource.vault_policy.plan.policy += 'path "aws/creds/app-deploy" {\n  capabilities = ["read"]\n}\n')),
      [/a plan token can read aws\/creds\/app-deploy.*vault_jwt_auth_backend_role\.plan/],
    ],
    [
      'apply role also admits plan tokens',
      soundWith(
        (j) =>
          (objectAt(j.resource.vault_jwt_auth_backend_role.apply, 'bound_claims').sub += ',organization:acme:project:Apps:workspace:app-prod:run_phase:plan'),
      ),
      [/a plan token can read aws\/sts\/app-deploy.*vault_jwt_auth_backend_role\.apply/],
    ],
    [
      'apply role binds run_phase:* by glob',
      soundWith((j) => {
        j.resource.vault_jwt_auth_backend_role.apply.bound_claims_type = 'glob';
        objectAt(j.resource.vault_jwt_auth_backend_role.apply, 'bound_claims').sub = 'organization:acme:project:Apps:workspace:app-prod:run_phase:*';
      }),
      [/aws\/sts\/app-deploy.*vault_jwt_auth_backend_role\.apply/],
    ],
    [
      'a role with an audience the variables do not use still counts (a workspace owner picks the audience)',
      soundWith((j) => {
        j.resource.vault_jwt_auth_backend_role.extra = {
          ...j.resource.vault_jwt_auth_backend_role.apply,
          role_name: 'extra',
          bound_audiences: ['other.audience'],
        };
        j.resource.vault_jwt_auth_backend_role.extra.bound_claims = {
          sub: 'organization:acme:project:Apps:workspace:app-prod:run_phase:plan',
          terraform_workspace_id: '${tfe_workspace.app_prod.id}',
        };
      }),
      [/aws\/sts\/app-deploy.*vault_jwt_auth_backend_role\.extra/],
    ],
    // The AWS engine issues credentials on POST/PUT too: `update` is as good as `read` there; `create` is not (no
    // existence check, so a write is an update), and `list` issues nothing.
    [
      "plan policy grants update (no read) on the apply role's sts path",
      soundWith((j) => (j.resource.vault_policy.plan.policy += 'path "aws/sts/app-deploy" {\n  capabilities = ["update"]\n}\n')),
      [/a plan token can obtain \(with update, which the engine also serves\) aws\/sts\/app-deploy.*vault_jwt_auth_backend_role\.plan/],
    ],
    [
      'plan policy grants create and list (no read, no update) on it',
      soundWith((j) => (j.resource.vault_policy.plan.policy += 'path "aws/sts/app-deploy" {\n  capabilities = ["create", "list"]\n}\n')),
      [],
    ],
  ])('%s', (_label, json, expected) => {
    const findings = check(planReachesApply, json);
    expect(findings.every((f) => f.severity === 'error' && f.subject === 'workspace app-prod (project Apps) plan')).toBe(true);
    const messages = findings.map((f) => f.message).sort();
    expect(messages).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(messages[i]).toMatch(pattern));
  });
});
