import 'cdktf/lib/testing/adapters/jest';
import { DataTfeProjects } from '@cdktf/provider-tfe/lib/data-tfe-projects';
import { TerraformVariable } from 'cdktf';
import { HcpTerraformLookups, WorkspaceSelector } from '../../lib';
import { at, byPath, stringAt, synthError, synthWith } from '../support/synth';
import { standaloneSet } from '../support/variable-set';

/**
 * A CredentialVariableSet or HcpTerraformLookups built directly, outside a grant: the look-ups the set makes for
 * itself, the names it checks itself, and HCL escaping of names in the spelling checks. (Found by
 * `npm run mutate:constructs`: the grants' own tests never build a set without shared look-ups.)
 */

test('a set without shared look-ups looks its project and workspaces up in its own organization', () => {
  const { json } = synthWith((stack) => {
    standaloneSet(stack, 'vars');
  });
  expect(Object.keys(byPath(json, 'tfe_workspace', true))).toEqual(['vars/lookups/workspace-Platform-app']);
  expect(byPath(json, 'tfe_workspace', true)['vars/lookups/workspace-Platform-app']).toMatchObject({ name: 'app', organization: 'acme' });
  expect(byPath(json, 'tfe_project', true)['vars/lookups/project-Platform']).toMatchObject({ name: 'Platform', organization: 'acme' });
});

test('a set built directly refuses a project given by reference, naming the set', () => {
  const error = synthError((stack) => {
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    standaloneSet(stack, 'vars', { project: project.stringValue, workspaces: WorkspaceSelector.allInProject() });
  });
  expect(error).toMatch(/\[test\/vars\] .*project must be a literal name/);
});

test('a name with a %{ directive stays literal in the project spelling check', () => {
  const { json } = synthWith((stack) => {
    new HcpTerraformLookups(stack, 'lookups', { organization: 'acme' }).checkProjectSpelling('a%{b}');
  });
  const [lookup] = Object.values(byPath(json, 'tfe_projects', true));
  expect(stringAt(lookup, 'lifecycle', 'postcondition', 0, 'condition')).toContain('contains(self.projects[*].name, "a%%{b}")');
  expect(stringAt(lookup, 'lifecycle', 'postcondition', 0, 'error_message')).toMatch(/^HCP Terraform stores project "a%%\{b\}" as/);
});

