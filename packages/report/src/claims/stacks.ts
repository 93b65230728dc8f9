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

/**
 * The module segment of a registry module's test-run subject: the repository-style name
 * `terraform-<provider>-<name>` (`terraform-aws-vpc` for module `vpc` of provider `aws`), not the bare registry name
 * that `tfe_test_variable.module_name` takes. With `name` `*` it is the documented selector for every module of one
 * provider (`terraform-aws-*`).
 *
 * @see https://developer.hashicorp.com/terraform/cloud-docs/registry/test/dynamic-credentials (subject claim format,
 *   example `organization:my-org:module:terraform-aws-vpc:operation:test_run`; `module:terraform-aws-*` in the
 *   condition-based trust policy example)
 * @see https://developer.hashicorp.com/terraform/cloud-docs/registry/test/dynamic-credentials/aws ("Trust policy with
 *   module name pattern": all AWS modules)
 */
export function moduleTestSubjectName(moduleProvider: string, moduleName: string): string {
  return `terraform-${moduleProvider}-${moduleName}`;
}

/**
 * `organization:<o>:module:terraform-<provider>-<name>:operation:test_run`: the subject of a private registry
 * module's test run. Pass `*` as `moduleName` for every module of the provider (a glob: bind it with
 * `bound_claims_type = "glob"`).
 */
export function renderModuleTestSubject(organization: string, moduleProvider: string, moduleName: string): string {
  return `organization:${organization}:module:${moduleTestSubjectName(moduleProvider, moduleName)}:operation:test_run`;
}

/**
 * Problem with a registry module provider name, or undefined. The registry splits `terraform-<provider>-<name>` at
 * the first hyphen after the provider (the name may contain more hyphens, the provider none), so a provider with a
 * hyphen would make `terraform-<provider>-*` reach another provider's modules.
 *
 * @see https://developer.hashicorp.com/terraform/registry/modules/publish (three-part name; only `<NAME>` may contain
 *   additional hyphens)
 */
export function moduleProviderProblem(moduleProvider: string): string | undefined {
  if (!/^[a-z0-9]{1,64}$/.test(moduleProvider)) {
    return (
      `moduleProvider ${JSON.stringify(moduleProvider)} must be a registry provider name such as "aws" (lower-case letters and ` +
      "digits; the registry's terraform-<provider>-<name> form leaves no room for \"-\" in the provider)"
    );
  }
  return undefined;
}

/** Problem with a Stack or deployment name (same character rule as workspace names), or undefined. */
export function stackPartProblem(kind: 'Stack' | 'deployment' | 'registry module', value: string): string | undefined {
  const problem = workspaceNameProblem(value);
  if (problem === undefined) return undefined;
  return problem
    .replace(/HCP Terraform workspace name/g, `HCP Terraform ${kind} name`)
    .replace(/workspace names/g, `${kind} names`)
    .replace(/the workspace name/g, `the ${kind} name`);
}

/** Problem with the length of a rendered Stacks subject, or undefined. */
export function stackSubjectLengthProblem(subject: string): string | undefined {
  if (subject.length > MAX_STACK_SUBJECT_LENGTH) {
    return (
      `the Stacks subject ${JSON.stringify(subject)} is ${subject.length} characters long; HCP Terraform documents a limit of ` +
      `${MAX_STACK_SUBJECT_LENGTH}, so shorten the project, Stack or deployment names`
    );
  }
  return undefined;
}
