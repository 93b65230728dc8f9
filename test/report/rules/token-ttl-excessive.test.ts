import { tokenTtlExcessive } from '../../../packages/report/src/rules/token-ttl-excessive';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const role = (json: TerraformJson, name: string): JsonObject => json.resource.vault_jwt_auth_backend_role[name];

describe('token-ttl-excessive', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['20-minute tokens', soundApp(), []],
    ['exactly 2 h and a 24 h maximum', soundWith((j) => Object.assign(role(j, 'plan'), { token_ttl: 7200, token_max_ttl: '24h' })), []],
    ['a 12 h token_ttl', soundWith((j) => (role(j, 'apply').token_ttl = 43200)), [/\.apply: token_ttl is 43200 s \(12h\), far longer than a run needs/]],
    ['a 30-day token_max_ttl', soundWith((j) => (role(j, 'plan').token_max_ttl = '720h')), [/\.plan: token_max_ttl is 2592000 s \(720h\)/]],
    ['a 2-day explicit maximum', soundWith((j) => (role(j, 'plan').token_explicit_max_ttl = 172800)), [/\.plan: token_explicit_max_ttl is 172800 s \(48h\)/]],
    ['a TTL that is not a literal is not judged', soundWith((j) => (role(j, 'plan').token_ttl = '${var.ttl}')), []],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(tokenTtlExcessive, json)).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(new RegExp(`^warning .*${pattern.source}`)));
  });
});
