import {
  JwtAuthMountModel,
  JwtRoleModel,
  LoginDecision,
  TokenClaims,
  evaluateJwtLogin,
  jwtRoleProblems,
  splitProviderBoundClaimValue,
  vaultBoundClaims,
} from '../../src/claims/login';

const ISSUER = 'https://app.terraform.io';
const AUDIENCE = 'vault.workload.identity';
const mount: JwtAuthMountModel = { boundIssuer: ISSUER };

function sub(org: string, project: string, workspace: string, phase: string): string {
  return `organization:${org}:project:${project}:workspace:${workspace}:run_phase:${phase}`;
}

/** The decoded payload documented in workload-identity-tokens.mdx, with the Vault default audience. */
function hcpToken(overrides: Record<string, unknown> = {}): TokenClaims {
  return {
    jti: '1192426d-b525-4fde-9d42-f238be437bbd',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: 1650486122,
    nbf: 1650486117,
    exp: 1650486422,
    sub: sub('my-org', 'Default Project', 'my-workspace', 'apply'),
    terraform_organization_id: 'org-GRNbCjYNpBB6NEH9',
    terraform_organization_name: 'my-org',
    terraform_project_id: 'prj-vegSA59s1XPwMr2t',
    terraform_project_name: 'Default Project',
    terraform_workspace_id: 'ws-mbsd5E3Ktt5Rg2Xm',
    terraform_workspace_name: 'my-workspace',
    terraform_full_workspace: 'organization:my-org:project:Default Project:workspace:my-workspace',
    terraform_run_id: 'run-X3n1AUXNGWbfECsJ',
    terraform_run_phase: 'apply',
    ...overrides,
  };
}

/** The role shape of vault-configuration.mdx / the official examples. */
function documentedRole(overrides: Partial<JwtRoleModel> = {}): JwtRoleModel {
  return {
    roleType: 'jwt',
    boundAudiences: [AUDIENCE],
    boundClaimsType: 'glob',
    boundClaims: { sub: sub('my-org', 'Default Project', 'my-workspace', '*') },
    userClaim: 'terraform_full_workspace',
    ...overrides,
  };
}

const admitted = (aliasName: string): LoginDecision => ({ admitted: true, aliasName });
const refused = (reason: string): LoginDecision => ({ admitted: false, reason });
const NO_MATCH_SUB = refused('claim "sub" does not match any associated bound claim values');

describe('splitProviderBoundClaimValue (terraform-provider-vault bound_claims parsing)', () => {
  test.each([
    ['', ['']],
    ['a', ['a']],
    ['a,b', ['a', 'b']],
    [' a , b ', ['a', 'b']],
    ['a,,b', ['a', '', 'b']],
    [',', ['', '']],
    ['a, b,\tc\n', ['a', 'b', 'c']],
    ['Default Project', ['Default Project']],
    ['x y , z', ['x y', 'z']],
    ['\u00a0a\u3000,\u2028b\u0085', ['a', 'b']], // Go's unicode.IsSpace set
    ['\ufeffa', ['\ufeffa']], // U+FEFF is not a Go space (JavaScript's trim would remove it)
    ['\u200ba', ['\u200ba']], // zero-width space is not white space either
  ] as const)('%j -> %j', (value, expected) => {
    expect(splitProviderBoundClaimValue(value)).toEqual(expected);
  });
});

describe('vaultBoundClaims', () => {
  test('splits every value unless parsing is disabled', () => {
    expect(vaultBoundClaims({ userClaim: 'u', boundClaims: { a: 'x, y', b: 'z' } })).toEqual({ a: ['x', 'y'], b: ['z'] });
    expect(vaultBoundClaims({ userClaim: 'u', boundClaims: { a: 'x, y' }, disableBoundClaimsParsing: true })).toEqual({ a: ['x, y'] });
    expect(vaultBoundClaims({ userClaim: 'u' })).toEqual({});
  });
});