test('a set built directly with a bad organization is refused once, by the set, not again by its own look-ups', () => {
  const error = synthError((stack) => {
    standaloneSet(stack, 'vars', { organization: 'acme corp' });
  });
  const lines = error.split('\n').filter((line) => line.includes('"acme corp"'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^\s*\[test\/vars\] HCP Terraform organization name "acme corp" contains " ", which is not allowed/);
});

test('look-up ids keep plain names and fold any other name, with a hash of it that keeps folded names apart', () => {
  const { json } = synthWith((stack) => {
    for (const [id, project] of [['net', 'Net Ops'], ['short', 'a a']]) {
      standaloneSet(stack, id, { name: `creds-${id}`, project, workspaces: WorkspaceSelector.names('app-1') });
    }
  });
  // 32-bit FNV-1a of the name as 8 hex digits, zero-padded ("a a" hashes to 0x0fa3f85f).
  expect(Object.keys(byPath(json, 'tfe_project', true)).sort()).toEqual(['net/lookups/project-Net-Ops-3d31d494', 'short/lookups/project-a-a-0fa3f85f']);
  expect(Object.keys(byPath(json, 'tfe_workspace', true)).sort()).toEqual([
    'net/lookups/workspace-Net-Ops-3d31d494-app-1',
    'short/lookups/workspace-a-a-0fa3f85f-app-1',
  ]);
});

test('a set of named workspaces without a project is refused once, by the set, not again by its own look-ups', () => {
  const error = synthError((stack) => {
    standaloneSet(stack, 'vars', { project: undefined });
  });
  const reported = error.split('\n').filter((line) => /^\s*\[/.test(line));
  expect(reported).toHaveLength(1);
  expect(reported[0]).toMatch(/^\s*\[test\/vars\] project is required: name the HCP Terraform project whose workspaces the grant selects/);
});

test('look-ups read each project and workspace once, and report each bad name they were given once', () => {
  const error = synthError((stack) => {
    const lookups = new HcpTerraformLookups(stack, 'lookups', { organization: 'acme' });
    expect(lookups.lookupProject('Platform')).toBe(lookups.lookupProject('Platform'));
    lookups.lookupProject('ab');
    lookups.lookupProject('ab');
    lookups.lookupProject('cd');
    expect(lookups.lookupWorkspace('x,y', 'Platform')).toBe(lookups.lookupWorkspace('x,y', 'Platform'));
    lookups.lookupWorkspace('z,w', 'Platform');
  });
  const reported = error.split('\n').filter((line) => /^\s*\[/.test(line)).map((line) => line.replace(/;.*/, '').trim());
  expect(reported).toEqual([
    '[test/lookups] lookupProject name: HCP Terraform project name "ab" is 2 characters long',
    '[test/lookups] lookupProject name: HCP Terraform project name "cd" is 2 characters long',
    expect.stringMatching(/^\[test\/lookups\] lookupWorkspace name: HCP Terraform workspace name "x,y" contains ","/),
    expect.stringMatching(/^\[test\/lookups\] lookupWorkspace name: HCP Terraform workspace name "z,w" contains ","/),
  ]);
});

test('project spelling checks are one per name, sorted by name whatever order they were asked for in', () => {
  let projects: DataTfeProjects | undefined;
  const { json } = synthWith((stack) => {
    const lookups = new HcpTerraformLookups(stack, 'lookups', { organization: 'acme' });
    for (const name of ['Net', 'Apps', 'Net', 'Zeta', 'Data']) projects = lookups.checkProjectSpelling(name);
  });
  const sorted = ['Apps', 'Data', 'Net', 'Zeta'];
  const checked = (conditions: unknown[]) => conditions.map((condition) => /contains\(self\.projects\[\*\]\.name, "([^"]*)"\)/.exec(String(condition))?.[1]);
  // The data source the method returns holds the conditions it writes, and synthesis writes exactly those.
  expect(checked((projects?.lifecycle?.postcondition ?? []).map((postcondition) => postcondition.condition))).toEqual(sorted);
  const [lookup] = Object.values(byPath(json, 'tfe_projects', true));
  const written = at(lookup, 'lifecycle', 'postcondition');
  const indexes = [...Array(Array.isArray(written) ? written.length : 0).keys()];
  expect(checked(indexes.map((index) => stringAt(lookup, 'lifecycle', 'postcondition', index, 'condition')))).toEqual(sorted);
});

test('lifecycle conditions a caller adds to the project list survive later spelling checks', () => {
  const { json } = synthWith((stack) => {
    const lookups = new HcpTerraformLookups(stack, 'lookups', { organization: 'acme' });
    const projects = lookups.checkProjectSpelling('Net')!;
    projects.lifecycle = {
      ...projects.lifecycle,
      precondition: [{ condition: 'true', errorMessage: 'always' }],
      postcondition: [...(projects.lifecycle?.postcondition ?? []), { condition: 'length(self.projects) < 500', errorMessage: 'too many projects' }],
    };
    lookups.checkProjectSpelling('Apps');
  });
  const [lookup] = Object.values(byPath(json, 'tfe_projects', true));
  expect(at(lookup, 'lifecycle', 'precondition')).toEqual([{ condition: 'true', error_message: 'always' }]);
  const written = at(lookup, 'lifecycle', 'postcondition');
  const conditions = (Array.isArray(written) ? written : []).map((_, index) => stringAt(lookup, 'lifecycle', 'postcondition', index, 'condition'));
  expect(conditions).toEqual([
    'length(self.projects) < 500',
    expect.stringContaining('contains(self.projects[*].name, "Apps")'),
    expect.stringContaining('contains(self.projects[*].name, "Net")'),
  ]);
});

test('a run of characters other than letters, digits, "-" and "_" folds to one "-" in look-up ids', () => {
  const { json } = synthWith((stack) => {
    standaloneSet(stack, 'vars', { project: 'Net  Ops', workspaces: WorkspaceSelector.names('app') });
  });
  // "Net  Ops" (two spaces) hashes to 0xea80ec64; the hash, not the folded text, keeps it apart from "Net Ops".
  expect(Object.keys(byPath(json, 'tfe_project', true))).toEqual(['vars/lookups/project-Net-Ops-ea80ec64']);
  expect(Object.keys(byPath(json, 'tfe_workspace', true))).toEqual(['vars/lookups/workspace-Net-Ops-ea80ec64-app']);
});
