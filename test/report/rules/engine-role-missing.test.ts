import { engineRoleMissing } from '../../../packages/report/src/rules/engine-role-missing';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const variable = (json: TerraformJson, name: string): JsonObject => json.resource.tfe_variable[name];

describe('engine-role-missing', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['both engine roles exist on the managed mount', soundApp(), []],
    [
      'the apply variable names a role the mount does not have',
      soundWith((j) => (variable(j, 'aws_apply_role').value = 'app-deploy-typo')),
      [
        /apply: TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE names the role "app-deploy-typo", but the AWS secrets engine vault_aws_secret_backend\.aws \(aws\/ in namespace "ops"\) that this configuration manages has no such role/,
      ],
    ],
    [
      'a mount managed elsewhere is not judged',
      soundWith((j) => {
        variable(j, 'aws_apply_role').value = 'app-deploy-typo';
        variable(j, 'aws_mount').value = 'aws-elsewhere';
      }),
      [],
    ],
    [
      'the name of a role defined on the mount, asked for by the other phase, is fine',
      soundWith((j) => (variable(j, 'aws_apply_role').value = 'app-read')),
      [],
    ],
    ['a role name that is not a literal is not judged', soundWith((j) => (variable(j, 'aws_plan_role').value = '${var.role}')), []],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(engineRoleMissing, json)).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(new RegExp(`^error workspace app-prod \\(project Apps\\) .*${pattern.source}`)));
  });
});
