import { policyWildcard } from '../../../packages/report/src/rules/policy-wildcard';
import { check, soundApp, soundWith, TerraformJson } from '../support';

const addRule = (name: string, path: string, capabilities = '"read"') => (json: TerraformJson): void => {
  json.resource.vault_policy[name].policy += `path "${path}" {\n  capabilities = [${capabilities}]\n}\n`;
};

describe('policy-wildcard', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['exact paths only', soundApp(), []],
    [
      'a prefix glob',
      soundWith(addRule('plan', 'aws/sts/*')),
      [/^vault_policy\.plan: path "aws\/sts\/\*" \(read\) is a wildcard.*the runs use only aws\/sts\/app-read, aws\/sts\/app-deploy/],
    ],
    ['a segment wildcard', soundWith(addRule('apply', 'aws/+/app-deploy')), [/^vault_policy\.apply: path "aws\/\+\/app-deploy"/]],
    ['a wildcard deny is a restriction, not a grant', soundWith(addRule('apply', 'sys/*', '"deny"')), []],
    [
      'a policy no role attaches is not checked',
      soundWith((j) => (j.resource.vault_policy.humans = { namespace: 'ops', name: 'humans', policy: 'path "secret/*" {\n  capabilities = ["read"]\n}\n' })),
      [],
    ],
  ])('%s', (_label, json, expected) => {
    const findings = check(policyWildcard, json);
    const lines = findings.map((f) => `${f.subject}: ${f.message}`);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
  });
});
