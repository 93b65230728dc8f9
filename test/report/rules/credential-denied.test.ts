import { credentialDenied } from '../../../packages/report/src/rules/credential-denied';
import { check, soundApp, soundWith, TerraformJson } from '../support';
import { stringAt } from '../../support/synth';

const policy = (json: TerraformJson, name: string, from: string, to: string): void => {
  json.resource.vault_policy[name].policy = stringAt(json.resource.vault_policy[name], 'policy').replace(from, to);
};

describe('credential-denied', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['the sound setup', soundApp(), []],
    ['the policy grants another path', soundWith((j) => policy(j, 'apply', 'aws/sts/app-deploy', 'aws/sts/app-read')), [/apply: logs in as "app-apply" but cannot read the AWS credential aws\/sts\/app-deploy: no policy of the token \(app-apply, default\) grants read/]],
    ['the policy grants creds/ while an STS type reads sts/', soundWith((j) => policy(j, 'plan', 'aws/sts/app-read', 'aws/creds/app-read')), [/plan: .*cannot read the AWS credential aws\/sts\/app-read/]],
    ['iam_user reads creds/, so an sts/ grant misses it', soundWith((j) => (j.resource.tfe_variable.aws_auth_type.value = 'iam_user')), [/apply: .*aws\/creds\/app-deploy/, /plan: .*aws\/creds\/app-read/]],
    ['a deny rule wins', soundWith((j) => (j.resource.vault_policy.plan.policy += 'path "aws/sts/app-read" {\n  capabilities = ["deny"]\n}\n')), [/plan: .*cannot read the AWS credential aws\/sts\/app-read/]],
    ['the ARN is not one of the engine role\'s role_arns', soundWith((j) => (j.resource.tfe_variable.aws_plan_arn.value = 'arn:aws:iam::111111111111:role/admin')), [/plan: cannot obtain the AWS credential aws\/sts\/app-read: TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN is arn:aws:iam::111111111111:role\/admin, which is not among/]],
    ['the mount path variable names another mount', soundWith((j) => (j.resource.tfe_variable.aws_mount.value = 'aws-prod')), [/apply: .*aws-prod\/sts\/app-deploy/, /plan: .*aws-prod\/sts\/app-read/]],
    ['a refused login is phase-cannot-log-in, not this', soundWith((j) => (j.resource.tfe_workspace.app_prod.name = 'other')), []],
  ])('%s', (_label, json, expected) => {
    const found = check(credentialDenied, json).map((f) => `${f.subject}: ${f.message}`).sort();
    expect(found).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(found[i]).toMatch(pattern));
  });
});