describe('evaluateJwtLogin: the documented HCP Terraform setup', () => {
  test('admits the documented token, aliasing it by terraform_full_workspace', () => {
    expect(evaluateJwtLogin(mount, documentedRole(), hcpToken())).toEqual(
      admitted('organization:my-org:project:Default Project:workspace:my-workspace'),
    );
  });

  test('admits both run phases through run_phase:*', () => {
    const plan = hcpToken({ sub: sub('my-org', 'Default Project', 'my-workspace', 'plan'), terraform_run_phase: 'plan' });
    expect(evaluateJwtLogin(mount, documentedRole(), plan).admitted).toBe(true);
  });

  test.each([
    ['issuer with a trailing slash', { iss: 'https://app.terraform.io/' }, 'invalid issuer (iss) claim'],
    ['a Terraform Enterprise issuer', { iss: 'https://tfe.example.com' }, 'invalid issuer (iss) claim'],
    ['the EU issuer', { iss: 'https://app.eu.terraform.io' }, 'invalid issuer (iss) claim'],
    ['no issuer', { iss: undefined }, 'invalid issuer (iss) claim'],
    ['another audience', { aud: 'my-example-audience' }, 'invalid audience (aud) claim'],
    ['the AWS audience', { aud: ['aws.workload.identity'] }, 'invalid audience (aud) claim'],
    ['no audience', { aud: undefined }, 'invalid audience (aud) claim'],
    ['another organization', { sub: sub('other-org', 'Default Project', 'my-workspace', 'apply') }, NO_MATCH_SUB.reason],
    ['another project', { sub: sub('my-org', 'Other Project', 'my-workspace', 'apply') }, NO_MATCH_SUB.reason],
    ['another workspace', { sub: sub('my-org', 'Default Project', 'my-workspace-2', 'apply') }, NO_MATCH_SUB.reason],
    ['a differently cased project', { sub: sub('my-org', 'default project', 'my-workspace', 'apply') }, NO_MATCH_SUB.reason],
    ['a stack subject', { sub: 'organization:my-org:project:Default Project:stack:s:deployment:d:operation:apply' }, NO_MATCH_SUB.reason],
    ['no sub', { sub: undefined }, 'claim "sub" is missing'],
    [
      'no terraform_full_workspace (Stack or module-test token)',
      { terraform_full_workspace: undefined },
      'claim "terraform_full_workspace" not found in token',
    ],
  ] as const)('refuses a token with %s', (_label, overrides, reason) => {
    expect(evaluateJwtLogin(mount, documentedRole(), hcpToken(overrides))).toEqual(refused(reason!));
  });

  test('an apply-only role refuses the plan phase and admits apply', () => {
    const role = documentedRole({ boundClaims: { sub: sub('my-org', 'Default Project', 'my-workspace', 'apply') } });
    const plan = hcpToken({ sub: sub('my-org', 'Default Project', 'my-workspace', 'plan') });
    expect(evaluateJwtLogin(mount, role, plan)).toEqual(NO_MATCH_SUB);
    expect(evaluateJwtLogin(mount, role, hcpToken()).admitted).toBe(true);
  });

  test('binding the run-phase claim separately also tells the phases apart', () => {
    const role = documentedRole({ boundClaims: { sub: sub('my-org', 'Default Project', 'my-workspace', '*'), terraform_run_phase: 'plan' } });
    expect(evaluateJwtLogin(mount, role, hcpToken())).toEqual(refused('claim "terraform_run_phase" does not match any associated bound claim values'));
    expect(evaluateJwtLogin(mount, role, hcpToken({ terraform_run_phase: 'plan' })).admitted).toBe(true);
  });

  test('an organization whose name extends the bound one is refused by a pattern that keeps the ":" ...', () => {
    const evil = hcpToken({
      sub: sub('my-org-evil', 'Default Project', 'my-workspace', 'apply'),
      terraform_organization_name: 'my-org-evil',
      terraform_full_workspace: 'organization:my-org-evil:project:Default Project:workspace:my-workspace',
    });
    expect(evaluateJwtLogin(mount, documentedRole(), evil)).toEqual(NO_MATCH_SUB);
    expect(evaluateJwtLogin(mount, documentedRole({ boundClaims: { sub: 'organization:my-org:*' } }), evil)).toEqual(NO_MATCH_SUB);
    // ... and admitted by the over-broad `organization:my-org*`: the danger this library guards against.
    expect(evaluateJwtLogin(mount, documentedRole({ boundClaims: { sub: 'organization:my-org*' } }), evil)).toEqual(
      admitted('organization:my-org-evil:project:Default Project:workspace:my-workspace'),
    );
  });

  test('a string bound_claims_type treats "*" literally, so the documented pattern admits nothing', () => {
    expect(evaluateJwtLogin(mount, documentedRole({ boundClaimsType: 'string' }), hcpToken())).toEqual(NO_MATCH_SUB);
    const exact = documentedRole({ boundClaimsType: 'string', boundClaims: { sub: sub('my-org', 'Default Project', 'my-workspace', 'apply') } });
    expect(evaluateJwtLogin(mount, exact, hcpToken()).admitted).toBe(true);
  });

  test('bound_claims_type defaults to string', () => {
    expect(evaluateJwtLogin(mount, documentedRole({ boundClaimsType: undefined }), hcpToken())).toEqual(NO_MATCH_SUB);
  });
});

