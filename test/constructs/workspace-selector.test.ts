import { RunPhase } from '../../lib/run-phase';
import {
  projectProblems,
  renderBoundClaims,
  WorkspaceSelector,
  WorkspaceSelectorKind,
  workspaceSelectorProblems,
} from '../../lib/workspace-selector';

/** A stand-in for cdktf's token check: `${...}` is an unresolved reference. */
const isReference = (value: string) => value.startsWith('${');
const RULE = 'workspace names are 1 to 90 characters of ASCII letters, digits, "-" and "_", so use the workspace name exactly as HCP Terraform shows it';

describe('WorkspaceSelector', () => {
  test('names and ids are de-duplicated and sorted; references keep their order and pairs', () => {
    expect(WorkspaceSelector.names('b', 'a', 'b')).toMatchObject({ kind: WorkspaceSelectorKind.NAMES, workspaceNames: ['a', 'b'], workspaceIds: [] });
    expect(WorkspaceSelector.ids('ws-b', 'ws-a', 'ws-b')).toMatchObject({
      kind: WorkspaceSelectorKind.IDS,
      workspaceNames: [],
      workspaceIds: ['ws-a', 'ws-b'],
    });
    expect(WorkspaceSelector.references({ name: 'z', id: 'ws-z' }, { name: 'a', id: 'ws-a' })).toMatchObject({
      kind: WorkspaceSelectorKind.REFERENCES,
      workspaceNames: ['z', 'a'],
      workspaceIds: ['ws-z', 'ws-a'],
    });
  });

  test('a prefix selector holds its prefix and no names', () => {
    const selector = WorkspaceSelector.prefix('net-');
    expect(selector).toMatchObject({ kind: WorkspaceSelectorKind.PREFIX, workspaceNames: [], workspaceIds: [], namePrefix: 'net-' });
    expect(WorkspaceSelector.names('a').namePrefix).toBeUndefined();
  });

  test('project-wide and organization-wide selectors hold nothing', () => {
    expect(WorkspaceSelector.allInProject()).toMatchObject({ kind: 'all-in-project', workspaceNames: [], workspaceIds: [] });
    expect(WorkspaceSelector.allInOrganization()).toMatchObject({ kind: 'all-in-organization', workspaceNames: [], workspaceIds: [] });
  });
});

// toStrictEqual throughout: toEqual would not notice an `undefined` pushed into a list.
describe('workspaceSelectorProblems', () => {
  test.each([
    ['names', WorkspaceSelector.names()],
    ['ids', WorkspaceSelector.ids()],
    ['references', WorkspaceSelector.references()],
  ])('an empty %s() selector', (factory, selector) => {
    expect(workspaceSelectorProblems(selector, isReference)).toStrictEqual([
      `WorkspaceSelector.${factory}() was given no workspaces; list at least one, or use WorkspaceSelector.allInProject() for a whole project`,
    ]);
  });

  test('project- and organization-wide selectors have no problems', () => {
    expect(workspaceSelectorProblems(WorkspaceSelector.allInProject(), isReference)).toStrictEqual([]);
    expect(workspaceSelectorProblems(WorkspaceSelector.allInOrganization(), isReference)).toStrictEqual([]);
  });

  test('a prefix must be a literal, valid workspace-name start', () => {
    expect(workspaceSelectorProblems(WorkspaceSelector.prefix('${var.prefix}'), isReference)).toStrictEqual([
      'WorkspaceSelector.prefix() takes a literal prefix',
    ]);
    expect(workspaceSelectorProblems(WorkspaceSelector.prefix('a b'), isReference)).toStrictEqual([
      `HCP Terraform workspace name prefix "a b" contains " ", which is not allowed; ${RULE}`,
    ]);
    expect(workspaceSelectorProblems(WorkspaceSelector.prefix('net-'), isReference)).toStrictEqual([]);
    expect(workspaceSelectorProblems(WorkspaceSelector.prefix(''), isReference)).toStrictEqual([`HCP Terraform workspace name prefix "" is empty; ${RULE}`]);
  });

  test('a prefix left out (a JavaScript caller) is refused as the empty prefix', () => {
    const selector = WorkspaceSelector.prefix(undefined as unknown as string);
    expect(selector.namePrefix).toBeUndefined();
    expect(workspaceSelectorProblems(selector, isReference)).toStrictEqual([`HCP Terraform workspace name prefix "" is empty; ${RULE}`]);
  });

  test('names must be literal and valid', () => {
    expect(workspaceSelectorProblems(WorkspaceSelector.names('${x}', 'a*', 'ok'), isReference)).toStrictEqual([
      'WorkspaceSelector.names() takes literal names; for a workspace managed in Terraform use WorkspaceSelector.references(workspace)',
      'HCP Terraform workspace name "a*" contains "*", and a "*" is the Vault glob wildcard and would widen the subject pattern to names you did not ' +
        `intend; ${RULE}`,
    ]);
  });

  test('ids must be literal ws- ids', () => {
    expect(workspaceSelectorProblems(WorkspaceSelector.ids('${x}', 'ws-1', 'ws_x', 'ws-', 'xws-1', 'ws-1x!'), isReference)).toStrictEqual([
      'WorkspaceSelector.ids() takes literal ids; for a workspace managed in Terraform use WorkspaceSelector.references(workspace)',
      'workspace id "ws-" is not "ws-" followed by letters and digits; copy the id from the workspace\'s settings page',
      'workspace id "ws-1x!" is not "ws-" followed by letters and digits; copy the id from the workspace\'s settings page',
      'workspace id "ws_x" is not "ws-" followed by letters and digits; copy the id from the workspace\'s settings page',
      'workspace id "xws-1" is not "ws-" followed by letters and digits; copy the id from the workspace\'s settings page',
    ]);
  });

  test('references may be unresolved, but literal ones are checked', () => {
    expect(workspaceSelectorProblems(WorkspaceSelector.references({ name: '${n}', id: '${i}' }), isReference)).toStrictEqual([]);
    expect(workspaceSelectorProblems(WorkspaceSelector.references({ name: 'bad name', id: 'bad' }), isReference)).toStrictEqual([
      `HCP Terraform workspace name "bad name" contains " ", which is not allowed; ${RULE}`,
      'workspace id "bad" is not "ws-" followed by letters and digits; copy the id from the workspace\'s settings page',
    ]);
  });
});

