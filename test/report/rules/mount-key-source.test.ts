import { mountKeySource } from '../../../packages/report/src/rules/mount-key-source';
import { explain } from '../../../packages/report/src/explain';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { JsonObject } from '../../support/synth';

const mount = (change: (m: JsonObject) => void) => soundWith((j) => change(j.resource.vault_jwt_auth_backend.tfc));

describe('mount-key-source', () => {
  test.each<[string, TerraformJson, RegExp[]]>([
    ['discovery URL = bound_issuer = HCP Terraform', soundApp(), []],
    ['a JWKS URL on the issuer instead of discovery', mount((m) => { delete m.oidc_discovery_url; m.jwks_url = 'https://app.terraform.io/.well-known/jwks'; }), []],
    ['no key source at all', mount((m) => delete m.oidc_discovery_url), [/has no key source \(oidc_discovery_url, jwks_url or jwt_validation_pubkeys\)/]],
    ['discovery and a JWKS URL together', mount((m) => (m.jwks_url = 'https://app.terraform.io/.well-known/jwks')), [/sets oidc_discovery_url and jwks_url; Vault accepts exactly one key source/]],
    ['discovery URL with a trailing slash', mount((m) => (m.oidc_discovery_url = 'https://app.terraform.io/')), [/oidc_discovery_url "https:\/\/app\.terraform\.io\/" ends with "\/"/]],
    ['discovery URL on another host', mount((m) => (m.oidc_discovery_url = 'https://tfe.acme.example')), [/oidc_discovery_url "https:\/\/tfe\.acme\.example" is not the tokens' issuer "https:\/\/app\.terraform\.io"/]],
    ['a discovery URL from a variable without a value is not judged', mount((m) => (m.oidc_discovery_url = '${var.discovery}')), []],
  ])('%s', (_label, json, expected) => {
    const lines = summary(check(mountKeySource, json)).sort();
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(new RegExp(`^error vault_jwt_auth_backend\\.tfc: .*${pattern.source}`)));
  });

  test.each<[string, TerraformJson, string]>([
    ['sound', soundApp(), 'admitted'],
    ['no key source', mount((m) => delete m.oidc_discovery_url), 'refused'],
    ['discovery on another host than the tokens\' issuer', mount((m) => { m.oidc_discovery_url = 'https://tfe.acme.example'; }), 'refused'],
  ])('runs log in or not: %s', (_label, json, verdict) => {
    const report = explain(json);
    expect(report.rows.map((r) => r.login)).toEqual([verdict, verdict]);
    if (verdict === 'refused') expect(report.rows[0].reason).toMatch(/vault_jwt_auth_backend\.tfc/);
  });
});