describe('evaluateJwtLogin: role_type', () => {
  test('an unset role_type is Vault\'s "oidc" and refuses every JWT login', () => {
    expect(evaluateJwtLogin(mount, documentedRole({ roleType: undefined }), hcpToken())).toEqual(
      refused('role with oidc role_type is not allowed'),
    );
  });
  test('an explicit oidc role is refused the same way', () => {
    expect(evaluateJwtLogin(mount, documentedRole({ roleType: 'oidc' }), hcpToken())).toEqual(refused('role with oidc role_type is not allowed'));
  });
  test('role_type is case-sensitive and must be exactly "jwt"', () => {
    expect(evaluateJwtLogin(mount, documentedRole({ roleType: 'JWT' }), hcpToken())).toEqual(refused("invalid 'role_type': JWT"));
  });
});

describe('evaluateJwtLogin: comma-joined bound_claims', () => {
  const a = sub('my-org', 'Default Project', 'ws-a', 'apply');
  const b = sub('my-org', 'Default Project', 'ws-b', 'apply');
  const c = sub('my-org', 'Default Project', 'ws-c', 'apply');
  const token = (s: string) => hcpToken({ sub: s });

  test.each(['string', 'glob'])('"a,b" means a OR b (%s)', (boundClaimsType) => {
    const role = documentedRole({ boundClaimsType, boundClaims: { sub: `${a},${b}` } });
    expect(evaluateJwtLogin(mount, role, token(a)).admitted).toBe(true);
    expect(evaluateJwtLogin(mount, role, token(b)).admitted).toBe(true);
    expect(evaluateJwtLogin(mount, role, token(c))).toEqual(NO_MATCH_SUB);
    expect(evaluateJwtLogin(mount, role, token(`${a},${b}`))).toEqual(NO_MATCH_SUB);
  });

  test('white space around alternatives is trimmed', () => {
    const role = documentedRole({ boundClaims: { sub: `  ${a} ,\n\t${b}\u00a0` } });
    expect(evaluateJwtLogin(mount, role, token(a)).admitted).toBe(true);
    expect(evaluateJwtLogin(mount, role, token(b)).admitted).toBe(true);
  });

  test('the space inside "Default Project" survives trimming', () => {
    const role = documentedRole({ boundClaims: { terraform_project_name: ' Default Project , Other ' } });
    expect(evaluateJwtLogin(mount, role, hcpToken()).admitted).toBe(true);
    expect(evaluateJwtLogin(mount, role, hcpToken({ terraform_project_name: 'Other' })).admitted).toBe(true);
    expect(evaluateJwtLogin(mount, role, hcpToken({ terraform_project_name: 'DefaultProject' })).admitted).toBe(false);
  });

  test('disableBoundClaimsParsing keeps the comma (and the white space) literal', () => {
    const role = documentedRole({ boundClaimsType: 'string', boundClaims: { team: 'a,b' }, disableBoundClaimsParsing: true });
    expect(evaluateJwtLogin(mount, role, hcpToken({ team: 'a,b' })).admitted).toBe(true);
    expect(evaluateJwtLogin(mount, role, hcpToken({ team: 'a' }))).toEqual(refused('claim "team" does not match any associated bound claim values'));
    const spaced = documentedRole({ boundClaimsType: 'string', boundClaims: { team: ' a ' }, disableBoundClaimsParsing: true });
    expect(evaluateJwtLogin(mount, spaced, hcpToken({ team: 'a' })).admitted).toBe(false);
    expect(evaluateJwtLogin(mount, spaced, hcpToken({ team: ' a ' })).admitted).toBe(true);
  });

  test('an empty alternative from a stray comma matches only an empty claim', () => {
    const role = documentedRole({ boundClaimsType: 'string', boundClaims: { team: 'a,' } });
    expect(evaluateJwtLogin(mount, role, hcpToken({ team: '' })).admitted).toBe(true);
    expect(evaluateJwtLogin(mount, role, hcpToken({ team: 'b' })).admitted).toBe(false);
  });
});

