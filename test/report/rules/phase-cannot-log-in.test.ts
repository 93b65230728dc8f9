import { phaseCannotLogIn } from '../../../packages/report/src/rules/phase-cannot-log-in';
import { check, soundApp, soundWith, TerraformJson } from '../support';
import { objectAt } from '../../support/synth';

function lines(json: TerraformJson): string[] {
  return check(phaseCannotLogIn, json).map((f) => `${f.subject}: ${f.message}`).sort();
}

describe('phase-cannot-log-in', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['the sound setup', soundApp(), []],
    [
      'variables reach a workspace the roles do not admit',
      soundWith((j) => (j.resource.tfe_workspace.app_prod.name = 'app-staging')),
      [
        /^workspace app-staging \(project Apps\) apply: .*refuses its apply token: claim "sub" does not match/,
        /^workspace app-staging \(project Apps\) plan: .*refuses its plan token: claim "sub" does not match/,
      ],
    ],
    [
      'the role the variables name does not exist',
      soundWith((j) => (j.resource.tfe_variable.plan_role.value = 'app-planner')),
      [/plan: .*role "app-planner" could not be found at auth\/jwt in namespace "ops"/],
    ],
    [
      'the audience variable differs from bound_audiences',
      soundWith(
        (j) =>
          (j.resource.tfe_variable.aud = {
            variable_set_id: '${tfe_variable_set.app.id}',
            category: 'env',
            key: 'TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE',
            value: 'vault.acme',
          }),
      ),
      [/apply: .*invalid audience \(aud\) claim/, /plan: .*invalid audience \(aud\) claim/],
    ],
    [
      'the auth path variable names another mount',
      soundWith(
        (j) =>
          (j.resource.tfe_variable.path = { variable_set_id: '${tfe_variable_set.app.id}', category: 'env', key: 'TFC_VAULT_AUTH_PATH', value: 'jwt-tfc' }),
      ),
      [/apply: .*could not be found at auth\/jwt-tfc/, /plan: .*could not be found at auth\/jwt-tfc/],
    ],
    [
      'no role variable for the apply phase',
      soundWith((j) => delete j.resource.tfe_variable.apply_role),
      [/apply: its apply runs cannot log in to Vault: neither TFC_VAULT_APPLY_ROLE nor TFC_VAULT_RUN_ROLE is set/],
    ],
    ['no Vault address', soundWith((j) => delete j.resource.tfe_variable.addr), [/apply: .*TFC_VAULT_ADDR is not set/, /plan: .*TFC_VAULT_ADDR is not set/]],
    [
      'user_claim the token lacks',
      soundWith((j) => (j.resource.vault_jwt_auth_backend_role.apply.user_claim = 'terraform_stack_id')),
      [/apply: .*claim "terraform_stack_id" not found in token/],
    ],
    [
      'a RUN role shared by both phases is fine when it admits both',
      soundWith((j) => {
        j.resource.tfe_variable.plan_role.key = 'TFC_VAULT_RUN_ROLE';
        delete j.resource.tfe_variable.apply_role;
        objectAt(j.resource.vault_jwt_auth_backend_role.plan, 'bound_claims').sub =
          'organization:acme:project:Apps:workspace:app-prod:run_phase:plan,organization:acme:project:Apps:workspace:app-prod:run_phase:apply';
        j.resource.vault_policy.plan.policy += 'path "aws/sts/app-deploy" {\n  capabilities = ["read"]\n}\n';
      }),
      [],
    ],
  ])('%s', (_label, json, expected) => {
    const found = lines(json);
    expect(found).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(found[i]).toMatch(pattern));
  });
});
