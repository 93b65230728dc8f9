import { globMatch } from '../../src/claims/glob';
import { hasWildcard, parseWorkspaceRunSubject, renderWorkspaceRunSubject } from '../../src/claims/subject';

const documented = 'organization:my-org:project:Default Project:workspace:my-workspace:run_phase:apply';

describe('renderWorkspaceRunSubject', () => {
  test('renders the documented example sub', () => {
    expect(
      renderWorkspaceRunSubject({ organization: 'my-org', project: 'Default Project', workspace: 'my-workspace', runPhase: 'apply' }),
    ).toBe(documented);
  });

  test('renders the documented Vault role pattern, which then admits both phases', () => {
    const pattern = renderWorkspaceRunSubject({ organization: 'my-org-name', project: 'my-project-name', workspace: 'my-workspace-name', runPhase: '*' });
    expect(pattern).toBe('organization:my-org-name:project:my-project-name:workspace:my-workspace-name:run_phase:*');
    for (const runPhase of ['plan', 'apply']) {
      const sub = renderWorkspaceRunSubject({ organization: 'my-org-name', project: 'my-project-name', workspace: 'my-workspace-name', runPhase });
      expect(globMatch(pattern, sub)).toBe(true);
    }
  });

  test('does not validate: values pass through untouched', () => {
    expect(renderWorkspaceRunSubject({ organization: '*', project: '*', workspace: '*', runPhase: '*' })).toBe(
      'organization:*:project:*:workspace:*:run_phase:*',
    );
  });
});

describe('parseWorkspaceRunSubject', () => {
  test('parses the documented example', () => {
    expect(parseWorkspaceRunSubject(documented)).toEqual({
      organization: 'my-org',
      project: 'Default Project',
      workspace: 'my-workspace',
      runPhase: 'apply',
    });
  });

  test.each([
    documented,
    'organization:a:project:b c:workspace:d:run_phase:plan',
    'organization:my-org:project:*:workspace:prod-*:run_phase:*',
  ])('round-trips %j', (sub) => {
    const parsed = parseWorkspaceRunSubject(sub);
    expect(parsed).toBeDefined();
    expect(renderWorkspaceRunSubject(parsed!)).toBe(sub);
  });

  test.each([
    ['empty', ''],
    ['organization only', 'organization:my-org'],
    ['no run phase', 'organization:my-org:project:p:workspace:w'],
    ['nine parts', `${documented}:extra`],
    ['colon inside a value', 'organization:my-org:project:a:b:workspace:w:run_phase:plan'],
    ['labels out of order', 'organization:o:workspace:w:project:p:run_phase:plan'],
    ['misspelt label', 'organisation:o:project:p:workspace:w:run_phase:plan'],
    ['upper-case label', 'Organization:o:project:p:workspace:w:run_phase:plan'],
    ['empty value', 'organization::project:p:workspace:w:run_phase:plan'],
    ['empty phase', 'organization:o:project:p:workspace:w:run_phase:'],
    ['module test-run sub', 'organization:my-org:module:my-module:operation:test_run'],
    ['stack sub', 'organization:o:project:p:stack:s:deployment:d:operation:apply'],
  ])('rejects %s', (_label, sub) => {
    expect(parseWorkspaceRunSubject(sub)).toBeUndefined();
  });
});

describe('hasWildcard', () => {
  test.each([
    ['organization:o:project:p:workspace:w:run_phase:*', true],
    ['*', true],
    ['a*b', true],
    [documented, false],
    ['', false],
    ['run_phase:?lan', false],
    ['[ab]', false],
  ] as const)('%j -> %s', (pattern, expected) => {
    expect(hasWildcard(pattern)).toBe(expected);
  });
});