describe('evaluateJwtLogin: issuer, subject and audience', () => {
  test('no bound_issuer means any issuer', () => {
    expect(evaluateJwtLogin({}, documentedRole(), hcpToken({ iss: 'https://evil.example' })).admitted).toBe(true);
    expect(evaluateJwtLogin({ boundIssuer: '' }, documentedRole(), hcpToken({ iss: undefined })).admitted).toBe(true);
  });

  test('bound_subject is an exact comparison, never a glob', () => {
    const exact = sub('my-org', 'Default Project', 'my-workspace', 'apply');
    const role = documentedRole({ boundSubject: exact, boundClaims: undefined });
    expect(evaluateJwtLogin(mount, role, hcpToken()).admitted).toBe(true);
    const globbed = documentedRole({ boundSubject: sub('my-org', 'Default Project', 'my-workspace', '*'), boundClaims: undefined });
    expect(evaluateJwtLogin(mount, globbed, hcpToken())).toEqual(refused('invalid subject (sub) claim'));
  });

  test.each([
    ['a string aud equal to a bound audience', [AUDIENCE], AUDIENCE, true],
    ['a list aud containing a bound audience', [AUDIENCE], ['x', AUDIENCE], true],
    ['any of several bound audiences', ['x', AUDIENCE], AUDIENCE, true],
    ['no overlap', ['x', 'y'], ['z'], false],
    ['an empty list aud', [AUDIENCE], [], false],
    ['case differs', [AUDIENCE], 'Vault.Workload.Identity', false],
  ] as const)('bound audiences: %s -> %s', (_label, boundAudiences, aud, ok) => {
    const decision = evaluateJwtLogin(mount, documentedRole({ boundAudiences }), hcpToken({ aud }));
    expect(decision).toEqual(ok ? expect.objectContaining({ admitted: true }) : refused('invalid audience (aud) claim'));
  });

  test.each([
    ['a string aud', AUDIENCE, false],
    ['a list aud', [AUDIENCE], false],
    ['a list holding an empty string', [''], false],
    ['no aud', undefined, true],
    ['an empty list', [], true],
    ['an empty string', '', true],
  ] as const)('no bound audiences and %s -> admitted %s', (_label, aud, ok) => {
    const decision = evaluateJwtLogin(mount, documentedRole({ boundAudiences: [] }), hcpToken({ aud }));
    expect(decision).toEqual(ok ? expect.objectContaining({ admitted: true }) : refused('audience claim found in JWT but no audiences bound to the role'));
  });

  test.each([
    ['iss', 42, 'token claims could not be parsed: "iss" must be a string'],
    ['sub', ['a'], 'token claims could not be parsed: "sub" must be a string'],
    ['jti', 1, 'token claims could not be parsed: "jti" must be a string'],
    ['exp', '1650486422', 'token claims could not be parsed: "exp" must be a number'],
    ['aud', 42, 'token claims could not be parsed: "aud" must be a string or a list of strings'],
    ['aud', [AUDIENCE, 1], 'token claims could not be parsed: "aud" must be a string or a list of strings'],
    ['aud', null, 'token claims could not be parsed: "aud" must be a string or a list of strings'],
  ] as const)('a registered claim %s of the wrong type (%j) is refused', (name, value, reason) => {
    expect(evaluateJwtLogin(mount, documentedRole(), hcpToken({ [name]: value }))).toEqual(refused(reason));
  });

  test('checks run in Vault\'s order: issuer, subject, audience, user claim, bound claims', () => {
    const role = documentedRole({ boundSubject: 'nope' });
    const everythingWrong = hcpToken({ iss: 'x', aud: 'y', terraform_full_workspace: undefined, sub: 'z' });
    expect(evaluateJwtLogin(mount, role, everythingWrong).reason).toBe('invalid issuer (iss) claim');
    expect(evaluateJwtLogin(mount, role, hcpToken({ aud: 'y', terraform_full_workspace: undefined, sub: 'z' })).reason).toBe('invalid subject (sub) claim');
    expect(evaluateJwtLogin(mount, documentedRole(), hcpToken({ aud: 'y', terraform_full_workspace: undefined, sub: 'z' })).reason).toBe(
      'invalid audience (aud) claim',
    );
    expect(evaluateJwtLogin(mount, documentedRole(), hcpToken({ terraform_full_workspace: undefined, sub: 'z' })).reason).toBe(
      'claim "terraform_full_workspace" not found in token',
    );
    expect(evaluateJwtLogin(mount, documentedRole(), hcpToken({ sub: 'z' })).reason).toBe(NO_MATCH_SUB.reason);
  });
});

