/**
 * Verdicts on what a configuration does not state (issue 20, item 3): an id a role binds but the configuration does
 * not give makes an admission conditional, never a refusal or an error; `--diff` sees a grant widen under
 * `organizationId`; a stack and its ejected HCL, a looked-up and a created workspace, are the same; a Vault side
 * that is not in the configuration is unresolved; and the model pairs the engine roles each phase reads.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { HclEject, VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { main } from '../../packages/report/src/cli';
import { diffConfigurations, gainsAccess, renderDiff } from '../../packages/report/src/diff';
import { explain, reportData, TrustReport } from '../../packages/report/src/explain';
import { readTerraformDirectory } from '../../packages/report/src/hcl';
import { renderMarkdown } from '../../packages/report/src/markdown';
import { phaseEngineRoles } from '../../packages/report/src/model';
import { renderMermaid, renderTable } from '../../packages/report/src/render';
import { simulateLogin, simulateWorkspaceRun, WorkspaceRun, workspaceRunClaims } from '../../packages/report/src/simulate';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { expectRunCanRead, expectRunCannotRead } from '../../packages/report/src/testing';
import { parseMermaid } from './mermaid-parser';
import { soundApp, soundWith, TerraformJson } from './support';
import { objectAt } from '../support/synth';

jest.setTimeout(120_000);

const ORG_ID = 'org-AbCdEfGh12345678';
const PROJECT_ID = 'prj-AbCdEfGh12345678';

interface Options {
  readonly workspaces: WorkspaceSelector;
  readonly organizationId?: string;
  readonly projectId?: string;
}

function trustStack(options: Options): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'platform-trust');
  new VaultProvider(stack, 'vault', { address: 'https://vault.acme.example:8200' });
  new TfeProvider(stack, 'tfe', {});
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
    organization: 'acme',
    ...(options.organizationId === undefined ? {} : { organizationId: options.organizationId }),
    vaultAddress: 'https://vault.acme.example:8200',
  });
  const aws = trust.addAwsSecretsEngine('aws', {
    region: 'eu-west-1',
    workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'arn:aws:iam::111111111111:role/vault-aws-engine' },
  });
  trust.grantWorkspaces('data', {
    project: 'Data',
    ...(options.projectId === undefined ? {} : { projectId: options.projectId }),
    workspaces: options.workspaces,
    aws: {
      plan: aws.addAssumedRole('data-read-only', { roleArns: ['arn:aws:iam::111111111111:role/data-read-only'] }),
      apply: aws.addAssumedRole('data-admin', { roleArns: ['arn:aws:iam::111111111111:role/data-admin'] }),
    },
  });
  return stack;
}

function synth(options: Options): TerraformJson {
  return JSON.parse(Testing.synth(trustStack(options), true));
}

const errors = (report: TrustReport) => report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.subject}: ${f.message}`);

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const RUN = { organization: 'acme', project: 'Data', workspace: 'etl', runPhase: 'plan' } as const satisfies WorkspaceRun;

describe('an id a role binds that the configuration does not state makes the verdict conditional', () => {
  const projectWide = synth({ workspaces: WorkspaceSelector.allInProject(), organizationId: ORG_ID });
  const report = explain(projectWide);

  test('organizationId with a project-wide grant: admitted if the organization id is the bound one, no error', () => {
    expect(report.rows.map((r) => [r.selector.label, r.phase, r.login, r.condition])).toEqual([
      ['project Data, every workspace', 'plan', 'admitted', `if the id of organization acme is ${ORG_ID}`],
      ['project Data, every workspace', 'apply', 'admitted', `if the id of organization acme is ${ORG_ID}`],
    ]);
    expect(report.rows[0].conditions).toEqual([
      { claim: 'terraform_organization_id', values: [ORG_ID], glob: false, text: `the id of organization acme is ${ORG_ID}` },
    ]);
    expect(report.rows.flatMap((r) => r.credentials.map((c) => `${c.path} ${c.read}`))).toEqual([
      'aws/sts/data-read-only allowed',
      'aws/sts/data-admin allowed',
    ]);
    expect(errors(report)).toEqual([]);
    const notes = report.findings.filter((f) => f.rule === 'unresolved').map((f) => f.message);
    expect(notes).toContain(`admitted only if the id of organization acme is ${ORG_ID}; the file does not say`);
  });

  test('every format says so: table, markdown, json, mermaid', () => {
    expect(renderTable(report)).toContain(`| admitted if the id of organization acme is ${ORG_ID} |`);
    expect(renderMarkdown([{ name: 'platform-trust', report }])).toContain(`admitted if the id of organization acme is ${ORG_ID}`);
    type Row = { login: string; condition: string; conditions: Array<{ claim: string; values: string[] }> };
    const json = JSON.parse(JSON.stringify(reportData(report))) as { matrix: Row[] };
    expect(json.matrix.map((m) => [m.login, m.conditions.map((c) => `${c.claim}=${c.values.join('|')}`)])).toEqual([
      ['admitted', [`terraform_organization_id=${ORG_ID}`]],
      ['admitted', [`terraform_organization_id=${ORG_ID}`]],
    ]);
    const graph = parseMermaid(renderMermaid(report));
    const conditional = graph.edges.filter((e) => e.label.startsWith('plan if') || e.label.startsWith('apply if'));
    expect(conditional.map((e) => [e.label, e.dotted])).toEqual([
      [`plan if the id of organization acme is ${ORG_ID}`, true],
      [`apply if the id of organization acme is ${ORG_ID}`, true],
    ]);
  });

  test('the command exits 0 on it', async () => {
    const dir = tempDir('conditional-');
    try {
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(projectWide));
      const { out, io: sink } = io();
      expect(await main(['explain', path.join(dir, 'cdk.tf.json')], sink)).toBe(0);
      expect(out.stdout).toContain('admitted if the id of organization acme is');
      expect(out.stdout).not.toContain('phase-cannot-log-in');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a refusal that does not depend on the id stays a refusal, with its own reason', () => {
    const otherProject = synth({ workspaces: WorkspaceSelector.allInProject(), organizationId: ORG_ID });
    for (const role of Object.values(otherProject.resource.vault_jwt_auth_backend_role)) {
      const claims = objectAt(role, 'bound_claims');
      claims.sub = String(claims.sub).replace(':project:Data:', ':project:Finance:');
    }
    const refused = explain(otherProject);
    expect(refused.rows.map((r) => [r.login, r.reason])).toEqual([
      ['refused', 'claim "sub" does not match any associated bound claim values'],
      ['refused', 'claim "sub" does not match any associated bound claim values'],
    ]);
    expect(errors(refused)).toHaveLength(2);
    expect(errors(refused)[0]).toMatch(/^phase-cannot-log-in project Data, every workspace apply: .*every apply run fails$/);
  });

  test('a project id given as a literal while the attachment looks the project up: conditional on the project id', () => {
    const byProjectId = explain(synth({ workspaces: WorkspaceSelector.allInProject(), projectId: PROJECT_ID }));
    expect(byProjectId.rows.map((r) => [r.login, r.condition])).toEqual([
      ['admitted', `if the id of project Data is ${PROJECT_ID}`],
      ['admitted', `if the id of project Data is ${PROJECT_ID}`],
    ]);
    expect(errors(byProjectId)).toEqual([]);
    // The testing helpers take the organization id from the trust, but never guess a project id: they name it.
    const json = synth({ workspaces: WorkspaceSelector.allInProject(), projectId: PROJECT_ID });
    const run = { organization: 'acme', project: 'Data', workspace: 'etl', runPhase: 'plan' } as const;
    expect(() => expectRunCanRead(json, run, 'aws/sts/data-read-only')).toThrow(
      new RegExp(`the verdict is conditional: only if the id of project Data is ${PROJECT_ID}`),
    );
    expect(() => expectRunCannotRead(json, run, 'aws/sts/data-read-only')).toThrow(/the verdict is conditional/);
    expect(() => expectRunCanRead(json, { ...run, projectId: PROJECT_ID }, 'aws/sts/data-read-only')).not.toThrow();
    expect(() => expectRunCannotRead(json, { ...run, projectId: 'prj-Other12345678xx' }, 'aws/sts/data-read-only')).not.toThrow();
  });

  test('an id known only after apply is that block\'s id: the same expression admits, another one refuses, none is a condition', () => {
    const app = { organization: 'acme', project: 'Apps', workspace: 'app-prod', runPhase: 'plan' } as const;
    const config = new TerraformConfiguration(soundApp());
    const login = (run: WorkspaceRun) => simulateWorkspaceRun(config, run).login!;
    expect(login({ ...app, workspaceId: '${tfe_workspace.app_prod.id}' })).toMatchObject({ verdict: 'admitted', conditions: [] });
    expect(login({ ...app, workspaceId: '${tfe_workspace.other.id}' })).toMatchObject({
      verdict: 'refused',
      reason: 'claim "terraform_workspace_id" does not match any associated bound claim values',
    });
    expect(login(app)).toMatchObject({
      verdict: 'admitted',
      conditions: [
        {
          claim: 'terraform_workspace_id',
          values: ['${tfe_workspace.app_prod.id}'],
          glob: false,
          text: 'the id of workspace app-prod is ${tfe_workspace.app_prod.id}',
        },
      ],
    });
    // The other way round: the run states its id, the role binds the id of a workspace the configuration creates.
    expect(login({ ...app, workspaceId: 'ws-AbCdEfGh12345678' })).toMatchObject({
      verdict: 'admitted',
      conditions: [{ claim: 'terraform_workspace_id', values: ['ws-AbCdEfGh12345678'], text: 'the id of tfe_workspace.app_prod is ws-AbCdEfGh12345678' }],
    });
    // An attacker's token is taken as it is: its ids are its own.
    const probe = workspaceRunClaims({ ...app, workspaceId: 'ws-AbCdEfGh12345678' });
    expect(simulateLogin(config, { roleName: 'app-plan', namespace: 'ops' }, probe)).toMatchObject({ verdict: 'refused' });
  });

  describe('the testing helpers agree: a run object that gives the id decides; one that does not takes the id the trust binds', () => {
    test('expectRunCanRead', () => {
      expect(() => expectRunCanRead(projectWide, { ...RUN, organizationId: ORG_ID }, 'aws/sts/data-read-only')).not.toThrow();
      expect(() => expectRunCanRead(projectWide, { ...RUN, organizationId: 'org-SomeoneElse1234' }, 'aws/sts/data-read-only')).toThrow(
        /to read aws\/sts\/data-read-only, but it cannot\.[\s\S]*claim "terraform_organization_id" does not match/,
      );
      // No id in the run object: the helpers take the one organization id the roles bind (the trust under test).
      expect(() => expectRunCanRead(projectWide, RUN, 'aws/sts/data-read-only')).not.toThrow();
    });

    test('expectRunCannotRead', () => {
      expect(() => expectRunCannotRead(projectWide, { ...RUN, organizationId: 'org-SomeoneElse1234' }, 'aws/sts/data-read-only')).not.toThrow();
      expect(() => expectRunCannotRead(projectWide, { ...RUN, organizationId: ORG_ID }, 'aws/sts/data-read-only')).toThrow(/its own variables let it/);
      expect(() => expectRunCannotRead(projectWide, RUN, 'aws/sts/data-read-only')).toThrow(/its own variables let it/);
      // The apply path through the apply role, which the plan token could log in to only if the organization is the bound one.
      expect(() => expectRunCannotRead(projectWide, { ...RUN, organizationId: ORG_ID }, 'aws/sts/data-admin')).not.toThrow();
      expect(() => expectRunCannotRead(projectWide, { ...RUN, runPhase: 'apply' }, 'aws/sts/data-admin')).toThrow(/its own variables let it/);
    });
  });
});

describe('explain --diff sees a grant widen under organizationId', () => {
  const named = synth({ workspaces: WorkspaceSelector.names('etl', 'reports'), organizationId: ORG_ID });
  const projectWide = synth({ workspaces: WorkspaceSelector.allInProject(), organizationId: ORG_ID });

  test('two named workspaces to allInProject(): runs and other workspaces of the project gain', () => {
    const diff = diffConfigurations(named, projectWide);
    expect(gainsAccess(diff)).toBe(true);
    expect(diff.gained.map((i) => `${i.who} ${i.phase} ${i.path ?? '(login)'}`)).toEqual(
      expect.arrayContaining(['project Data, every workspace plan aws/sts/data-read-only', 'project Data, every workspace apply aws/sts/data-admin']),
    );
    expect(diff.attackerGained.map((i) => `${i.who} ${i.phase} ${i.path}`)).toEqual(
      expect.arrayContaining([`token organization:acme:project:Data:workspace:etl-other (${ORG_ID}) apply aws/sts/data-admin`]),
    );
    expect(renderDiff(diff, 'old', 'new')).toContain('Access is gained');
  });

  test('the same grant, or one that narrows, gains nothing', () => {
    expect(gainsAccess(diffConfigurations(named, synth({ workspaces: WorkspaceSelector.names('etl', 'reports'), organizationId: ORG_ID })))).toBe(false);
    const narrowed = diffConfigurations(projectWide, named);
    expect(gainsAccess(narrowed)).toBe(false);
    expect(narrowed.attackerLost.length).toBeGreaterThan(0);
  });

  test('another organization id is other access', () => {
    const moved = synth({ workspaces: WorkspaceSelector.names('etl', 'reports'), organizationId: 'org-ZyXwVuTs98765432' });
    const diff = diffConfigurations(named, moved);
    expect(gainsAccess(diff)).toBe(true);
    expect(diff.gained[0].condition).toBe('if the id of organization acme is org-ZyXwVuTs98765432');
  });

  test('on the command line: exit 1 for the widening, 0 the other way', async () => {
    const dir = tempDir('widen-');
    try {
      fs.writeFileSync(path.join(dir, 'named.json'), JSON.stringify(named));
      fs.writeFileSync(path.join(dir, 'wide.json'), JSON.stringify(projectWide));
      const { out, io: sink } = io();
      expect(await main(['explain', '--diff', path.join(dir, 'named.json'), path.join(dir, 'wide.json')], sink)).toBe(1);
      expect(out.stdout).not.toContain('No run and no other token gains access');
      expect(await main(['explain', '--diff', path.join(dir, 'wide.json'), path.join(dir, 'named.json')], io().io)).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the same trust read two ways diffs empty', () => {
  test.each([
    ['two named workspaces', WorkspaceSelector.names('etl', 'reports')],
    ['a whole project', WorkspaceSelector.allInProject()],
  ])('a stack against its own ejected HCL: %s', async (_label, workspaces) => {
    const stack = trustStack({ workspaces, organizationId: ORG_ID });
    const json = JSON.parse(Testing.synth(stack, true));
    const dir = tempDir('ejected-');
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), HclEject.render(stack));
      const hcl = await readTerraformDirectory(dir);
      const [fromJson, fromHcl] = [explain(json), explain(hcl)];
      const verdicts = (report: TrustReport) => report.rows.map((r) => [r.selector.label, r.phase, r.login, r.condition]);
      expect(verdicts(fromHcl)).toEqual(verdicts(fromJson));
      expect(diffConfigurations(json, hcl)).toEqual({ gained: [], lost: [], attackerGained: [], attackerLost: [] });
      // A widened ejected copy is seen: the plan role let in every workspace of the organization.
      const widened = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8').replace(/organization:acme:project:Data:workspace:[^"]*:run_phase:plan/, 'organization:acme:project:*:workspace:*:run_phase:plan');
      fs.writeFileSync(path.join(dir, 'main.tf'), widened.replace(/bound_claims_type = "string"/g, 'bound_claims_type = "glob"'));
      expect(gainsAccess(diffConfigurations(json, await readTerraformDirectory(dir)))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A hand-written setup whose workspace is created (`resource`) or looked up (`data`). */
  function handWritten(kind: 'resource' | 'data', name = 'app'): TerraformJson {
    const json = soundApp();
    const workspace = { name, organization: 'acme' };
    delete (json.resource as Record<string, unknown>).tfe_workspace;
    if (kind === 'resource') json.resource.tfe_workspace = { app: workspace };
    else json.data = { ...json.data, tfe_workspace: { app: workspace } };
    const ref = kind === 'resource' ? '${tfe_workspace.app.id}' : '${data.tfe_workspace.app.id}';
    json.resource.tfe_workspace_variable_set.app_prod.workspace_id = ref;
    for (const role of Object.values(json.resource.vault_jwt_auth_backend_role)) {
      const claims = objectAt(role, 'bound_claims');
      claims.sub = String(claims.sub).replace('project:Apps:workspace:app-prod', 'project:Default Project:workspace:app');
      delete claims.terraform_workspace_id;
    }
    return json;
  }

  test('data "tfe_workspace" and resource "tfe_workspace" name the same workspace', () => {
    const created = handWritten('resource');
    const lookedUp = handWritten('data');
    expect(explain(created).rows.map((r) => r.selector.id)).toEqual(explain(lookedUp).rows.map((r) => r.selector.id));
    expect(diffConfigurations(created, lookedUp)).toEqual({ gained: [], lost: [], attackerGained: [], attackerLost: [] });
    expect(diffConfigurations(lookedUp, created)).toEqual({ gained: [], lost: [], attackerGained: [], attackerLost: [] });
    // Another workspace looked up is another workspace.
    const other = handWritten('data', 'billing');
    for (const role of Object.values(other.resource.vault_jwt_auth_backend_role)) {
      const claims = objectAt(role, 'bound_claims');
      claims.sub = String(claims.sub).replace('workspace:app:', 'workspace:billing:');
    }
    expect(diffConfigurations(created, other).gained.map((i) => i.who)).toContain('workspace billing');
  });
});

