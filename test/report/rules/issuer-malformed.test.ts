import { issuerMalformed } from '../../../packages/report/src/rules/issuer-malformed';
import { check, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const mount = (change: (m: JsonObject) => void) => soundWith((j) => change(j.resource.vault_jwt_auth_backend.tfc));

describe('issuer-malformed', () => {
  test.each<[string, TerraformJson, string[]]>([
    ['https://app.terraform.io for both', mount(() => undefined), []],
    ['a Terraform Enterprise host with a port', mount((m) => { m.bound_issuer = 'https://tfe.acme.example:8443'; m.oidc_discovery_url = 'https://tfe.acme.example:8443'; }), []],
    ['trailing slash', mount((m) => { m.bound_issuer = 'https://app.terraform.io/'; m.oidc_discovery_url = 'https://app.terraform.io/'; }), ['error: bound_issuer "https://app.terraform.io/" ends with "/"']],
    ['plain http', mount((m) => { m.bound_issuer = 'http://tfe.acme.example'; m.oidc_discovery_url = 'http://tfe.acme.example'; }), ['error: bound_issuer "http://tfe.acme.example" is not an https:// address']],
    // Judged by mount-key-source (an error: no token verifies), not here.
    ['discovery and issuer disagree', mount((m) => (m.oidc_discovery_url = 'https://tfe.acme.example')), []],
    ['no bound_issuer at all', mount((m) => delete m.bound_issuer), ['warning: bound_issuer is not set']],
    ['issuer from a variable default', soundWith((j) => { j.variable = { host: { default: 'app.terraform.io/' } }; j.resource.vault_jwt_auth_backend.tfc.bound_issuer = 'https://${var.host}'; j.resource.vault_jwt_auth_backend.tfc.oidc_discovery_url = 'https://${var.host}'; }), ['error: bound_issuer "https://app.terraform.io/" ends with "/"']],
    ['issuer from a variable without a value is not judged', soundWith((j) => { j.resource.vault_jwt_auth_backend.tfc.bound_issuer = 'https://${var.host}'; }), []],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(issuerMalformed, json)).map((l) => l.replace(/^(\w+) vault_jwt_auth_backend\.tfc: /, '$1: '));
    expect(lines).toHaveLength(expected.length);
    expected.forEach((prefix, i) => expect(lines[i].startsWith(prefix)).toBe(true));
  });
});
