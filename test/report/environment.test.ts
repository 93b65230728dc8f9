import { runEnvironment } from '../../packages/report/src/environment';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';

/** Sets: name -> { priority?, owner project?, attached to }, each holding TFC_VAULT_RUN_ROLE = its name. */
function setup(
  sets: Record<string, { priority?: boolean; projectOwned?: boolean; global?: boolean; workspace?: boolean; project?: boolean }>,
  workspaceValue?: string,
): TerraformConfiguration {
  const resource: Record<string, Record<string, object>> = {
    tfe_variable_set: {},
    tfe_variable: {},
    tfe_workspace_variable_set: {},
    tfe_project_variable_set: {},
  };
  for (const [name, s] of Object.entries(sets)) {
    resource.tfe_variable_set[name] = {
      name,
      organization: 'acme',
      priority: s.priority,
      global: s.global,
      parent_project_id: s.projectOwned ? '${data.tfe_project.apps.id}' : undefined,
    };
    resource.tfe_variable[name] = { variable_set_id: `\${tfe_variable_set.${name}.id}`, key: 'TFC_VAULT_RUN_ROLE', value: name, category: 'env' };
    if (s.workspace)
      resource.tfe_workspace_variable_set[name] = { variable_set_id: `\${tfe_variable_set.${name}.id}`, workspace_id: '${data.tfe_workspace.app.id}' };
    if (s.project) resource.tfe_project_variable_set[name] = { variable_set_id: `\${tfe_variable_set.${name}.id}`, project_id: '${data.tfe_project.apps.id}' };
  }
  if (workspaceValue !== undefined) {
    resource.tfe_variable.ws = { workspace_id: '${data.tfe_workspace.app.id}', key: 'TFC_VAULT_RUN_ROLE', value: workspaceValue, category: 'env' };
  }
  return new TerraformConfiguration({
    resource,
    data: { tfe_workspace: { app: { name: 'app', organization: 'acme' } }, tfe_project: { apps: { name: 'Apps', organization: 'acme' } } },
  });
}

const RUN = { organization: 'acme', project: 'Apps', workspace: 'app' };
const winner = (c: TerraformConfiguration, run = RUN) => runEnvironment(c, run).entries.get('TFC_VAULT_RUN_ROLE')?.value;

describe('which variable wins (HCP Terraform precedence)', () => {
  test.each<[string, Parameters<typeof setup>[0], string | undefined, string]>([
    ['workspace-scoped beats project-scoped', { p: { project: true }, w: { workspace: true } }, undefined, 'w'],
    ['project-scoped beats global', { g: { global: true }, p: { project: true } }, undefined, 'p'],
    ['project-owned beats organization-owned at the same scope', { a: { workspace: true }, b: { workspace: true, projectOwned: true } }, undefined, 'b'],
    ['at one level, the lower name wins', { b_set: { workspace: true }, a_set: { workspace: true } }, undefined, 'a_set'],
    ['a workspace variable beats every non-priority set', { w: { workspace: true }, p: { project: true } }, 'ws-value', 'ws-value'],
    ['a priority set beats the workspace variable', { w: { workspace: true, priority: true } }, 'ws-value', 'w'],
    ['a priority global set beats a priority workspace set', { w: { workspace: true, priority: true }, z: { global: true, priority: true } }, undefined, 'z'],
  ])('%s', (_label, sets, workspaceValue, expected) => {
    expect(winner(setup(sets, workspaceValue))).toEqual({ literal: expected });
  });

  test('differing values are reported as conflicts; sets are listed highest precedence first', () => {
    const env = runEnvironment(setup({ g: { global: true }, w: { workspace: true } }, 'x'), RUN);
    expect(env.conflicts).toEqual(['TFC_VAULT_RUN_ROLE']);
    expect(env.variableSets).toEqual(['tfe_variable_set.w', 'tfe_variable_set.g']);
    expect(env.workspaceVariables).toEqual(['tfe_variable.ws']);
  });

  test('attachments reach only their workspace, project and organization', () => {
    const c = setup({ p: { project: true }, w: { workspace: true }, g: { global: true } });
    expect(runEnvironment(c, { ...RUN, workspace: 'other' }).variableSets).toEqual(['tfe_variable_set.p', 'tfe_variable_set.g']);
    expect(runEnvironment(c, { ...RUN, project: 'Other' }).variableSets).toEqual(['tfe_variable_set.w', 'tfe_variable_set.g']);
    expect(runEnvironment(c, { ...RUN, organization: 'evil' }).variableSets).toEqual([]);
    expect(runEnvironment(c, { ...RUN, project: undefined }).variableSets).toEqual(['tfe_variable_set.w', 'tfe_variable_set.g']);
  });

  test('attachment by literal id, and the deprecated workspace_ids', () => {
    const c = new TerraformConfiguration({
      resource: {
        tfe_variable_set: { s: { name: 's', organization: 'acme', workspace_ids: ['ws-123'] }, t: { name: 't', organization: 'acme' } },
        tfe_project_variable_set: { t: { variable_set_id: '${tfe_variable_set.t.id}', project_id: 'prj-9' } },
        tfe_variable: {
          s: { variable_set_id: '${tfe_variable_set.s.id}', key: 'A', value: '1', category: 'env' },
          t: { variable_set_id: '${tfe_variable_set.t.id}', key: 'B', value: '2', category: 'env' },
          tf: { variable_set_id: '${tfe_variable_set.t.id}', key: 'C', value: '3', category: 'terraform' },
        },
      },
    });
    const env = runEnvironment(c, { ...RUN, workspaceId: 'ws-123', projectId: 'prj-9' });
    expect([...env.entries.keys()].sort()).toEqual(['A', 'B']);
    expect(runEnvironment(c, RUN).variableSets).toEqual([]);
  });
});
