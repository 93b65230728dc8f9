import 'cdktf/lib/testing/adapters/jest';
import { parse } from '@cdktf/hcl2json';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { HcpTerraformLookups, VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { checkProviderSchemas } from '../support/provider-schema';
import { refusalTable } from '../support/refusals';
import { arrayAt, at, byPath, stringAt, synthError, synthWith } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/runs';

/** A JSON-syntax template string written as a native HCL quoted template: quotes escaped outside `${...}` only. */
function hclTemplate(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (depth === 0 && c === '$' && text[i + 1] === '{') {
      out += '${';
      depth = 1;
      i++;
    } else if (depth > 0) {
      if (c === '{') depth++;
      if (c === '}') depth--;
      out += c;
    } else {
      out += c === '"' || c === '\\' ? `\\${c}` : c;
    }
  }
  return `"${out}"`;
}

/**
 * No terraform runs here, so these tests pin the synthesized postconditions: the expressions, that they are valid
 * HCL, and that their messages name the stored spelling (`self.name`, or the stored project names).
 */
describe('plan-time check of the organization and project spelling', () => {
  const { json } = synthWith((stack) => {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'My-Org', vaultAddress: 'https://vault.example.com' });
    const role = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
    trust.grantWorkspaces('net', { project: 'Default Project', workspaces: WorkspaceSelector.names('a'), aws: { plan: role, apply: role } });
    trust.grantWorkspaces('net2', { project: 'Default Project', workspaces: WorkspaceSelector.names('b'), aws: { plan: role, apply: role } });
    trust.grantStackDeployments('st', { project: 'Platform', stack: 'core', deployments: ['prod'], planCredentials: [role], applyCredentials: [role] });
    trust.grantModuleTests('mt', { module: 'vpc', moduleProvider: 'aws', aws: role });
  });

  test('one organization look-up fails the plan unless the stored name is spelled exactly as configured', () => {
    const organizations = Object.values(byPath(json, 'tfe_organization', true));
    expect(organizations).toHaveLength(1);
    const [org] = organizations;
    expect(org.name).toBe('My-Org');
    expect(at(org, 'lifecycle', 'postcondition')).toEqual([
      {
        condition: '${self.name == "My-Org"}',
        error_message:
          'HCP Terraform stores organization "My-Org" as "${self.name}". Run tokens carry the stored spelling and Vault compares it case-sensitively, so ' +
            'every run would be refused at login: set organization to "${self.name}".',
      },
    ]);
  });

  test('one project list carries one postcondition per project name, each naming the stored spelling', () => {
    const lists = byPath(json, 'tfe_projects', true);
    expect(Object.keys(lists)).toEqual(['trust/lookups/projects']);
    const list = lists['trust/lookups/projects'];
    expect(list.organization).toBe('My-Org');
    const conditions = arrayAt(list, 'lifecycle', 'postcondition');
    expect(conditions.map((c) => at(c, 'condition'))).toEqual([
      '${contains(self.projects[*].name, "Default Project") || length([for p in self.projects : p.name if lower(p.name) == lower("Default Project")]) == 0}',
      '${contains(self.projects[*].name, "Platform") || length([for p in self.projects : p.name if lower(p.name) == lower("Platform")]) == 0}',
    ]);
    expect(at(conditions[0], 'error_message')).toBe(
      'HCP Terraform stores project "Default Project" as ${jsonencode([for p in self.projects : p.name if lower(p.name) == lower("Default Project")])}. ' +
        'Run tokens carry the stored spelling and Vault compares it case-sensitively, so every run of the project would be refused at login: use the ' +
        'stored name.',
    );
  });

  test('every condition and message is valid HCL', async () => {
    const lookups = [...Object.values(byPath(json, 'tfe_organization', true)), ...Object.values(byPath(json, 'tfe_projects', true))];
    const blocks = lookups.flatMap((d) => arrayAt(d, 'lifecycle', 'postcondition'));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const condition = stringAt(block, 'condition');
      const message = stringAt(block, 'error_message');
      const expression = condition.replace(/^\$\{/, '').replace(/\}$/, '');
      const parsed = await parse('check.tf', `locals {\n  ok = ${expression}\n  message = ${hclTemplate(message)}\n}\n`);
      expect(parsed.locals[0].ok).toBe(condition);
      expect(parsed.locals[0].message).toBe(message);
    }
  });

  test('the data sources exist in the tfe provider schema', () => {
    expect(checkProviderSchemas(json)).toEqual([]);
  });
});

test('an organization given by reference is not checked (its spelling is not known at synth)', () => {
  const { json } = synthWith((stack) => {
    const org = new TerraformVariable(stack, 'org', { type: 'string' });
    const lookups = new HcpTerraformLookups(stack, 'lookups', { organization: org.stringValue });
    expect(lookups.checkOrganizationSpelling()).toBeUndefined();
    expect(lookups.checkProjectSpelling('Net')).toBeUndefined();
  });
  expect(json.data?.tfe_organization).toBeUndefined();
  expect(json.data?.tfe_projects).toBeUndefined();
});

test('a name with template sequences stays literal in the expressions', () => {
  const { json } = synthWith((stack) => {
    new HcpTerraformLookups(stack, 'lookups', { organization: 'acme' }).checkProjectSpelling('a${b}');
  });
  const [lookup] = Object.values(byPath(json, 'tfe_projects', true));
  expect(stringAt(lookup, 'lifecycle', 'postcondition', 0, 'condition')).toContain('"a$${b}"');
  expect(stringAt(lookup, 'lifecycle', 'postcondition', 0, 'error_message')).toMatch(/^HCP Terraform stores project "a\$\$\{b\}" as/);
});

const BAD_ORGANIZATION = (stack: TerraformStack) => {
  new HcpTerraformLookups(stack, 'lookups', { organization: 'acme${file("/etc/passwd")}' }).lookupProject('Platform');
};

describe('HcpTerraformLookups refusal table', () => {
  refusalTable([
    [
      'an organization that is not a name',
      BAD_ORGANIZATION,
      'test/lookups',
      /HCP Terraform organization name "acme\$\{file/,
      ['HcpTerraformLookupsProps.organization'],
    ],
  ]);
});

test('look-ups built on their own report a bad organization once, not once per look-up', () => {
  expect(synthError(BAD_ORGANIZATION).match(/HCP Terraform organization name/g)).toHaveLength(1);
});
