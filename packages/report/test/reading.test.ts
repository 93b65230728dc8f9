/**
 * Reading hand-written configurations as Terraform reads them (issue 20, item 2). Each fixture under
 * fixtures/corpus/ is a minimal reproduction, written for these tests, of a defect class the real-world corpus
 * showed (fixtures/corpus/README.md says which upstream configuration each stands for); each class has a positive
 * case (now read) and a negative one (what cannot be read is said, never dropped).
 */
import * as path from 'node:path';
import { main } from '../src/cli';
import { evaluate, parseExpression, Unknown } from '../src/hcl-expression';
import { readTerraformConfiguration } from '../src/load';

const FIXTURES = path.join(__dirname, 'fixtures', 'corpus');
const fixture = (...parts: string[]): string => path.join(FIXTURES, ...parts);

interface Row {
  readonly selector: string;
  readonly phase: string;
  readonly role?: string;
  readonly roleAddress?: string;
  readonly login: string;
  readonly condition?: string;
  readonly conditions?: Array<{ claim: string; values: string[] }>;
  readonly policies: string[];
}
interface Role {
  readonly address: string;
  readonly name: string;
  readonly namespace: string;
  readonly admits: string[];
  readonly policies: string[];
}
interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly subject: string;
  readonly message: string;
}
interface Report {
  readonly matrix: Row[];
  readonly roles: Role[];
  readonly findings: Finding[];
}

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(['explain', ...args, '--fail-on', 'none'], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { status, stdout, stderr };
}

async function report(...args: string[]): Promise<Report> {
  const { status, stdout, stderr } = await run([...args, '--format', 'json']);
  expect(stderr).toBe('');
  expect(status).toBe(0);
  const data = JSON.parse(stdout) as { stacks: Report[] };
  expect(data.stacks).toHaveLength(1);
  return data.stacks[0];
}

const notes = (r: Report): string[] => r.findings.filter((f) => f.rule === 'unresolved').map((f) => `${f.subject}: ${f.message}`);

describe('local modules', () => {
  test('a local module is followed: its blocks get module addresses, its inputs and outputs are evaluated', async () => {
    const r = await report(fixture('local-module'));
    expect(r.roles.map((x) => [x.address, x.name, x.namespace])).toEqual([['module.trust.vault_jwt_auth_backend_role.tfc', 'network-role', 'admin']]);
    expect(r.roles[0].admits).toEqual(['sub ~ organization:acme:project:Default Project:workspace:network:run_phase:*']);
    // The workspace's TFC_VAULT_RUN_ROLE is the module's output; both phases log in with the module's role.
    expect(r.matrix.map((row) => [row.phase, row.role, row.roleAddress, row.login, row.policies])).toEqual([
      ['plan', 'network-role', 'module.trust.vault_jwt_auth_backend_role.tfc', 'admitted', ['network-reader', 'default']],
      ['apply', 'network-role', 'module.trust.vault_jwt_auth_backend_role.tfc', 'admitted', ['network-reader', 'default']],
    ]);
    expect(notes(r).filter((n) => n.includes('not read'))).toEqual([]);
  });

  test('a remote module is named as not read, and the report does not say "None"', async () => {
    const r = await report(fixture('remote-module'));
    expect(r.roles).toEqual([]);
    expect(notes(r)).toContain(
      'configuration: module.trust: source "app.terraform.io/acme/vault-trust/tfe" is a remote module ' +
        '(registry, git or archive); the report does not fetch it, so whatever it creates was not read'
    );
    const table = (await run([fixture('remote-module')])).stdout;
    expect(table).toContain('No Vault JWT roles in what was read (see the unresolved notes for what was not).');
    expect(table).toContain('1 part was not read');
    expect(table).not.toContain('None.');
  });
});

