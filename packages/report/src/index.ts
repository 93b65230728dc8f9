/**
 * The trust report and simulator, for use from code: `cdktf-vault-backed-credentials/report`.
 * (Not part of the jsii API; TypeScript and JavaScript only.)
 */
export { explain, failingFindings, reportData } from './explain';
export type { ExplainOptions, TrustReport } from './explain';
export type { Finding, Rule, Severity } from './rules';
export type { CredentialCell, MatrixRow, RoleSummary } from './model';
export { phaseEngineRoles } from './model';
export type { PhaseEngineRoles, PhaseRead } from './model';
export { renderMermaid, renderTable } from './render';
export { catalogueEntry, RULE_CATALOGUE, RULES, ruleEntry, ruleIds, SEVERITIES, warningRuleId } from './rules';
export { acknowledgementsOf } from './acknowledged';
export type { AcknowledgementRecord } from './acknowledged';
export { renderMarkdown } from './markdown';
export { renderSarif } from './sarif';
export { renderJson, renderMermaidStacks, renderRuleList, stackName } from './stacks';
export type { StackReport } from './stacks';
export type { RuleEntry, RuleStage } from './rules';
export {
  knownCredentialPaths,
  reachableCredentials,
  runCanRead,
  simulateLogin,
  simulateTokenRun,
  simulateWorkspaceRun,
  unstatedClaims,
  VAULT_DEFAULT_POLICY_RULES,
  workspaceRunClaims,
} from './simulate';
export type { CredentialResult, LoginAttempt, LoginOutcome, LoginVerdict, ReadVerdict, RunOutcome, VaultLoginResult, WorkspaceRun } from './simulate';
export type { LoginCondition, UnstatedClaim } from './simulate';
export { literalOf, TerraformConfiguration } from './terraform-json';
export type { ConfigurationOptions, Resolved } from './terraform-json';
export { describeRun, expectNoTrustFindings, expectRunCanRead, expectRunCannotRead, loadConfiguration } from './testing';
export type { Synthesized } from './testing';
export { isTerraformDirectory, readTerraformDirectory } from './hcl';
export { isTerraformSource, readTerraformConfiguration } from './load';
export type { LoadedConfiguration, LoadOptions } from './load';
export { diffConfigurations, gainsAccess, renderDiff } from './diff';
