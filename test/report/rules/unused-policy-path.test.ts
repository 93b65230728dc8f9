import { unusedPolicyPath } from '../../../packages/report/src/rules/unused-policy-path';
import { check, soundApp, soundWith, TerraformJson } from '../support';

const addRule = (name: string, path: string, capabilities = '"read"') => (json: TerraformJson): void => {
  json.resource.vault_policy[name].policy += `path "${path}" {\n  capabilities = [${capabilities}]\n}\n`;
};

describe('unused-policy-path', () => {
  test.each<[string, TerraformJson, string[]]>([
    ['only the token self paths and the used credential', soundApp(), []],
    ['a secret no configuration uses', soundWith(addRule('plan', 'secret/data/app')), ['vault_policy.plan: grants read on "secret/data/app"']],
    ['a glob that covers a used path is not unused', soundWith(addRule('apply', 'aws/sts/app-*')), []],
    [
      'another engine role of the same mount',
      soundWith(addRule('apply', 'aws/sts/admin', '"read", "update"')),
      ['vault_policy.apply: grants read, update on "aws/sts/admin"'],
    ],
    ['a deny-only rule grants nothing', soundWith(addRule('apply', 'aws/sts/admin', '"deny"')), []],
    ['used paths count only in their own namespace', soundWith((j) => {
      j.resource.vault_policy.plan.namespace = 'ops/other';
      j.resource.vault_jwt_auth_backend_role.plan.namespace = 'ops/other';
    }), ['vault_policy.plan: grants read on "aws/sts/app-read"']],
  ])('%s', (_label, json, expected) => {
    const findings = check(unusedPolicyPath, json);
    const lines = findings.map((f) => `${f.subject}: ${f.message}`);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(lines[i].startsWith(start)).toBe(true));
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
  });
});