describe('a Vault side that is not in the configuration is unresolved, not an error', () => {
  const HCP_ONLY = `
provider "tfe" {
  organization = "acme"
}

resource "tfe_project" "demo" {
  name = "demo"
}

resource "tfe_variable_set" "vault" {
  name = "vault-backed"
}

resource "tfe_project_variable_set" "demo" {
  project_id      = tfe_project.demo.id
  variable_set_id = tfe_variable_set.vault.id
}

resource "tfe_variable" "auth" {
  variable_set_id = tfe_variable_set.vault.id
  category        = "env"
  key             = "TFC_VAULT_PROVIDER_AUTH"
  value           = "true"
}

resource "tfe_variable" "addr" {
  variable_set_id = tfe_variable_set.vault.id
  category        = "env"
  key             = "TFC_VAULT_ADDR"
  value           = "https://vault.acme.example:8200"
}

resource "tfe_variable" "role" {
  variable_set_id = tfe_variable_set.vault.id
  category        = "env"
  key             = "TFC_VAULT_RUN_ROLE"
  value           = "demo"
}

resource "tfe_variable" "aws" {
  variable_set_id = tfe_variable_set.vault.id
  category        = "env"
  key             = "TFC_VAULT_BACKED_AWS_AUTH"
  value           = "true"
}

resource "tfe_variable" "aws_type" {
  variable_set_id = tfe_variable_set.vault.id
  category        = "env"
  key             = "TFC_VAULT_BACKED_AWS_AUTH_TYPE"
  value           = "assumed_role"
}

resource "tfe_variable" "aws_role" {
  variable_set_id = tfe_variable_set.vault.id
  category        = "env"
  key             = "TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE"
  value           = "demo"
}
`;
  const VAULT_SIDE = `
resource "vault_jwt_auth_backend" "tfc" {
  path               = "jwt"
  oidc_discovery_url = "https://app.terraform.io"
  bound_issuer       = "https://app.terraform.io"
}

resource "vault_jwt_auth_backend_role" "other" {
  backend           = vault_jwt_auth_backend.tfc.path
  role_name         = "other"
  role_type         = "jwt"
  user_claim        = "terraform_full_workspace"
  bound_audiences   = ["vault.workload.identity"]
  bound_claims_type = "glob"
  bound_claims      = { sub = "organization:acme:project:demo:workspace:*:run_phase:*" }
  token_policies    = ["other"]
}
`;
  let dir: string;
  beforeAll(() => {
    dir = tempDir('split-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(files: Record<string, string>, format = 'table'): Promise<{ code: number; stdout: string }> {
    const module = fs.mkdtempSync(path.join(dir, 'm-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(module, name), text);
    const { out, io: sink } = io();
    const code = await main(['explain', module, '--format', format], sink);
    return { code, stdout: out.stdout };
  }

  test('only the HCP Terraform side: unknown logins, unknown credentials, an unresolved note, exit 0', async () => {
    const { code, stdout } = await run({ 'main.tf': HCP_ONLY }, 'json');
    expect(code).toBe(0);
    type Row = { login: string; reason: string; credentials: Array<{ read: string }> };
    type Stack = { matrix: Row[]; findings: Array<{ rule: string; severity: string; message: string }> };
    const [report] = (JSON.parse(stdout) as { stacks: Stack[] }).stacks;
    expect(report.matrix.map((m) => [m.login, m.reason, m.credentials.map((c) => c.read)])).toEqual([
      ['unknown', 'the Vault side is not in this configuration: role "demo" at auth/jwt in the root namespace', ['unknown']],
      ['unknown', 'the Vault side is not in this configuration: role "demo" at auth/jwt in the root namespace', ['unknown']],
    ]);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.findings.map((f) => f.message)).toContain(
      'the Vault side is not in this configuration: role "demo" at auth/jwt in the root namespace; its bindings and policies were not checked',
    );
    const mermaid = (await run({ 'main.tf': HCP_ONLY }, 'mermaid')).stdout;
    const graph = parseMermaid(/```mermaid\n(?:---\n[\s\S]*?\n---\n)?([\s\S]*?)```/.exec(mermaid)![1]);
    expect([...graph.nodes.values()].filter((n) => n.klass === 'external').map((n) => n.label)).toEqual(['demo in root: auth/jwt (not in this configuration)']);
    expect([...graph.nodes.values()].some((n) => n.klass === 'refused')).toBe(false);
  });

  test('with the mount and its roles in the configuration, a role it lacks is still refused: exit 1', async () => {
    const { code, stdout } = await run({ 'main.tf': HCP_ONLY, 'vault.tf': VAULT_SIDE });
    expect(code).toBe(1);
    expect(stdout).toContain(
      'role "demo" could not be found at auth/jwt in the root namespace; this configuration defines one role there ("other"), none by that name',
    );
    expect(stdout).toMatch(/\*\*error\*\* `phase-cannot-log-in` project demo, every workspace plan/);
  });
});

describe('the model pairs the engine roles each phase reads', () => {
  test('plan reads the read-only engine role and apply the deploy one', () => {
    const pairs = phaseEngineRoles(explain(soundApp()).model);
    expect(pairs.map((p) => [p.selector.label, p.cloud, p.plan?.engineRole?.block.address, p.apply?.engineRole?.block.address])).toEqual([
      ['workspace app-prod (project Apps)', 'aws', 'vault_aws_secret_backend_role.read', 'vault_aws_secret_backend_role.deploy'],
    ]);
  });

  test('swapped variables show the swap: plan reads the deploy engine role', () => {
    const swapped = soundWith((j) => {
      const plan = j.resource.tfe_variable.aws_plan_role.value;
      j.resource.tfe_variable.aws_plan_role.value = j.resource.tfe_variable.aws_apply_role.value;
      j.resource.tfe_variable.aws_apply_role.value = plan;
    });
    const [pair] = phaseEngineRoles(explain(swapped).model);
    expect([pair.plan?.path, pair.plan?.engineRole?.block.address, pair.apply?.engineRole?.block.address]).toEqual([
      'aws/sts/app-deploy',
      'vault_aws_secret_backend_role.deploy',
      'vault_aws_secret_backend_role.read',
    ]);
  });
});
