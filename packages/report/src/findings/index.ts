/** The findings catalogue, in the order the report runs it. */
import { credentialDenied } from './credential-denied';
import { engineRoleMissing } from './engine-role-missing';
import { globCrossesBoundary } from './glob-crosses-boundary';
import { invalidInput } from './invalid-input';
import { issuerMalformed } from './issuer-malformed';
import { mountKeySource } from './mount-key-source';
import { nameOnlyBinding } from './name-only-binding';
import { namespaceMismatch } from './namespace-mismatch';
import { phaseCannotLogIn } from './phase-cannot-log-in';
import { planApplyShared } from './plan-apply-shared';
import { planReachesApply } from './plan-reaches-apply';
import { policyNameCase } from './policy-name-case';
import { policyNotDefined } from './policy-not-defined';
import { policyWildcard } from './policy-wildcard';
import { projectWideGrant } from './project-wide-grant';
import { roleMissingAudience } from './role-missing-audience';
import { roleNotOrgAnchored } from './role-not-org-anchored';
import { roleTypeNotJwt } from './role-type-not-jwt';
import { tokenNumUses } from './token-num-uses';
import { tokenTtlExcessive } from './token-ttl-excessive';
import { tokenTtlUnset } from './token-ttl-unset';
import { tokenTypeBatch } from './token-type-batch';
import { unresolved } from './unresolved';
import { unusedPolicyPath } from './unused-policy-path';
import { variableConflict } from './variable-conflict';
import { Rule } from './types';

export * from './types';

/** Every rule. */
export const RULES: readonly Rule[] = [
  invalidInput,
  roleTypeNotJwt,
  roleMissingAudience,
  roleNotOrgAnchored,
  globCrossesBoundary,
  issuerMalformed,
  mountKeySource,
  namespaceMismatch,
  phaseCannotLogIn,
  credentialDenied,
  engineRoleMissing,
  planReachesApply,
  projectWideGrant,
  nameOnlyBinding,
  policyWildcard,
  unusedPolicyPath,
  planApplyShared,
  variableConflict,
  tokenNumUses,
  tokenTtlUnset,
  tokenTtlExcessive,
  tokenTypeBatch,
  policyNameCase,
  policyNotDefined,
  unresolved,
];
