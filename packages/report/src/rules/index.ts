/**
 * The rule catalogue: the one registry of every problem this project names, whether synthesis warns about it, the
 * trust report finds it, or both. Each rule lives in a file of its own (`rules/<id>.ts`) with its id, severity,
 * title, explanation, fix, stages and, for report rules, its check. Adding a rule is one file and one line here; the
 * tests check that every finding the report can emit and every warning synthesis prints has an entry.
 *
 * Pure: no cdktf. The construct library reads it through the `vault-backed-credentials-report/rules` entry point.
 */
import { awsIamUserDelay } from './aws-iam-user-delay';
import { credentialDenied } from './credential-denied';
import { engineRoleMissing } from './engine-role-missing';
import { gcpAccessTokenOneHour } from './gcp-access-token-one-hour';
import { gcpBasicRole } from './gcp-basic-role';
import { globCrossesBoundary } from './glob-crosses-boundary';
import { invalidInput } from './invalid-input';
import { issuerMalformed } from './issuer-malformed';
import { mountKeySource } from './mount-key-source';
import { nameOnlyBinding } from './name-only-binding';
import { namespaceMismatch } from './namespace-mismatch';
import { phaseCannotLogIn } from './phase-cannot-log-in';
import { pipelineNeedsSkipChildToken } from './pipeline-needs-skip-child-token';
import { planApplyShared } from './plan-apply-shared';
import { planBroaderThanApply } from './plan-broader-than-apply';
import { planReachesApply } from './plan-reaches-apply';
import { policyNameCase } from './policy-name-case';
import { policyNotDefined } from './policy-not-defined';
import { policyWildcard } from './policy-wildcard';
import { projectWideGrant } from './project-wide-grant';
import { roleMissingAudience } from './role-missing-audience';
import { roleNotOrgAnchored } from './role-not-org-anchored';
import { roleTypeNotJwt } from './role-type-not-jwt';
import { secretInState } from './secret-in-state';
import { stsTtlExceedsRoleSession } from './sts-ttl-exceeds-role-session';
import { tokenNumUses } from './token-num-uses';
import { tokenTtlExcessive } from './token-ttl-excessive';
import { tokenTtlUnset } from './token-ttl-unset';
import { tokenTypeBatch } from './token-type-batch';
import { unresolved } from './unresolved';
import { unusedPolicyPath } from './unused-policy-path';
import { variableConflict } from './variable-conflict';
import { vaultAddressPlainHttp } from './vault-address-plain-http';
import { workspacePrefixGrant } from './workspace-prefix-grant';
import { ReportRule, Rule, RuleEntry } from './types';

export * from './types';
export { builtInExcess, builtInExcessMessage, builtInRank, PLAN_BROADER_THAN_APPLY } from './plan-broader-than-apply';
export type { BuiltInExcess, BuiltInGrant } from './plan-broader-than-apply';

/** Every rule, in the order `--list-rules` prints them: report rules first, then synthesis-only ones. */
export const RULE_CATALOGUE: readonly Rule[] = [
  roleTypeNotJwt,
  roleMissingAudience,
  roleNotOrgAnchored,
  globCrossesBoundary,
  issuerMalformed,
  namespaceMismatch,
  phaseCannotLogIn,
  credentialDenied,
  planReachesApply,
  projectWideGrant,
  nameOnlyBinding,
  policyWildcard,
  unusedPolicyPath,
  planApplyShared,
  variableConflict,
  unresolved,
  invalidInput,
  mountKeySource,
  engineRoleMissing,
  tokenTtlUnset,
  tokenTtlExcessive,
  tokenTypeBatch,
  tokenNumUses,
  policyNameCase,
  policyNotDefined,
  workspacePrefixGrant,
  secretInState,
  vaultAddressPlainHttp,
  awsIamUserDelay,
  gcpBasicRole,
  planBroaderThanApply,
  stsTtlExceedsRoleSession,
  gcpAccessTokenOneHour,
  pipelineNeedsSkipChildToken,
];

/** The rules the report checks, in catalogue order. */
export const RULES: readonly ReportRule[] = RULE_CATALOGUE.filter((rule): rule is ReportRule => rule.check !== undefined);

const BY_ID = new Map(RULE_CATALOGUE.map((rule) => [rule.id, rule]));

/** The catalogue entry of an id, or undefined. */
export function ruleEntry(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The catalogue ids, in catalogue order. */
export function ruleIds(): string[] {
  return RULE_CATALOGUE.map((rule) => rule.id);
}

/** A rule's catalogue data without its check (as `--list-rules --format json` prints it). */
export function catalogueEntry(rule: Rule): RuleEntry {
  return { id: rule.id, severity: rule.severity, title: rule.title, explanation: rule.explanation, fix: rule.fix, stages: rule.stages };
}

/** The `[id] ` prefix a synthesis warning starts with. */
export function warningPrefix(id: string): string {
  return `[${id}] `;
}

/** The rule id a synthesis warning's text starts with, or undefined when it has none. */
export function warningRuleId(text: string): string | undefined {
  return /^\[([a-z0-9]+(?:-[a-z0-9]+)*)\] /.exec(text)?.[1];
}
