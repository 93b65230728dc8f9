/**
 * Finer points of the Vault JWT login model: Go's white space, JSON pointers through null, claims that cannot be
 * described, registered-claim types, and the exact wording of role problems.
 */
import { JwtRoleModel, evaluateJwtLogin, jwtRoleProblems, splitProviderBoundClaimValue } from '../../src/claims/login';

const role = (overrides: Partial<JwtRoleModel> = {}): JwtRoleModel => ({
  roleType: 'jwt',
  boundAudiences: ['vault.workload.identity'],
  userClaim: 'u',
  ...overrides,
});
const token = (overrides: Record<string, unknown> = {}) => ({ aud: 'vault.workload.identity', u: 'alias', ...overrides });

describe('Go white space around bound-claim alternatives', () => {
  test.each([
    ['U+0009 (tab), the first of the control range', 0x09],
    ['U+000D (carriage return), the last of the control range', 0x0d],
    ['U+1680 (Ogham space mark)', 0x1680],
    ['U+2000 (en quad), the first of the typographic range', 0x2000],
    ['U+200A (hair space), the last of the typographic range', 0x200a],
    ['U+2029 (paragraph separator)', 0x2029],
    ['U+202F (narrow no-break space)', 0x202f],
    ['U+205F (medium mathematical space)', 0x205f],
  ])('%s is trimmed', (_label, code) => {
    const space = String.fromCharCode(code);
    expect(splitProviderBoundClaimValue(`${space}a${space},${space}b`)).toEqual(['a', 'b']);
  });

  test.each([
    ['U+0008 (backspace), just below the control range', 0x08],
    ['U+000E, just above the control range', 0x0e],
    ['U+1FFF, just below the typographic range', 0x1fff],
    ['U+200B (zero-width space), just above it', 0x200b],
  ])('%s is kept', (_label, code) => {
    const other = String.fromCharCode(code);
    expect(splitProviderBoundClaimValue(`${other}a${other}`)).toEqual([`${other}a${other}`]);
  });

  test('a value of white space only becomes the empty string', () => {
    expect(splitProviderBoundClaimValue(' \t\u3000 ,\u2000')).toEqual(['', '']);
  });
});

describe('JSON pointers', () => {
  test('a pointer through null or past the end of a list finds nothing', () => {
    const pointerRole = role({ userClaim: '/a/b', userClaimJsonPointer: true });
    expect(evaluateJwtLogin({}, pointerRole, token({ a: null }))).toEqual({ admitted: false, reason: 'claim "/a/b" not found in token' });
    const listRole = role({ userClaim: '/a/2', userClaimJsonPointer: true });
    expect(evaluateJwtLogin({}, listRole, token({ a: ['x', 'y'] }))).toEqual({ admitted: false, reason: 'claim "/a/2" not found in token' });
    expect(evaluateJwtLogin({}, listRole, token({ a: ['x', 'y', 'z'] }))).toEqual({ admitted: true, aliasName: 'z' });
  });
});

test('a claim value JSON cannot describe is still named in the refusal', () => {
  expect(evaluateJwtLogin({}, role({ boundClaims: { n: '1' } }), token({ n: BigInt(1) }))).toEqual({
    admitted: false,
    reason: 'received claim is not a string, bool, int or list: 1',
  });
});

describe('registered claims', () => {
  test('null issuer, subject and id are accepted as absent', () => {
    expect(evaluateJwtLogin({}, role(), token({ iss: null, sub: null, jti: null, iat: null }))).toEqual({ admitted: true, aliasName: 'alias' });
  });

  test.each(['iat', 'nbf', 'exp'])('%s must be a number', (name) => {
    expect(evaluateJwtLogin({}, role(), token({ [name]: '1650486122' }))).toEqual({
      admitted: false,
      reason: `token claims could not be parsed: "${name}" must be a number`,
    });
  });

  test('an empty audience string counts as no audience for a role without bound audiences', () => {
    const unboundAudience = role({ boundAudiences: [], boundSubject: 's' });
    expect(evaluateJwtLogin({}, unboundAudience, token({ aud: '', sub: 's' }))).toEqual({ admitted: true, aliasName: 'alias' });
    expect(evaluateJwtLogin({}, unboundAudience, token({ aud: [''], sub: 's' }))).toEqual({
      admitted: false,
      reason: 'audience claim found in JWT but no audiences bound to the role',
    });
  });
});

describe('role problems, word for word', () => {
  test('a missing user claim', () => {
    expect(jwtRoleProblems(role({ userClaim: '' }))).toEqual([
      'a user claim must be defined on the role; set user_claim, e.g. "terraform_full_workspace" or "terraform_workspace_id"',
    ]);
  });

  test('a user claim that is not a string (an untyped caller)', () => {
    expect(jwtRoleProblems(role({ userClaim: 5 as unknown as string }))).toEqual([
      'a user claim must be defined on the role; set user_claim, e.g. "terraform_full_workspace" or "terraform_workspace_id"',
    ]);
  });

  test('an unknown bound_claims_type', () => {
    expect(jwtRoleProblems(role({ boundClaimsType: 'regex' }))).toEqual([
      'invalid \'bound_claims_type\': regex; use "string" for exact values or "glob" for patterns with "*"',
    ]);
  });

  test('a jwt role without any bound constraint', () => {
    expect(jwtRoleProblems(role({ boundAudiences: [] }))).toEqual([
      'must have at least one bound constraint when creating/updating a role; bind bound_audiences and a bound_claims "sub" pattern that names at ' +
        'least the organization',
    ]);
  });

  test('an oidc role without constraints reports the role type only: Vault checks bounds for jwt roles', () => {
    expect(jwtRoleProblems({ userClaim: 'u' })).toEqual([
      'role with oidc role_type is not allowed (for JWT login): role_type is unset, so Vault uses "oidc"; set role_type = "jwt"',
    ]);
  });
});