describe('count and for_each', () => {
  test('instances over literal sets and maps, locals, setproduct and count are read at their addresses', async () => {
    const r = await report(fixture('for-each'));
    expect(r.roles.map((x) => [x.address, x.name, x.policies])).toEqual([
      ['vault_jwt_auth_backend_role.tfc["network"]', 'network-role', ['network-reader', 'default']],
      ['vault_jwt_auth_backend_role.tfc["storage"]', 'storage-role', ['storage-reader', 'default']],
    ]);
    expect(r.matrix.map((row) => [row.selector, row.phase, row.role, row.login])).toEqual([
      ['workspace network (project Default Project)', 'plan', 'network-role', 'admitted'],
      ['workspace network (project Default Project)', 'apply', 'network-role', 'admitted'],
      ['workspace storage (project Default Project)', 'plan', 'storage-role', 'admitted'],
      ['workspace storage (project Default Project)', 'apply', 'storage-role', 'admitted'],
    ]);
    expect(notes(r).filter((n) => n.includes('not known'))).toEqual([]);
  });

  test('for_each over a variable without a value or a data source is listed with what it needs', async () => {
    const r = await report(fixture('for-each-unknown'));
    expect(r.roles).toEqual([]);
    expect(notes(r)).toEqual(
      expect.arrayContaining([
        'configuration: vault_policy.reader: for_each = var.workspace_names is not known without a plan; ' +
          'it needs var.workspace_names (set --var workspace_names=…); its instances were not read',
        'configuration: tfe_variable.auth: for_each = data.tfe_workspace_ids.all.ids is not known without a plan: ' +
          'data.tfe_workspace_ids.all.ids is read from the provider during a plan; its instances were not read',
      ])
    );
    const table = (await run([fixture('for-each-unknown')])).stdout;
    expect(table).toContain('2 parts were not read');
  });

  test('--var gives for_each its keys', async () => {
    const loaded = await readTerraformConfiguration([fixture('for-each-unknown')], {
      variables: { workspace_names: '["network", "storage"]' },
    });
    const policies = (loaded.json.resource as Record<string, Record<string, { name: string }>>).vault_policy;
    expect(Object.entries(policies).map(([key, body]) => [key, body.name])).toEqual([
      ['reader["network"]', 'network-reader'],
      ['reader["storage"]', 'storage-reader'],
    ]);
    expect(loaded.notes.some((n) => n.includes('var.workspace_names'))).toBe(false);
    expect(notes(await report(fixture('for-each-unknown'), '--var', 'workspace_names=["network"]')).some((n) => n.includes('var.workspace_names'))).toBe(false);
  });
});

test('splats over count instances and modules with for_each are read', async () => {
  const r = await report(fixture('splat'));
  expect(r.roles.map((x) => [x.address, x.name, x.policies])).toEqual([
    ['module.team["network"].vault_jwt_auth_backend_role.team', 'network-net', ['reader-0', 'reader-1', 'default']],
    ['module.team["storage"].vault_jwt_auth_backend_role.team', 'storage-sto', ['reader-0', 'reader-1', 'default']],
  ]);
});

test('modules use the provider configuration Terraform gives them', async () => {
  const loaded = await readTerraformConfiguration([fixture('module-provider')]);
  const { TerraformConfiguration } = await import('../src/terraform-json');
  const { VaultIndex } = await import('../src/vault-index');
  const index = new VaultIndex(new TerraformConfiguration(loaded.json));
  expect(index.policies.map((p) => [p.block.address, p.namespace]).sort()).toEqual([
    ['module.inherited.vault_policy.reader', { literal: '' }],
    ['module.legacy.vault_policy.reader', { literal: 'legacy-legacy' }],
    ['module.mapped.vault_policy.reader', { literal: 'team' }],
  ]);
});

describe('variable definition files', () => {
  test('terraform.tfvars then *.auto.tfvars in lexical order; terraform.tfvars.example is not read', async () => {
    const r = await report(fixture('tfvars'));
    expect(r.roles.map((x) => [x.name, x.admits[0], x.policies])).toEqual([
      ['from-b-auto', 'sub ~ organization:acme:project:Default Project:workspace:from-a-auto:run_phase:*', ['reader-secret-data-network', 'default']],
    ]);
    expect(notes(r)).toContain('configuration: assumed variable values read from terraform.tfvars, a.auto.tfvars, b.auto.tfvars.json');
  });

  test('--var-file comes after the automatic files, and --var after every file', async () => {
    const withFile = await report(fixture('tfvars'), '--var-file', fixture('tfvars', 'override.tfvars'));
    expect(withFile.roles.map((x) => x.name)).toEqual(['from-var-file']);
    const withVar = await report(fixture('tfvars'), '--var-file', fixture('tfvars', 'override.tfvars'), '--var', 'role_name=from-var');
    expect(withVar.roles.map((x) => x.name)).toEqual(['from-var']);
  });

  test('a --var-file that does not exist is a usage error', async () => {
    const { status, stderr } = await run([fixture('tfvars'), '--var-file', fixture('tfvars', 'missing.tfvars')]);
    expect(status).toBe(2);
    expect(stderr).toContain('--var-file');
  });
});

describe('several directories read as one configuration', () => {
  test('the Vault half and the HCP Terraform half join', async () => {
    const r = await report(fixture('split', 'vault'), fixture('split', 'hcp'));
    expect(r.matrix.map((row) => [row.phase, row.role, row.roleAddress, row.login])).toEqual([
      ['plan', 'network-role', 'vault_jwt_auth_backend_role.tfc', 'admitted'],
      ['apply', 'network-role', 'vault_jwt_auth_backend_role.tfc', 'admitted'],
    ]);
  });

  test('the Vault half alone has the role and no runs', async () => {
    const r = await report(fixture('split', 'vault'));
    expect(r.roles.map((x) => x.name)).toEqual(['network-role']);
    expect(r.matrix).toEqual([]);
  });
});

