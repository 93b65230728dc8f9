/**
 * What the report reads that it used to leave unknown: policies written with data "vault_policy_document", and
 * mounts whose path is left at the provider's default; and what it still cannot read, said with a reason.
 */
import { explain } from '../../packages/report/src/explain';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { soundApp, soundWith, TerraformJson } from './support';
import { JsonValue } from '../support/synth';

const planPolicyFrom = (rules: JsonValue) =>
  soundWith((j) => {
    j.data = { vault_policy_document: { plan: { rule: rules } } };
    j.resource.vault_policy.plan.policy = '${data.vault_policy_document.plan.hcl}';
  });
const plan = (json: unknown) => explain(json).rows.find((r) => r.phase === 'plan')!.credentials[0];

describe('data "vault_policy_document"', () => {
  test.each<[string, JsonValue, string, RegExp | undefined]>([
    ['a rule granting the plan path: allowed', [{ path: 'aws/sts/app-read', capabilities: ['read'] }], 'allowed', undefined],
    [
      'rules granting other paths only: denied, not unknown',
      [
        { path: 'aws/sts/other', capabilities: ['read'] },
        { path: 'aws/sts/app-read', capabilities: ['list'] },
      ],
      'denied',
      undefined,
    ],
    [
      'a path from a variable without a value: unknown, with the reason',
      [{ path: '${var.path}', capabilities: ['read'] }],
      'unknown',
      /rule 1: its path or capabilities are not literals/,
    ],
  ])('%s', (_label, rules, read, reason) => {
    const json = planPolicyFrom(rules);
    expect(plan(json).read).toBe(read);
    if (reason) {
      const notes = explain(json).findings.filter((f) => f.rule === 'unresolved').map((f) => f.message).join('\n');
      expect(notes).toMatch(reason);
    }
  });

  test('renders each rule as a path block', () => {
    const config = new TerraformConfiguration(
      planPolicyFrom([
        { path: 'a/b', capabilities: ['read', 'update'] },
        { path: 'c/*', capabilities: ['deny'] },
      ]),
    );
    expect(config.resolve('${data.vault_policy_document.plan.hcl}')).toEqual({
      literal: 'path "a/b" {\n  capabilities = ["read", "update"]\n}\npath "c/*" {\n  capabilities = ["deny"]\n}\n',
    });
  });
});

describe('a mount path left at the provider default', () => {
  test.each<[string, TerraformJson, string]>([
    ['the JWT mount has path = "jwt"', soundApp(), 'admitted'],
    ['the JWT mount leaves path out: the provider mounts it at jwt', soundWith((j) => delete j.resource.vault_jwt_auth_backend.tfc.path), 'admitted'],
    ['left out, but the runs log in at auth/other', soundWith((j) => {
      delete j.resource.vault_jwt_auth_backend.tfc.path;
      j.resource.tfe_variable.auth_path = { variable_set_id: '${tfe_variable_set.app.id}', category: 'env', key: 'TFC_VAULT_AUTH_PATH', value: 'other' };
    }), 'refused'],
  ])('%s', (_label, json, login) => {
    expect(explain(json).rows.map((r) => r.login)).toEqual([login, login]);
  });

  test('the AWS engine path defaults to aws for references to it', () => {
    const json = soundWith((j) => delete j.resource.vault_aws_secret_backend.aws.path);
    const config = new TerraformConfiguration(json);
    expect(config.resolve('${vault_aws_secret_backend.aws.path}')).toEqual({ literal: 'aws' });
    expect(explain(json).rows.map((r) => r.credentials[0].read)).toEqual(['allowed', 'allowed']);
  });
});
