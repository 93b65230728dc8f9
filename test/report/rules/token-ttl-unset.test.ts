import { tokenTtlUnset } from '../../../packages/report/src/rules/token-ttl-unset';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const role = (json: TerraformJson, name: string): JsonObject => json.resource.vault_jwt_auth_backend_role[name];
const mount = (json: TerraformJson): JsonObject => json.resource.vault_jwt_auth_backend.tfc;

describe('token-ttl-unset', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['both roles set token_ttl = 1200', soundApp(), []],
    ['token_ttl as a duration string', soundWith((j) => (role(j, 'plan').token_ttl = '20m')), []],
    ['no token_ttl on the apply role', soundWith((j) => delete role(j, 'apply').token_ttl), [/\.apply: token_ttl is not set, so its tokens live for the mount's default, which is Vault's system default of 2764800 s \(768h\)/]],
    ['token_ttl = 0 means unset', soundWith((j) => (role(j, 'plan').token_ttl = 0)), [/\.plan: token_ttl is not set/]],
    ['unset, but the mount is tuned to 30 minutes', soundWith((j) => {
      delete role(j, 'plan').token_ttl;
      mount(j).tune = [{ default_lease_ttl: '30m' }];
    }), []],
    ['unset, and the mount is tuned to 10 days', soundWith((j) => {
      delete role(j, 'plan').token_ttl;
      mount(j).tune = [{ default_lease_ttl: '240h' }];
    }), [/\.plan: token_ttl is not set, so its tokens live for the mount's tuned default_lease_ttl of 864000 s \(240h\)/]],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(tokenTtlUnset, json)).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(new RegExp(`^warning .*${pattern.source}`)));
  });
});
