import * as claims from '../../lib/claims';
import { globMatch } from '../../lib/claims/glob';
import { evaluateJwtLogin, jwtRoleProblems, splitProviderBoundClaimValue, vaultBoundClaims } from '../../lib/claims/login';
import { organizationNameProblem, projectNameProblem, vaultNameProblem, workspaceNameProblem } from '../../lib/claims/names';
import { RunPhase, hasWildcard, parseWorkspaceRunSubject, renderWorkspaceRunSubject } from '../../lib/claims/subject';

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
    RunPhase,
    hasWildcard,
    parseWorkspaceRunSubject,
    renderWorkspaceRunSubject,
    MAX_PROJECT_NAME_LENGTH: 40,
    MIN_PROJECT_NAME_LENGTH: 3,
    MAX_WORKSPACE_NAME_LENGTH: 90,
    MAX_VAULT_NAME_LENGTH: 128,
  });
});
