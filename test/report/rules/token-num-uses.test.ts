import { tokenNumUses } from '../../../packages/report/src/rules/token-num-uses';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const role = (json: TerraformJson, name: string): JsonObject => json.resource.vault_jwt_auth_backend_role[name];

describe('token-num-uses', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['no use limit', soundApp(), []],
    ['0 means unlimited', soundWith((j) => (role(j, 'plan').token_num_uses = 0)), []],
    ['one use: fewer than the credential read, renewal and revocation a run needs', soundWith((j) => (role(j, 'apply').token_num_uses = 1)), [/^error .*\.apply: token_num_uses is 1, but its runs need at least 3 requests/]],
    ['ten uses: enough today, fragile tomorrow', soundWith((j) => (role(j, 'plan').token_num_uses = 10)), [/^warning .*\.plan: token_num_uses is 10: every credential read/]],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(tokenNumUses, json)).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
  });
});