describe('templates with unknown parts and variables without values', () => {
  test('the known parts of a bound subject stay, and the missing variable is named', async () => {
    const r = await report(fixture('template'));
    expect(r.roles[0].admits).toContain('bound_claims.sub ~ organization:${var.organization}:project:Networking:workspace:network:run_phase:* (partly known)');
    expect(notes(r)).toEqual(
      expect.arrayContaining([
        'configuration: var.organization has no value (no default, and no tfvars file or --var ' +
          'sets it), so every value that uses it stays unresolved (set --var organization=…)',
        'workspace network (project Default Project): its organization (${var.organization}) ' +
          'is not a literal, so it was not simulated (set --var organization=…)',
      ])
    );
    // A variable with a default is assumed, not missing.
    expect(notes(r)).toContain('configuration: assumed var.project = "Networking" (its default; pass a value to override)');
    expect(notes(r).some((n) => n.includes('var.project has no value'))).toBe(false);
    const table = (await run([fixture('template')])).stdout;
    expect(table).toContain(
      'No run was simulated: workspace network (project Default Project) receives Vault dynamic-credential variables, but the organization is not known'
    );
    expect(table).not.toContain('No workspace, project or organization receives');
  });

  test('with the variable given, the subject is a literal and the run is simulated', async () => {
    const r = await report(fixture('template'), '--var', 'organization=acme');
    expect(r.roles[0].admits[0]).toBe('sub ~ organization:acme:project:Networking:workspace:network:run_phase:*');
    expect(r.matrix.map((row) => row.login)).toEqual(['refused', 'refused']);
    expect(notes(r).some((n) => n.includes('has no value'))).toBe(false);
  });

  test('"No workspace ... receives" is said when everything was read', async () => {
    const table = (await run([fixture('namespace-set')])).stdout;
    expect(table).toContain('No workspace, project or organization receives Vault dynamic-credential variables in this configuration.');
  });
});

describe('the namespace assumption', () => {
  const assumption = 'the root namespace for Vault resources that set no namespace';

  test('is stated when neither the resource nor the provider sets a namespace', async () => {
    expect(notes(await report(fixture('namespace'))).some((n) => n.includes(assumption))).toBe(true);
  });

  test('is not stated when the provider sets one', async () => {
    expect(notes(await report(fixture('namespace-set'))).some((n) => n.includes(assumption))).toBe(false);
  });
});

