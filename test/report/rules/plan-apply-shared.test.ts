import { planApplyShared } from '../../../packages/report/src/rules/plan-apply-shared';
import { check, soundApp, soundWith, TerraformJson } from '../support';
import { objectAt, stringAt } from '../../support/synth';

describe('plan-apply-shared', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['separate roles and credentials', soundApp(), []],
    ['one RUN role for both phases', soundWith((j) => {
      j.resource.tfe_variable.plan_role.key = 'TFC_VAULT_RUN_ROLE';
      delete j.resource.tfe_variable.apply_role;
      objectAt(j.resource.vault_jwt_auth_backend_role.plan, 'bound_claims').sub += ',organization:acme:project:Apps:workspace:app-prod:run_phase:apply';
    }), [/^workspace app-prod \(project Apps\): plan and apply log in with the same role "app-plan"/]],
    ['separate roles, same credential', soundWith((j) => {
      j.resource.tfe_variable.aws_apply_role.value = '${vault_aws_secret_backend_role.read.name}';
      j.resource.tfe_variable.aws_apply_arn.value = 'arn:aws:iam::111111111111:role/app-read';
      j.resource.vault_policy.apply.policy = stringAt(j.resource.vault_policy.apply, 'policy').replace('app-deploy', 'app-read');
    }), [/plan and apply read the same credentials \(aws\/sts\/app-read\)/]],
    ['nothing to compare when a phase cannot log in', soundWith((j) => (j.resource.vault_jwt_auth_backend_role.apply.role_type = 'oidc')), []],
  ])('%s', (_label, json, expected) => {
    const findings = check(planApplyShared, json);
    const lines = findings.map((f) => `${f.subject}: ${f.message}`);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
  });
});
