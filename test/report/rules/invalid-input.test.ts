import { explain } from '../../../packages/report/src/explain';
import { invalidInput } from '../../../packages/report/src/rules/invalid-input';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const role = (json: TerraformJson, name: string): JsonObject => json.resource.vault_jwt_auth_backend_role[name];

describe('invalid-input', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['the sound setup', soundApp(), []],
    [
      'numbers written as strings, lists and maps from expressions',
      soundWith((j) => Object.assign(role(j, 'plan'), { token_ttl: '1200', bound_audiences: '${var.audiences}', bound_claims: '${local.claims}' })),
      [],
    ],
    [
      'bound_audiences as a string',
      soundWith((j) => (role(j, 'plan').bound_audiences = 'vault.workload.identity')),
      [/\.plan: bound_audiences is the string "vault\.workload\.identity"; Terraform requires a list of strings/],
    ],
    [
      'bound_claims as a number',
      soundWith((j) => (role(j, 'apply').bound_claims = 42)),
      [/\.apply: bound_claims is the number 42; Terraform requires a map of strings/],
    ],
    [
      'a duration string where Terraform wants seconds',
      soundWith((j) => (role(j, 'apply').token_ttl = '20m')),
      [/\.apply: token_ttl is the string "20m"; Terraform requires a number/],
    ],
    [
      'a pubkeys string on the mount',
      soundWith((j) => (j.resource.vault_jwt_auth_backend.tfc.jwt_validation_pubkeys = 'KEY')),
      [/vault_jwt_auth_backend\.tfc: jwt_validation_pubkeys is the string "KEY"/],
    ],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(invalidInput, json)).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(new RegExp(`^error .*${pattern.source}`)));
  });

  test('a role with a wrongly typed binding is not judged as if the binding were absent', () => {
    // bound_claims dropped would admit every token with the audience; Terraform would never create this role.
    const report = explain(soundWith((j) => (role(j, 'apply').bound_claims = 42)));
    const apply = report.rows.find((r) => r.phase === 'apply')!;
    expect(apply.login).toBe('unknown');
    expect(apply.reason).toMatch(/bound_claims \(a type Terraform rejects\)/);
    expect(report.rows.find((r) => r.phase === 'plan')!.login).toBe('admitted');
  });
});
