/**
 * End to end with real signed tokens: a loopback issuer plays HCP Terraform (app.terraform.io) and signs workload
 * identity tokens exactly as HCP Terraform shapes them. Each token is verified the way Vault's JWT auth method
 * does it for the example's mount (discovery at oidc_discovery_url, issuer check, JWKS signature, bound_issuer,
 * audience), then decoded and run through the simulator against the example app's synthesized output.
 *
 * Intended runs must be admitted to exactly their credentials, even when they pick other roles themselves; every
 * attack token must get nothing.
 */
import * as http from 'http';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, JWTPayload, jwtVerify } from 'jose';
import { TokenClaims } from '../../packages/report/src/claims/login';
import { reachableCredentials, simulateLogin, simulateTokenRun } from '../../packages/report/src/simulate';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { synthesizedExample } from '../report/support';
import { arrayAt, stringAt } from '../support/synth';
import { LoopbackIssuer, RunFacts } from './loopback-issuer';

jest.setTimeout(30_000);

const HCP = 'https://app.terraform.io';
const EVIL = 'https://tfe.evil.example';
let hcp: LoopbackIssuer;
let evil: LoopbackIssuer;
let forger: LoopbackIssuer;
let config: TerraformConfiguration;
let mount: { discoveryUrl: string; boundIssuer: string };
let audiences: string[];
let roles: string[];

/** Test-only name resolution: the https origins the issuers claim are served on loopback. */
function resolve(url: string): string {
  for (const issuer of [hcp, evil]) if (url.startsWith(issuer.issuer)) return issuer.origin + url.slice(issuer.issuer.length);
  throw new Error(`no loopback host for ${url}`);
}

/** The fields of an OpenID discovery document Vault reads. */
interface Discovery {
  readonly issuer: string;
  readonly jwks_uri: string;
}

function getJson(url: string): Promise<Discovery> {
  return new Promise((ok, fail) => {
    http.get(url, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => (response.statusCode === 200 ? ok(JSON.parse(body)) : fail(new Error(`${url}: HTTP ${response.statusCode}`))));
    }).on('error', fail);
  });
}

/** What Vault does before looking at the role's bindings. */
async function verifyAsVault(token: string): Promise<JWTPayload> {
  const discovery = await getJson(resolve(`${mount.discoveryUrl}/.well-known/openid-configuration`));
  // go-oidc refuses a provider whose discovery document names another issuer.
  if (discovery.issuer !== mount.discoveryUrl) throw new Error(`discovery issuer ${discovery.issuer} is not ${mount.discoveryUrl}`);
  const keys = createRemoteJWKSet(new URL(resolve(discovery.jwks_uri)));
  const { payload } = await jwtVerify(token, keys, {
    issuer: mount.boundIssuer,
    audience: audiences,
    algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA'],
  });
  return payload;
}

beforeAll(async () => {
  [hcp, evil, forger] = await Promise.all([LoopbackIssuer.start(HCP), LoopbackIssuer.start(EVIL), LoopbackIssuer.start(HCP)]);
  forger.forgeWithKeyOf(evil);
  const json = synthesizedExample().json;
  config = new TerraformConfiguration(json);
  const [backend] = Object.values(json.resource.vault_jwt_auth_backend);
  mount = { discoveryUrl: stringAt(backend, 'oidc_discovery_url'), boundIssuer: stringAt(backend, 'bound_issuer') };
  const jwtRoles = Object.values(json.resource.vault_jwt_auth_backend_role);
  audiences = [...new Set(jwtRoles.flatMap((r) => arrayAt(r, 'bound_audiences').map(String)))];
  roles = jwtRoles.map((r) => stringAt(r, 'role_name'));
});

afterAll(async () => {
  await Promise.all([hcp, evil, forger].filter((i) => i !== undefined).map((i) => i.close()));
});

