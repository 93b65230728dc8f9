/**
 * Subjects of tokens that are not workspace runs: HCP Terraform Stacks deployments and private registry module test
 * runs. Pure: no cdktf.
 */
import { workspaceNameProblem } from './names';

/** Maximum length of a Stacks deployment `sub`, as documented by HCP Terraform. */
export const MAX_STACK_SUBJECT_LENGTH = 127;

/**
 * Claims that every Stacks deployment token carries as strings, and so may serve as `user_claim`.
 * `terraform_full_workspace` is not among them: Stack tokens have no workspace.
 */
export const STACK_USER_CLAIMS = [
  'terraform_stack_id',
  'sub',
  'terraform_stack_name',
  'terraform_stack_deployment_name',
  'terraform_project_id',
  'terraform_project_name',
  'terraform_organization_id',
  'terraform_organization_name',
  'terraform_plan_id',
];

/** Claims every registry module test-run token carries as strings. */
export const MODULE_TEST_USER_CLAIMS = ['terraform_run_id', 'sub', 'terraform_organization_id', 'terraform_organization_name'];

/** The parts of a Stacks deployment subject. */
export interface StackDeploymentSubject {
  readonly organization: string;
  readonly project: string;
  readonly stack: string;
  readonly deployment: string;
  readonly operation: string;
}

/** `organization:<o>:project:<p>:stack:<s>:deployment:<d>:operation:<op>` (parts may be `*` to form a glob). */
export function renderStackDeploymentSubject(s: StackDeploymentSubject): string {
  return `organization:${s.organization}:project:${s.project}:stack:${s.stack}:deployment:${s.deployment}:operation:${s.operation}`;
}

/** `organization:<o>:module:<m>:operation:test_run`: the subject of a private registry module's test run. */
export function renderModuleTestSubject(organization: string, moduleName: string): string {
  return `organization:${organization}:module:${moduleName}:operation:test_run`;
}

/** Problem with a Stack or deployment name (same character rule as workspace names), or undefined. */
export function stackPartProblem(kind: 'Stack' | 'deployment' | 'registry module', value: string): string | undefined {
  const problem = workspaceNameProblem(value);
  return problem === undefined ? undefined : problem.replace(/HCP Terraform workspace name/g, `HCP Terraform ${kind} name`).replace(/workspace names/g, `${kind} names`);
}

/** Problem with the length of a rendered Stacks subject, or undefined. */
export function stackSubjectLengthProblem(subject: string): string | undefined {
  if (subject.length > MAX_STACK_SUBJECT_LENGTH) {
    return `the Stacks subject ${JSON.stringify(subject)} is ${subject.length} characters long; HCP Terraform documents a limit of ${MAX_STACK_SUBJECT_LENGTH}, so shorten the project, Stack or deployment names`;
  }
  return undefined;
}
