export {
  VAULT_CAPABILITIES,
  MAX_POLICY_PATH_LENGTH,
  TOKEN_SELF_RULES,
  PolicyDocument,
  compareCodeUnits,
  isVaultCapability,
  policyNameProblem,
  policyPathProblem,
  sortCapabilities,
} from './document';
export type { PolicyRule, VaultCapability } from './document';
export { PolicyParseError, parsePolicy } from './parse';
export type { ParsedPolicy, ParsedPolicyRule } from './parse';
export { evaluateAcl, policiesFromDocuments, policiesFromParsed } from './acl';
export type { AclDecision, AclRuleInput } from './acl';
export { namespacedPath, pipelinePolicyDocument, pipelineRulesFor } from './pipeline';
export type { ManagedVaultObject } from './pipeline';
