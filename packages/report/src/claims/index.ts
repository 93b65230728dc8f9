export { globMatch } from './glob';
export {
  MAX_PROJECT_NAME_LENGTH,
  MAX_VAULT_NAME_LENGTH,
  MAX_WORKSPACE_NAME_LENGTH,
  MIN_PROJECT_NAME_LENGTH,
  organizationNameProblem,
  projectNameProblem,
  vaultNameProblem,
  workspaceNameProblem,
} from './names';
export { hasWildcard, parseWorkspaceRunSubject, renderWorkspaceRunSubject } from './subject';
export type { WorkspaceRunSubject } from './subject';
export { evaluateJwtLogin, jwtRoleProblems, splitProviderBoundClaimValue, vaultBoundClaims } from './login';
export type { JwtAuthMountModel, JwtRoleModel, LoginDecision, TokenClaims } from './login';
export * from './stacks';