describe('evaluateJwtLogin: user_claim', () => {
  test.each([
    ['a stable id', { userClaim: 'terraform_workspace_id' }, {}, admitted('ws-mbsd5E3Ktt5Rg2Xm')],
    ['missing', { userClaim: 'email' }, {}, refused('claim "email" not found in token')],
    ['null', {}, { terraform_full_workspace: null }, refused('claim "terraform_full_workspace" not found in token')],
    ['a number', { userClaim: 'iat' }, {}, refused('claim "iat" could not be converted to string')],
    ['a list', { userClaim: 'groups' }, { groups: ['a'] }, refused('claim "groups" could not be converted to string')],
    ['a pointer without the flag', { userClaim: '/nested/name' }, { nested: { name: 'n' } }, refused('claim "/nested/name" not found in token')],
    ['a pointer with the flag', { userClaim: '/nested/name', userClaimJsonPointer: true }, { nested: { name: 'n' } }, admitted('n')],
    ['a plain name with the pointer flag', { userClaim: 'terraform_run_id', userClaimJsonPointer: true }, {}, admitted('run-X3n1AUXNGWbfECsJ')],
    ['an inherited property name', { userClaim: 'toString' }, {}, refused('claim "toString" not found in token')],
  ] as const)('%s', (_label, roleOverrides, tokenOverrides, expected) => {
    expect(evaluateJwtLogin(mount, documentedRole(roleOverrides), hcpToken(tokenOverrides))).toEqual(expected);
  });
});

/**
 * vault-plugin-auth-jwt claims_test.go (TestValidateBoundClaims, TestGetClaim and the glob cases), adapted: bound values
 * here are the provider's comma-joined strings, so Go's non-string bound values become their string spellings.
 */