/** Every credential path the token can read: as its variables direct, and by trying every role on its own. */
function credentialsOf(claims: TokenClaims): { directed: string[]; anyRole: string[] } {
  const outcome = simulateTokenRun(config, claims);
  const directed = outcome.credentials.filter((c) => c.read === 'allowed' && c.problems.length === 0).map((c) => c.path!).sort();
  const anyRole = [...new Set(reachableCredentials(config, claims).map((r) => r.path))].sort();
  return { directed, anyRole };
}

const run = (organization: string, project: string, workspace: string, runPhase: 'plan' | 'apply', audience?: string): RunFacts => ({
  organization,
  project,
  workspace,
  runPhase,
  audience,
});

describe('the example app against real signed tokens', () => {
  test('the example trusts app.terraform.io, with no trailing slash, through discovery', () => {
    expect(mount).toEqual({ discoveryUrl: HCP, boundIssuer: HCP });
    expect(audiences).toEqual(['vault.workload.identity']);
  });

  test('tokens have HCP Terraform\'s header and claims, and verification goes through discovery', async () => {
    const token = await hcp.sign(run('acme', 'Networking', 'network-prod', 'plan'));
    expect(decodeProtectedHeader(token)).toEqual({ typ: 'JWT', alg: 'RS256', kid: expect.any(String) });
    const payload = await verifyAsVault(token);
    expect(Object.keys(payload).sort()).toEqual([
      'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub',
      'terraform_full_workspace', 'terraform_organization_id', 'terraform_organization_name', 'terraform_project_id', 'terraform_project_name',
      'terraform_run_id', 'terraform_run_phase', 'terraform_workspace_id', 'terraform_workspace_name',
    ]);
    expect(payload).toMatchObject({
      iss: HCP,
      aud: 'vault.workload.identity',
      sub: 'organization:acme:project:Networking:workspace:network-prod:run_phase:plan',
      terraform_full_workspace: 'organization:acme:project:Networking:workspace:network-prod',
      nbf: payload.iat! - 5,
    });
    expect(hcp.hits).toEqual(expect.arrayContaining(['/.well-known/openid-configuration', '/.well-known/jwks']));
  });

  const NETWORK = { plan: ['aws/sts/network-read-only'], apply: ['aws/sts/network-admin'] };
  const PLATFORM = {
    plan: ['aws/sts/platform-read-only', 'azure/creds/platform-reader', 'gcp/roleset/platform-viewer/token'],
    apply: ['aws/sts/platform-deploy', 'azure/creds/platform-contributor', 'gcp/roleset/platform-deployer/token'],
  };
  const intended: Array<[RunFacts, string[]]> = [
    [run('acme', 'Networking', 'network-prod', 'plan'), NETWORK.plan],
    [run('acme', 'Networking', 'network-prod', 'apply'), NETWORK.apply],
    [run('acme', 'Networking', 'network-stage', 'plan'), NETWORK.plan],
    [run('acme', 'Networking', 'network-stage', 'apply'), NETWORK.apply],
    [run('acme', 'Sandbox', 'sandbox-a', 'plan'), ['aws/sts/sandbox']],
    [run('acme', 'Sandbox', 'any_other_workspace', 'apply'), ['aws/sts/sandbox']],
    [run('acme', 'Platform', 'platform-prod', 'plan'), PLATFORM.plan],
    [run('acme', 'Platform', 'platform-prod', 'apply'), PLATFORM.apply],
    [run('acme', 'Platform', 'platform-stage', 'plan'), PLATFORM.plan],
    [run('acme', 'Platform', 'platform-stage', 'apply'), PLATFORM.apply],
  ];

  test.each(intended)('intended run %j is admitted to exactly %j', async (facts, expected) => {
    const claims = await verifyAsVault(await hcp.sign(facts));
    const outcome = simulateTokenRun(config, claims);
    expect(outcome.vault.map((v) => v.login?.verdict)).toEqual(['admitted']);
    expect(credentialsOf(claims)).toEqual({ directed: [...expected].sort(), anyRole: [...expected].sort() });
  });

  const attacks: Array<[string, RunFacts]> = [
    ['another organization', run('evil', 'Networking', 'network-prod', 'apply')],
    ['an organization whose name is ours plus a suffix', run('acme-evil', 'Networking', 'network-prod', 'apply')],
    ['an organization whose name is ours plus letters', run('acmeinc', 'Sandbox', 'sandbox-a', 'apply')],
    ['another project', run('acme', 'Networking Two', 'network-prod', 'apply')],
    ['a project whose name starts with a granted one', run('acme', 'Sandbox Two', 'sandbox-a', 'plan')],
    ['another workspace of the project', run('acme', 'Networking', 'network-dev', 'apply')],
    ['a workspace whose name starts with a granted one', run('acme', 'Platform', 'platform-prod-2', 'plan')],
  ];

  test.each(attacks)('a validly signed token from %s gets nothing', async (_label, facts) => {
    const claims = await verifyAsVault(await hcp.sign(facts));
    expect(credentialsOf(claims)).toEqual({ directed: [], anyRole: [] });
    for (const roleName of roles) {
      expect({ roleName, admitted: simulateLogin(config, { roleName, namespace: 'admin' }, claims).admitted }).toEqual({ roleName, admitted: false });
    }
  });

  test('a token for another audience fails verification, and Vault\'s role check refuses it too', async () => {
    const token = await hcp.sign(run('acme', 'Networking', 'network-prod', 'apply', 'aws.workload.identity'));
    await expect(verifyAsVault(token)).rejects.toThrow(/aud/);
    const claims = decodeJwt(token);
    expect(credentialsOf(claims)).toEqual({ directed: [], anyRole: [] });
    expect(simulateLogin(config, { roleName: 'tfc-network-apply', namespace: 'admin' }, claims).reason).toBe('invalid audience (aud) claim');
  });

  test('a token from another issuer fails verification, as it does in the simulation (the mount\'s keys are app.terraform.io\'s)', async () => {
    const token = await evil.sign(run('acme', 'Networking', 'network-prod', 'apply'));
    await expect(verifyAsVault(token)).rejects.toThrow();
    const claims = decodeJwt(token);
    expect(claims.iss).toBe(EVIL);
    expect(credentialsOf(claims)).toEqual({ directed: [], anyRole: [] });
    // Vault checks the signature with the mount's key source before any claim, so the refusal names the keys.
    const login = simulateLogin(config, { roleName: 'tfc-network-apply', namespace: 'admin' }, claims);
    expect(login.verdict).toBe('refused');
    expect(login.reason).toMatch(/oidc_discovery_url "https:\/\/app\.terraform\.io" is not the tokens' issuer "https:\/\/tfe\.evil\.example"/);
  });

  test('a token that claims app.terraform.io but is signed by another key fails verification', async () => {
    const token = await forger.sign(run('acme', 'Networking', 'network-prod', 'apply'));
    expect(decodeJwt(token).iss).toBe(HCP);
    await expect(verifyAsVault(token)).rejects.toThrow(/signature|no applicable key|matching key/i);
  });

  test('a plan token cannot reach the apply path, whichever role it asks for', async () => {
    const claims = await verifyAsVault(await hcp.sign(run('acme', 'Networking', 'network-prod', 'plan')));
    expect(simulateLogin(config, { roleName: 'tfc-network-apply', namespace: 'admin' }, claims)).toMatchObject({
      admitted: false,
      reason: 'claim "sub" does not match any associated bound claim values',
    });
    expect(credentialsOf(claims).anyRole).not.toContain('aws/sts/network-admin');
    const platformPlan = await verifyAsVault(await hcp.sign(run('acme', 'Platform', 'platform-prod', 'plan')));
    expect(credentialsOf(platformPlan).anyRole.filter((p) => PLATFORM.apply.includes(p))).toEqual([]);
  });
});
