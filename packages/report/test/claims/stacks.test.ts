import { globMatch } from '../../src/claims/glob';
import {
  moduleProviderProblem,
  renderModuleTestSubject,
  renderStackDeploymentSubject,
  stackPartProblem,
  stackSubjectLengthProblem,
  STACK_USER_CLAIMS,
} from '../../src/claims/stacks';

const base = { organization: 'My_Org_name', project: 'My_Project', stack: 'My_Stack', deployment: 'staging', operation: 'apply' };

test('renders the documented Stacks subject', () => {
  expect(renderStackDeploymentSubject(base)).toBe('organization:My_Org_name:project:My_Project:stack:My_Stack:deployment:staging:operation:apply');
});

test.each([
  [{}, true],
  [{ operation: 'plan' }, false],
  [{ deployment: 'production' }, false],
  [{ stack: 'Other_Stack' }, false],
  [{ project: 'My_Project2' }, false],
  [{ organization: 'My_Org_name2' }, false],
])('an exact deployment subject admits only its own deployment and operation (%j)', (change, admitted) => {
  const pattern = renderStackDeploymentSubject(base);
  expect(globMatch(pattern, renderStackDeploymentSubject({ ...base, ...change }))).toBe(admitted);
});

test('module test-run subject: the module segment is terraform-<provider>-<name>, not the registry name', () => {
  expect(renderModuleTestSubject('my-org', 'aws', 'vpc')).toBe('organization:my-org:module:terraform-aws-vpc:operation:test_run');
  expect(globMatch(renderModuleTestSubject('my-org', 'aws', 'vpc'), 'organization:my-org:module:terraform-aws-vpc-evil:operation:test_run')).toBe(false);
  expect(globMatch(renderModuleTestSubject('my-org', 'aws', 'vpc'), 'organization:my-org:module:vpc:operation:test_run')).toBe(false);
});

test('the provider-wide module test selector admits every module of that provider and no other provider', () => {
  const all = renderModuleTestSubject('my-org', 'aws', '*');
  expect(all).toBe('organization:my-org:module:terraform-aws-*:operation:test_run');
  expect(globMatch(all, 'organization:my-org:module:terraform-aws-vpc:operation:test_run')).toBe(true);
  expect(globMatch(all, 'organization:my-org:module:terraform-aws-ec2-instance:operation:test_run')).toBe(true);
  expect(globMatch(all, 'organization:my-org:module:terraform-awscc-vpc:operation:test_run')).toBe(false);
  expect(globMatch(all, 'organization:my-org:module:terraform-google-vpc:operation:test_run')).toBe(false);
  expect(globMatch(all, 'organization:my-org-evil:module:terraform-aws-vpc:operation:test_run')).toBe(false);
});

test.each([
  ['aws', undefined],
  ['azurerm', undefined],
  ['AWS', /lower-case letters and digits/],
  ['aws-x', /no room for "-"/],
  ['', /must be a registry provider name/],
])('module provider %j', (provider, problem) => {
  const found = moduleProviderProblem(provider);
  if (problem === undefined) expect(found).toBeUndefined();
  else expect(found).toMatch(problem);
});

test.each([
  ['Stack', 'My_Stack', undefined],
  ['Stack', 'a:b', /HCP Terraform Stack name "a:b" contains ":"/],
  ['deployment', 'prod*', /HCP Terraform deployment name "prod\*" contains "\*"/],
  ['registry module', '', /registry module name "" is empty/],
] as const)('%s name %j', (kind, value, problem) => {
  const found = stackPartProblem(kind, value);
  if (problem === undefined) expect(found).toBeUndefined();
  else expect(found).toMatch(problem);
});

test('the documented 127-character limit', () => {
  const long = renderStackDeploymentSubject({ ...base, stack: 's'.repeat(80) });
  expect(stackSubjectLengthProblem(long)).toMatch(/is 1[0-9]{2} characters long; HCP Terraform documents a limit of 127/);
  expect(stackSubjectLengthProblem(renderStackDeploymentSubject(base))).toBeUndefined();
});

test('Stack tokens have no terraform_full_workspace claim, so it is never a user_claim choice', () => {
  expect(STACK_USER_CLAIMS).not.toContain('terraform_full_workspace');
  expect(STACK_USER_CLAIMS[0]).toBe('terraform_stack_id');
});

test.each(['Stack', 'deployment', 'registry module'] as const)('a bad %s name is described as one, never as a workspace name', (kind) => {
  const found = stackPartProblem(kind, 'a:b');
  expect(found).toMatch(new RegExp(`use the ${kind} name exactly as HCP Terraform shows it`));
  expect(found).not.toMatch(/workspace/);
});
