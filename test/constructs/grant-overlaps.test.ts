import { TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { synthError, synthWith } from '../support/synth';

/**
 * Overlapping workspace grants: which pairs are refused, and the exact message for each shape of overlap (names,
 * prefixes, whole projects, the whole organization). (Found by `npm run mutate:constructs` on
 * lib/private/grant-overlap.ts: no test compared two prefixes or two organization-wide grants, read more than one
 * overlap message, or gave the index names that sort around a prefix.)
 */

const ARN = 'arn:aws:iam::123456789012:role/runs';
const KEYS = 'TFC_VAULT_PLAN_ROLE, TFC_VAULT_APPLY_ROLE, TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE';

/** One grant to declare: its id, project (undefined for none) and selector; each grant gets its own role. */
type GrantSpec = [id: string, project: string | undefined, workspaces: WorkspaceSelector];

/** Declares these grants in a stack, each with its own role. */
function declare(grants: GrantSpec[]): (stack: TerraformStack) => void {
  return (stack) => {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
    const aws = trust.addAwsSecretsEngine('aws');
    for (const [id, project, workspaces] of grants) {
      const role = aws.addAssumedRole(id, { roleArns: [ARN] });
      trust.grantWorkspaces(id, { project, workspaces, aws: { plan: role, apply: role } });
    }
  };
}

/** The synthesis error of a stack with these grants, one line per problem, without the "[path] " prefix. */
function problems(grants: GrantSpec[]): string[] {
  return [...synthError(declare(grants)).matchAll(/^ {2}\[[^\]]*\] (.*)$/gm)].map((match) => match[1]);
}

/** The overlap refusal of grants `one` and `two` of the trust, which set every AWS variable differently. */
function overlap(one: string, two: string, shared: string): string {
  return `grants test/trust/${one} and test/trust/${two} both reach ${shared} and set ${KEYS} differently; HCP Terraform would apply only one of ` +
    'them. Give each workspace one grant, or combine the credentials into one grant';
}

test('two grants sharing workspaces are refused with the whole message, naming only the shared workspaces', () => {
  expect(problems([
    ['one', 'Net', WorkspaceSelector.names('alpha', 'beta', 'only-one')],
    ['two', 'Net', WorkspaceSelector.names('alpha', 'beta', 'only-two')],
  ])).toEqual([
    'grants test/trust/one and test/trust/two both reach workspaces "alpha", "beta" of project "Net" and set TFC_VAULT_PLAN_ROLE, ' +
      'TFC_VAULT_APPLY_ROLE, TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE differently; HCP Terraform would apply only one of them. Give each workspace ' +
      'one grant, or combine the credentials into one grant',
  ]);
});

test('a workspace whose name begins with "undefined" is not mistaken for a shared one', () => {
  expect(problems([
    ['one', 'Net', WorkspaceSelector.names('shared')],
    ['two', 'Net', WorkspaceSelector.names('shared', 'undefined-two')],
  ])).toEqual([overlap('one', 'two', 'workspace "shared" of project "Net"')]);
});

test('the overlapping pair is found among other grants, whatever their position', () => {
  expect(problems([
    ['other', 'Elsewhere', WorkspaceSelector.names('shared')],
    ['one', 'Net', WorkspaceSelector.names('shared')],
    ['two', 'Net', WorkspaceSelector.names('shared')],
  ])).toEqual([overlap('one', 'two', 'workspace "shared" of project "Net"')]);
});

test.each([
  ['two project-wide grants', WorkspaceSelector.allInProject(), WorkspaceSelector.allInProject()],
  ['a project-wide grant, then a named one', WorkspaceSelector.allInProject(), WorkspaceSelector.names('a')],
  ['a named grant, then a project-wide one', WorkspaceSelector.names('a'), WorkspaceSelector.allInProject()],
])('%s, in one project, both reach every workspace of it', (_title, one, two) => {
  expect(problems([
    ['one', 'Net', one],
    ['two', 'Net', two],
  ])).toEqual([overlap('one', 'two', 'every workspace of project "Net"')]);
});