describe('evaluateJwtLogin: bound_claims vectors adapted from claims_test.go', () => {
  const bareRole = (boundClaims: Record<string, string>, boundClaimsType = 'string'): JwtRoleModel => ({
    roleType: 'jwt',
    userClaim: 'u',
    boundClaims,
    boundClaimsType,
  });
  const check = (role: JwtRoleModel, claims: Record<string, unknown>) => evaluateJwtLogin({}, role, { u: 'alias', ...claims });
  const ok = admitted('alias');
  const noMatch = (name: string) => refused(`claim ${JSON.stringify(name)} does not match any associated bound claim values`);
  const missing = (name: string) => refused(`claim ${JSON.stringify(name)} is missing`);

  const nested = { bar: { baz: ['x', 'y', 'z'] } };
  test.each([
    ['valid', { foo: 'a', bar: 'b' }, 'string', { foo: 'a', bar: 'b' }, ok],
    ['match within list', { foo: 'a' }, 'string', { foo: ['a', 'b'] }, ok],
    ['match list against list', { foo: 'a,b,c' }, 'string', { foo: ['c', 'd'] }, ok],
    ['no match within list', { foo: 'c' }, 'string', { foo: ['a', 'b'] }, noMatch('foo')],
    ['no match list against list', { foo: 'a,b,c' }, 'string', { foo: ['d', 'e'] }, noMatch('foo')],
    ['extra data', { foo: 'a', bar: 'b' }, 'string', { foo: 'a', bar: 'b', color: 'green' }, ok],
    ['mismatched value', { foo: 'a', bar: 'b' }, 'string', { foo: 'a', bar: 'wrong' }, noMatch('bar')],
    ['missing claim', { foo: 'a', bar: 'b' }, 'string', { foo: 'a' }, missing('bar')],
    ['null claim counts as missing', { foo: 'a' }, 'string', { foo: null }, missing('foo')],
    ['JSON pointer', { foo: 'a', '/bar/baz/1': 'y' }, 'string', { foo: 'a', ...nested }, ok],
    ['JSON pointer value mismatch', { foo: 'a', '/bar/baz/1': 'q' }, 'string', { foo: 'a', ...nested }, noMatch('/bar/baz/1')],
    ['JSON pointer not found', { foo: 'a', '/bar/XXX/1243': 'q' }, 'string', { foo: 'a', ...nested }, missing('/bar/XXX/1243')],
    ['JSON pointer index out of range', { '/bar/baz/3': 'x' }, 'string', nested, missing('/bar/baz/3')],
    ['JSON pointer non-canonical index', { '/bar/baz/01': 'y' }, 'string', nested, missing('/bar/baz/01')],
    ['JSON pointer into a string', { '/foo/0': 'a' }, 'string', { foo: 'abc' }, missing('/foo/0')],
    ['match alternates', { email: 'a,b,c', color: 'green' }, 'string', { email: 'c', color: 'green' }, ok],
    ['no match alternates', { email: 'a,b,c', color: 'green' }, 'string', { email: 'd', color: 'green' }, noMatch('email')],
    ['bound "42" never equals the number 42', { email: '42' }, 'string', { email: 42 }, noMatch('email')],
    ['bound "true" never equals the boolean true', { email_verified: 'true' }, 'string', { email_verified: true }, noMatch('email_verified')],
    ['received number vs bound string', { email: 'd' }, 'string', { email: 42 }, noMatch('email')],
    ['non-string list element', { foo: '42' }, 'string', { foo: [42] }, noMatch('foo')],
    ['object claim', { foo: 'a' }, 'string', { foo: { a: 1 } }, refused('received claim is not a string, bool, int or list: {"a":1}')],
    ['string list ["a","b","c"] vs "c"', { k: 'a,b,c' }, 'string', { k: 'c' }, ok],
    ['string list ["a","b","c"] vs "d"', { k: 'a,b,c' }, 'string', { k: 'd' }, noMatch('k')],
    ['string "c" vs ["a","b"]', { k: 'c' }, 'string', { k: ['a', 'b'] }, noMatch('k')],
    ['glob 4* vs "42"', { k: '4*' }, 'glob', { k: '42' }, ok],
    ['glob 4* vs number 42 (non-string skipped)', { k: '4*' }, 'glob', { k: 42 }, noMatch('k')],
    ['glob 4* vs "d42"', { k: '4*' }, 'glob', { k: 'd42' }, noMatch('k')],
    ['glob *2 vs "42x"', { k: '*2' }, 'glob', { k: '42x' }, noMatch('k')],
    ['glob ["4*d","42*"] vs "42x"', { k: '4*d,42*' }, 'glob', { k: '42x' }, ok],
    ['glob ["4*d","42*"] vs "43x"', { k: '4*d,42*' }, 'glob', { k: '43x' }, noMatch('k')],
    ['glob *@*.com vs an email', { k: '*@*.com' }, 'glob', { k: 'test@example.com' }, ok],
    ['glob r*@*.com vs an email', { k: 'r*@*.com' }, 'glob', { k: 'test@example.com' }, noMatch('k')],
    ['glob skips non-strings inside a list', { k: 'a*' }, 'glob', { k: [42, true, null, 'abc'] }, ok],
    ['glob over a list with no string match', { k: 'a*' }, 'glob', { k: [42, 'bcd'] }, noMatch('k')],
    ['glob only ever matches strings: bound "*" vs boolean', { k: '*' }, 'glob', { k: false }, noMatch('k')],
  ] as const)('%s', (_label, boundClaims, type, claims, expected) => {
    expect(check(bareRole(boundClaims, type), claims)).toEqual(expected);
  });

  const data = { a: 42, b: 'bar', c: { d: 95, e: ['dog', 'cat', 'bird'], f: { g: 'zebra' } }, 'x/y': 'slash', 'm~n': 'tilde' };
  test.each([
    ['/c/e/1', 'cat', ok],
    ['/c/f/g', 'zebra', ok],
    ['b', 'bar', ok],
    ['/b', 'bar', ok],
    ['/a', '42', noMatch('/a')],
    ['a', '42', noMatch('a')],
    ['/c/d', '95', noMatch('/c/d')],
    ['nope', 'x', missing('nope')],
    ['/c/f/h', 'x', missing('/c/f/h')],
    ['', 'x', missing('')],
    ['\\', 'x', missing('\\')],
    ['/x~1y', 'slash', ok],
    ['/m~0n', 'tilde', ok],
    ['x/y', 'slash', ok],
    ['constructor', 'x', missing('constructor')],
    ['/c/toString', 'x', missing('/c/toString')],
  ] as const)('claim lookup %j (TestGetClaim)', (name, value, expected) => {
    expect(check(bareRole({ [name]: value }), data)).toEqual(expected);
  });
});