describe('verdicts on a namespace the configuration does not state (issue 20, item 3)', () => {
  const errors = (r: Report): string[] => r.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.subject}`).sort();
  const logins = (r: Report): string[] => r.matrix.map((row) => `${row.phase} ${row.login}${row.condition === undefined ? '' : ` ${row.condition}`}`);
  const CONDITION = 'if VAULT_NAMESPACE is "admin" where the Vault side is applied';

  test('no namespace on the Vault side while the runs log in to "admin": admitted on that condition, no error', async () => {
    const r = await report(fixture('namespace-runs'));
    expect(logins(r)).toEqual([`plan admitted ${CONDITION}`, `apply admitted ${CONDITION}`]);
    expect(r.matrix.map((row) => row.conditions)).toEqual([
      [expect.objectContaining({ claim: 'VAULT_NAMESPACE', values: ['admin'] })],
      [expect.objectContaining({ claim: 'VAULT_NAMESPACE', values: ['admin'] })],
    ]);
    expect(errors(r)).toEqual([]);
    // The policy's path is the one the runs read there: not reported as unused.
    expect(r.findings.filter((f) => f.rule === 'unused-policy-path')).toEqual([]);
    expect(r.roles.map((role) => role.namespace)).toEqual(['admin']);
    expect(notes(r)).toContainEqual(expect.stringMatching(/^configuration: assumed VAULT_NAMESPACE = "admin" where the Vault side is applied: its vault provider sets no namespace/));
    expect(notes(r)).toContainEqual(`workspace hub (project Azure) plan: admitted only ${CONDITION}; the file does not say`);
  });

  test('namespaces relative to an unstated provider one: the VAULT_NAMESPACE that puts them where the runs are', async () => {
    const r = await report(fixture('namespace-relative'));
    expect(logins(r)).toEqual([
      'plan admitted if VAULT_NAMESPACE is "admin" where the Vault side is applied',
      'apply admitted if VAULT_NAMESPACE is "admin" where the Vault side is applied',
    ]);
    expect(r.roles.map((role) => role.namespace)).toEqual(['admin/platform']);
    expect(errors(r)).toEqual([]);
    expect(notes(r)).toContainEqual(expect.stringMatching(/assumed VAULT_NAMESPACE = "admin" .* the runs log in to namespace "admin\/platform"/));
  });

  test('a namespace given by a variable without a value: unknown, never refused, and no finding rests on it', async () => {
    const r = await report(fixture('namespace-provider'));
    expect(r.matrix.map((row) => row.login)).toEqual(['unknown', 'unknown']);
    expect(errors(r)).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'unused-policy-path')).toEqual([]);
    expect(notes(r)).toContainEqual(expect.stringMatching(/^configuration: var\.vault_namespace has no value/));
  });

  test('a stated namespace other than the runs\' one: refused, and the blocks are named', async () => {
    const r = await report(fixture('namespace-provider'), '--var', 'vault_namespace=sandbox');
    expect(r.matrix.map((row) => [row.login, row.condition])).toEqual([
      ['refused', undefined],
      ['refused', undefined],
    ]);
    expect(errors(r)).toEqual([
      'namespace-mismatch vault_azure_secret_backend.azure',
      'namespace-mismatch vault_azure_secret_backend_role.runs',
      'namespace-mismatch vault_jwt_auth_backend.tfc',
      'namespace-mismatch vault_jwt_auth_backend_role.runs',
      'namespace-mismatch vault_policy.runs',
      'phase-cannot-log-in workspace hub (project Azure) apply',
      'phase-cannot-log-in workspace hub (project Azure) plan',
    ]);
    expect(notes(r).some((n) => n.includes('assumed VAULT_NAMESPACE'))).toBe(false);
  });

  test('the runs\' namespace stated on the provider: admitted without a condition', async () => {
    const r = await report(fixture('namespace-provider'), '--var', 'vault_namespace=admin');
    expect(logins(r)).toEqual(['plan admitted', 'apply admitted']);
    expect(errors(r)).toEqual([]);
  });

  test('a role in a namespace relative to its mount\'s unstated one: no VAULT_NAMESPACE reconciles them, so errors stay', async () => {
    const r = await report(fixture('namespace-mixed'));
    expect(r.matrix.map((row) => [row.login, row.condition])).toEqual([
      ['refused', undefined],
      ['refused', undefined],
    ]);
    expect(errors(r)).toEqual(
      expect.arrayContaining(['namespace-mismatch vault_jwt_auth_backend_role.runs', 'phase-cannot-log-in workspace hub (project Azure) plan']),
    );
    expect(r.findings.find((f) => f.subject === 'vault_jwt_auth_backend_role.runs' && f.rule === 'namespace-mismatch')?.message).toMatch(
      /^it is in namespace "admin" but its mount vault_jwt_auth_backend\.tfc is in the root namespace/,
    );
    expect(notes(r)).toContainEqual(expect.stringMatching(/^configuration: assumed the root namespace for Vault resources that set no namespace/));
  });
});

describe('the expression evaluator', () => {
  const value = (text: string): unknown => evaluate(parseExpression(text), { lookup: () => undefined });

  test('evaluates what Terraform knows without a plan', () => {
    expect(value('toset(["b", "a", "b"])')).toEqual(['a', 'b']);
    expect(value('{ for k, v in { a = 1, b = 2 } : upper(k) => v * 10 if v > 1 }')).toEqual({ B: 20 });
    expect(value('null != null ? 1 : 0')).toBe(0);
    expect(value('"x-${join("-", [1, 2])}"')).toBe('x-1-2');
    expect(value('lookup({ a = "x" }, "b", "fallback")')).toBe('fallback');
    expect(value('[for s in ["a", "b"] : "${s}!"]')).toEqual(['a!', 'b!']);
  });

  test('keeps what it cannot know unknown, with the reason', () => {
    const file = value('file("policy.hcl")');
    expect(file).toBeInstanceOf(Unknown);
    expect((file as Unknown).reasons).toEqual(['file() reads something outside the configuration']);
    expect(value('some.thing')).toBeInstanceOf(Unknown);
  });

  test('readTerraformConfiguration returns the variables it read and the files they came from', async () => {
    const loaded = await readTerraformConfiguration([fixture('tfvars')]);
    expect(loaded.variables).toEqual({
      organization: 'acme',
      workspace: 'from-a-auto',
      role_name: 'from-b-auto',
    });
    expect(loaded.variableFiles.map((f) => path.basename(f))).toEqual(['terraform.tfvars', 'a.auto.tfvars', 'b.auto.tfvars.json']);
  });
});
