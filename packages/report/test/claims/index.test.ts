import * as claims from '../../src/claims';
import { globMatch } from '../../src/claims/glob';
import { evaluateJwtLogin, jwtRoleProblems, splitProviderBoundClaimValue, vaultBoundClaims } from '../../src/claims/login';
import { organizationNameProblem, projectNameProblem, vaultNameProblem, workspaceNameProblem } from '../../src/claims/names';
import { hasWildcard, parseWorkspaceRunSubject, renderWorkspaceRunSubject } from '../../src/claims/subject';

test('the index re-exports the whole claims API', () => {
  expect(claims).toMatchObject({
    globMatch,
    evaluateJwtLogin,
    jwtRoleProblems,
    splitProviderBoundClaimValue,
    vaultBoundClaims,
    organizationNameProblem,
    projectNameProblem,
    vaultNameProblem,
    workspaceNameProblem,
    hasWildcard,
    parseWorkspaceRunSubject,
    renderWorkspaceRunSubject,
    MAX_PROJECT_NAME_LENGTH: 40,
    MIN_PROJECT_NAME_LENGTH: 3,
    MAX_WORKSPACE_NAME_LENGTH: 90,
    MAX_VAULT_NAME_LENGTH: 128,
  });
});