describe('jwtRoleProblems', () => {
  test('the documented role has none', () => {
    expect(jwtRoleProblems(documentedRole())).toEqual([]);
  });

  test('any single bound constraint is enough for Vault', () => {
    expect(jwtRoleProblems({ roleType: 'jwt', userClaim: 'u', boundAudiences: ['a'] })).toEqual([]);
    expect(jwtRoleProblems({ roleType: 'jwt', userClaim: 'u', boundSubject: 's' })).toEqual([]);
    expect(jwtRoleProblems({ roleType: 'jwt', userClaim: 'u', boundClaims: { sub: 's' } })).toEqual([]);
  });

  test.each([
    ['nothing', {}],
    ['empty lists and maps', { boundAudiences: [], boundSubject: '', boundClaims: {} }],
  ])('a jwt role bound by %s is rejected at creation, and so refuses every login', (_label, bounds) => {
    const role: JwtRoleModel = { roleType: 'jwt', userClaim: 'terraform_full_workspace', ...bounds };
    const problems = jwtRoleProblems(role);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^must have at least one bound constraint when creating\/updating a role; /);
    expect(evaluateJwtLogin(mount, role, hcpToken({ aud: undefined }))).toEqual(
      refused('must have at least one bound constraint when creating/updating a role'),
    );
  });

  test('an unset role_type is reported as Vault\'s oidc default', () => {
    const problems = jwtRoleProblems(documentedRole({ roleType: undefined }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('role with oidc role_type is not allowed');
    expect(problems[0]).toContain('unset');
    expect(problems[0]).toContain('role_type = "jwt"');
  });

  test('explicit oidc and unknown role types are reported', () => {
    expect(jwtRoleProblems(documentedRole({ roleType: 'oidc' }))[0]).toContain('role_type is "oidc"');
    expect(jwtRoleProblems(documentedRole({ roleType: 'Jwt' }))).toEqual(["invalid 'role_type': Jwt; set role_type = \"jwt\""]);
  });

  test('a missing user_claim and an unknown bound_claims_type are reported and refuse login', () => {
    const noUser = documentedRole({ userClaim: '' });
    expect(jwtRoleProblems(noUser)).toEqual([expect.stringMatching(/^a user claim must be defined on the role; /)]);
    expect(evaluateJwtLogin(mount, noUser, hcpToken())).toEqual(refused('a user claim must be defined on the role'));
    const regex = documentedRole({ boundClaimsType: 'regex' });
    expect(jwtRoleProblems(regex)).toEqual([expect.stringMatching(/^invalid 'bound_claims_type': regex; /)]);
    expect(evaluateJwtLogin(mount, regex, hcpToken())).toEqual(refused("invalid 'bound_claims_type': regex"));
  });

  test('reports every problem at once', () => {
    expect(jwtRoleProblems({ userClaim: '', boundClaimsType: 'x', roleType: 'jwt' })).toHaveLength(3);
  });
});