describe('organization-wide grants', () => {
  test('two of them both reach every workspace of the organization', () => {
    expect(problems([
      ['one', undefined, WorkspaceSelector.allInOrganization()],
      ['two', undefined, WorkspaceSelector.allInOrganization()],
    ])).toEqual([overlap('one', 'two', 'every workspace of the organization')]);
  });

  test('declared after a project grant, it names the project of the other grant', () => {
    expect(problems([
      ['one', 'Net', WorkspaceSelector.names('a')],
      ['two', undefined, WorkspaceSelector.allInOrganization()],
    ])).toEqual([overlap('one', 'two', 'every workspace of project "Net" that the other grant selects')]);
  });

  test('every overlap is reported, in the order the grants were declared', () => {
    expect(problems([
      ['org', undefined, WorkspaceSelector.allInOrganization()],
      ['one', 'Net', WorkspaceSelector.names('a')],
      ['two', 'Net', WorkspaceSelector.names('a')],
    ])).toEqual([
      overlap('org', 'one', 'every workspace of project "Net" that the other grant selects'),
      overlap('org', 'two', 'every workspace of project "Net" that the other grant selects'),
      overlap('one', 'two', 'workspace "a" of project "Net"'),
    ]);
  });
});

describe('prefix grants', () => {
  test.each([
    ['the shorter first', 'net', 'network-'],
    ['the longer first', 'network-', 'net'],
    ['the same prefix twice', 'net-', 'net-'],
  ])('two prefixes, one starting the other (%s), both reach the workspaces named by the longer', (_title, one, two) => {
    const longer = one.length > two.length ? one : two;
    expect(problems([
      ['one', 'Net', WorkspaceSelector.prefix(one)],
      ['two', 'Net', WorkspaceSelector.prefix(two)],
    ])).toEqual([overlap('one', 'two', `the workspaces named "${longer}*" of project "Net"`)]);
  });

  test('prefixes that diverge, or of different projects, synthesize', () => {
    expect(() => synthWith(declare([
      ['one', 'Net', WorkspaceSelector.prefix('network-')],
      ['two', 'Net', WorkspaceSelector.prefix('net-')],
      ['three', 'Other', WorkspaceSelector.prefix('network-')],
    ]))).not.toThrow();
  });

  test('a named grant declared before a prefix grant is refused all the same', () => {
    expect(problems([
      ['byname', 'Net', WorkspaceSelector.names('network-prod')],
      ['byprefix', 'Net', WorkspaceSelector.prefix('network-')],
    ])).toEqual([overlap('byname', 'byprefix', 'workspace "network-prod" of project "Net"')]);
  });

  test('a prefix reaches the named workspaces that start with it, among names that sort before and after it', () => {
    expect(problems([
      ['around', 'Net', WorkspaceSelector.names('alpha', 'zeta')],
      ['byprefix', 'Net', WorkspaceSelector.prefix('network-')],
      ['byname', 'Net', WorkspaceSelector.names('network-prod', 'network-test', 'networks')],
    ])).toEqual([overlap('byprefix', 'byname', 'workspaces "network-prod", "network-test" of project "Net"')]);
  });
});

test.each([
  ['an empty and a missing project', '', undefined],
  ['two missing projects', undefined, undefined],
  ['two empty projects', '', ''],
])('grants without a project are refused for that alone, not as overlapping: %s', (_title, first, second) => {
  expect(problems([
    ['one', first, WorkspaceSelector.names('a')],
    ['two', second, WorkspaceSelector.names('a')],
  ])).toEqual([
    'project is required: name the HCP Terraform project whose workspaces the grant selects (for example "Default Project")',
    'project is required: name the HCP Terraform project whose workspaces the grant selects (for example "Default Project")',
  ]);
});