describe('projectProblems', () => {
  const check = (name: string) => (name === 'Bad' ? 'bad project' : undefined);

  test('an organization-wide selector takes no project', () => {
    expect(projectProblems(WorkspaceSelector.allInOrganization(), undefined, check)).toStrictEqual([]);
    expect(projectProblems(WorkspaceSelector.allInOrganization(), 'P', check)).toStrictEqual([
      'WorkspaceSelector.allInOrganization() covers every project; remove project "P", or select the workspaces of that project instead',
    ]);
  });

  test('every other selector needs a valid project', () => {
    const required = 'project is required: name the HCP Terraform project whose workspaces the grant selects (for example "Default Project")';
    expect(projectProblems(WorkspaceSelector.allInProject(), undefined, check)).toStrictEqual([required]);
    expect(projectProblems(WorkspaceSelector.names('a'), '', check)).toStrictEqual([required]);
    expect(projectProblems(WorkspaceSelector.names('a'), 'Bad', check)).toStrictEqual(['bad project']);
    expect(projectProblems(WorkspaceSelector.prefix('a'), 'Good', check)).toStrictEqual([]);
  });
});

describe('renderBoundClaims', () => {
  test('names: one exact subject per workspace and phase, string matching', () => {
    expect(renderBoundClaims('org', 'Default Project', WorkspaceSelector.names('b', 'a'), ['plan', 'apply'])).toStrictEqual({
      claims: {
        sub: [
          'organization:org:project:Default Project:workspace:a:run_phase:plan',
          'organization:org:project:Default Project:workspace:a:run_phase:apply',
          'organization:org:project:Default Project:workspace:b:run_phase:plan',
          'organization:org:project:Default Project:workspace:b:run_phase:apply',
        ].join(','),
      },
      claimsType: 'string',
    });
  });

  test('a prefix binds <prefix>* as a glob, with the organization id when given', () => {
    expect(renderBoundClaims('org', 'P', WorkspaceSelector.prefix('net-'), ['plan'], { organizationId: 'org-1' })).toStrictEqual({
      claims: { sub: 'organization:org:project:P:workspace:net-*:run_phase:plan', terraform_organization_id: 'org-1' },
      claimsType: 'glob',
    });
  });

  test('ids: any workspace name of the project, and the ids', () => {
    expect(renderBoundClaims('org', 'P', WorkspaceSelector.ids('ws-2', 'ws-1'), ['apply'])).toStrictEqual({
      claims: { sub: 'organization:org:project:P:workspace:*:run_phase:apply', terraform_workspace_id: 'ws-1,ws-2' },
      claimsType: 'glob',
    });
  });

  test('references with a project id: the project name becomes * and the ids decide', () => {
    expect(
      renderBoundClaims('org', 'P', WorkspaceSelector.references({ name: 'a', id: 'ws-1' }, { name: 'b', id: 'ws-2' }), ['plan'], { projectId: 'prj-1' }),
    ).toStrictEqual({
      claims: {
        sub: 'organization:org:project:*:workspace:a:run_phase:plan,organization:org:project:*:workspace:b:run_phase:plan',
        terraform_workspace_id: 'ws-1,ws-2',
        terraform_project_id: 'prj-1',
      },
      claimsType: 'glob',
    });
  });

  test('organization-wide: every project and workspace', () => {
    expect(renderBoundClaims('org', undefined, WorkspaceSelector.allInOrganization(), ['plan'])).toStrictEqual({
      claims: { sub: 'organization:org:project:*:workspace:*:run_phase:plan' },
      claimsType: 'glob',
    });
  });

  test('project-wide without a project name renders an empty project segment (callers validate first)', () => {
    expect(renderBoundClaims('org', undefined, WorkspaceSelector.allInProject(), ['plan']).claims.sub).toBe(
      'organization:org:project::workspace:*:run_phase:plan',
    );
  });

  test('names with a project id but no wildcard anywhere else are still a glob (the project is *)', () => {
    expect(renderBoundClaims('org', 'P', WorkspaceSelector.names('a'), ['plan'], { projectId: 'prj-1' }).claimsType).toBe('glob');
  });

  test('an organization id alone keeps exact names exact', () => {
    expect(renderBoundClaims('org', 'P', WorkspaceSelector.names('a'), ['plan'], { organizationId: 'org-1' })).toStrictEqual({
      claims: { sub: 'organization:org:project:P:workspace:a:run_phase:plan', terraform_organization_id: 'org-1' },
      claimsType: 'string',
    });
  });
});

describe('RunPhase', () => {
  test('has the values HCP Terraform puts in terraform_run_phase', () => {
    expect(RunPhase.PLAN).toBe('plan');
    expect(RunPhase.APPLY).toBe('apply');
  });
});
