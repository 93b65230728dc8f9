/**
 * The README's multi-stack layout (issue 21, item 5), run as written: a base stack with the JWT auth mount and the AWS
 * secrets engine, and one stack per team that writes its grant into them through `fromMountPath`. The synthesized JSON
 * of each stack says who gets which role and that the team stacks build on the base stack's mount and engine; the
 * trust report on the whole cdktf.out admits each team's workspace to its own roles only; two team stacks writing the
 * same role name on the same Vault are refused at synthesis, naming both construct paths. Terraform loads the stacks
 * in `npm run check:terraform` (scripts/terraform/synthesize.ts runs every complete README program).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as tfeProvider from '@cdktf/provider-tfe/lib/provider';
import * as vaultProvider from '@cdktf/provider-vault/lib/provider';
import * as cdktf from 'cdktf';
import * as constructs from 'constructs';
import * as library from '../../lib';
import { main } from '../../packages/report/src/cli';
import { simulateLogin, workspaceRunClaims } from '../../packages/report/src/simulate';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { readmePrograms } from '../../scripts/terraform/synthesize';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const BLOCK = /<!-- multi-stack-example[^>]*-->\s*```ts[^\n]*\n([\s\S]*?)```/.exec(README)?.[1];

interface TeamProps {
  readonly base: cdktf.TerraformStack;
  readonly team: string;
  readonly project: string;
  readonly projectId: string;
  readonly workspaceId: string;
  readonly planRoleArn: string;
  readonly applyRoleArn: string;
}
interface Layout {
  readonly VaultBaseStack: new (scope: constructs.Construct, id: string) => cdktf.TerraformStack;
  readonly TeamStack: new (scope: constructs.Construct, id: string, props: TeamProps) => cdktf.TerraformStack;
}

/** Runs the README block with its app's output in `outdir`; returns the classes it exports. */
function runBlock(outdir: string): Layout {
  const { outputText } = ts.transpileModule(BLOCK!, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const modules: Record<string, unknown> = {
    'cdktf': cdktf,
    'constructs': constructs,
    '@cdktf/provider-tfe/lib/provider': tfeProvider,
    '@cdktf/provider-vault/lib/provider': vaultProvider,
    'cdktf-vault-backed-credentials': library,
  };
  const requireFromBlock = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`the README multi-stack example imports ${name}, which this test does not provide`);
    return modules[name];
  };
  const exported: Record<string, unknown> = {};
  const before = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    new Function('require', 'exports', outputText)(requireFromBlock, exported);
  } finally {
    if (before === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = before;
  }
  return exported as unknown as Layout;
}

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

let outdir: string;
let layout: Layout;
const stack = (name: string): Json => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
const resources = (json: Json, type: string): Array<Record<string, unknown>> => Object.values(json.resource[type] ?? {});
const types = (json: Json): string[] => Object.keys(json.resource).sort();

beforeAll(() => {
  expect(BLOCK).toBeDefined();
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'multi-stack-'));
  layout = runBlock(outdir);
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe('the README multi-stack layout, synthesized', () => {
  test('three stacks; cdktf deploys the base stack before the team stacks', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const dependencies = Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]) => [name, (s as { dependencies: string[] }).dependencies]));
    expect(dependencies).toEqual({ 'vault-base': [], 'team-network': ['vault-base'], 'team-data': ['vault-base'] });
  });

  test('the base stack holds the JWT auth mount and the AWS engine, and no role, policy or variable', () => {
    const base = stack('vault-base');
    expect(types(base)).toEqual(['vault_aws_secret_backend', 'vault_jwt_auth_backend']);
    expect(resources(base, 'vault_jwt_auth_backend')).toEqual([
      expect.objectContaining({ path: 'jwt', oidc_discovery_url: 'https://app.terraform.io', bound_issuer: 'https://app.terraform.io' }),
    ]);
    expect(resources(base, 'vault_aws_secret_backend')).toEqual([expect.objectContaining({ path: 'aws', region: 'eu-west-1' })]);
  });

  test.each([
    ['team-network', 'network', 'prj-NetWork12345678ab', 'ws-NetWork12345678ab', '111111111111'],
    ['team-data', 'data', 'prj-DataData12345678', 'ws-DataData12345678', '222222222222'],
  ])('%s writes its roles into the base stack\'s mount and engine, and creates neither', (name, team, projectId, workspaceId, account) => {
    const json = stack(name);
    expect(types(json)).toEqual([
      'tfe_variable',
      'tfe_variable_set',
      'tfe_workspace_variable_set',
      'vault_aws_secret_backend_role',
      'vault_jwt_auth_backend_role',
      'vault_policy',
    ]);
    const base = stack('vault-base');
    const mountPath = resources(base, 'vault_jwt_auth_backend')[0].path;
    const enginePath = resources(base, 'vault_aws_secret_backend')[0].path;
    const roles = resources(json, 'vault_jwt_auth_backend_role');
    expect(roles.map((r) => [r.role_name, r.backend]).sort()).toEqual([
      [`tfc-${team}-apply`, mountPath],
      [`tfc-${team}-plan`, mountPath],
    ]);
    for (const role of roles) {
      expect(role.bound_claims).toMatchObject({
        terraform_organization_id: 'org-AbCdEfGh12345678',
        terraform_project_id: projectId,
        terraform_workspace_id: workspaceId,
      });
    }
    expect(resources(json, 'vault_aws_secret_backend_role').map((r) => [r.name, r.backend, r.role_arns]).sort()).toEqual([
      [`${team}-admin`, enginePath, [`arn:aws:iam::${account}:role/${team}-admin`]],
      [`${team}-read-only`, enginePath, [`arn:aws:iam::${account}:role/${team}-read-only`]],
    ]);
    expect(resources(json, 'tfe_workspace_variable_set').map((a) => a.workspace_id)).toEqual([workspaceId]);
    const variables = Object.fromEntries(resources(json, 'tfe_variable').map((v) => [v.key, v.value]));
    expect(variables).toMatchObject({ TFC_VAULT_PROVIDER_AUTH: 'true', TFC_VAULT_BACKED_AWS_MOUNT_PATH: enginePath });
    expect(variables.TFC_VAULT_PLAN_ROLE).toMatch(/^\$\{vault_jwt_auth_backend_role\.trust_[a-z]+_plan_role_[0-9A-F]+\.role_name\}$/);
  });
});

describe('the trust report on the whole cdktf.out', () => {
  interface Row {
    readonly selector: string;
    readonly phase: string;
    readonly role?: string;
    readonly login: string;
    readonly condition?: string;
    readonly credentials: Array<{ path?: string; read: string }>;
  }
  interface StackData {
    readonly stack: string;
    readonly matrix: Row[];
    readonly findings: Array<{ rule: string; severity: string }>;
  }
  let stacks: StackData[];

  beforeAll(async () => {
    let stdout = '';
    let stderr = '';
    const status = await main(['explain', outdir, '--format', 'json', '--fail-on', 'warning'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    stacks = (JSON.parse(stdout) as { stacks: StackData[] }).stacks;
  });

  test('reads the three stacks, with no error and no warning', () => {
    expect(stacks.map((s) => s.stack).sort()).toEqual(['team-data', 'team-network', 'vault-base']);
    expect(stacks.flatMap((s) => s.findings.filter((f) => f.severity !== 'info'))).toEqual([]);
  });

  test.each([
    ['team-network', 'network', 'ws-NetWork12345678ab'],
    ['team-data', 'data', 'ws-DataData12345678'],
  ])("%s: its workspace logs in to the team's plan and apply roles and reads the team's AWS roles", (name, team, workspaceId) => {
    const rows = stacks.find((s) => s.stack === name)!.matrix;
    expect(rows.map((r) => [r.selector, r.phase, r.role, r.login, r.credentials.map((c) => `${c.path} ${c.read}`)])).toEqual([
      [`workspace ${workspaceId}`, 'plan', `tfc-${team}-plan`, 'admitted', [`aws/sts/${team}-read-only allowed`]],
      [`workspace ${workspaceId}`, 'apply', `tfc-${team}-apply`, 'admitted', [`aws/sts/${team}-admin allowed`]],
    ]);
    // Admitted on the ids the roles bind, which the configuration states nowhere else.
    expect(rows.every((r) => /^if the id of organization acme is org-AbCdEfGh12345678 and the id of the workspace's project is prj-/.test(r.condition!))).toBe(true);
  });

  test("a team's workspace cannot log in to the other team's roles", () => {
    const data = new TerraformConfiguration(stack('team-data'));
    const network = workspaceRunClaims({
      organization: 'acme',
      organizationId: 'org-AbCdEfGh12345678',
      project: 'Networking',
      projectId: 'prj-NetWork12345678ab',
      workspace: 'network',
      workspaceId: 'ws-NetWork12345678ab',
      runPhase: 'plan',
    });
    expect(simulateLogin(data, { roleName: 'tfc-data-plan' }, network).verdict).toBe('refused');
    const own = workspaceRunClaims({
      organization: 'acme',
      organizationId: 'org-AbCdEfGh12345678',
      project: 'Data',
      projectId: 'prj-DataData12345678',
      workspace: 'data',
      workspaceId: 'ws-DataData12345678',
      runPhase: 'plan',
    });
    expect(simulateLogin(data, { roleName: 'tfc-data-plan' }, own).verdict).toBe('admitted');
  });
});

describe('collisions between the team stacks', () => {
  const team = (name: string, workspaceId: string): Omit<TeamProps, 'base'> => ({
    team: name,
    project: 'Networking',
    projectId: 'prj-NetWork12345678ab',
    workspaceId,
    planRoleArn: 'arn:aws:iam::111111111111:role/network-read-only',
    applyRoleArn: 'arn:aws:iam::111111111111:role/network-admin',
  });
  const synth = (build: (app: cdktf.App) => void): void => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multi-stack-collision-'));
    try {
      const app = new cdktf.App({ outdir: dir });
      build(app);
      app.synth();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  test('two team stacks writing the same role name on the same Vault are refused, naming both construct paths', () => {
    expect(() =>
      synth((app) => {
        const base = new layout.VaultBaseStack(app, 'vault-base');
        new layout.TeamStack(app, 'team-network', { base, ...team('network', 'ws-NetWork12345678ab') });
        new layout.TeamStack(app, 'team-network-eu', { base, ...team('network', 'ws-NetWorkEu345678ab') });
      }),
    ).toThrow(
      /Vault role "tfc-network-plan" in mount "auth\/jwt" is written by both team-network\/trust\/network\/plan \(stack team-network\) and team-network-eu\/trust\/network\/plan \(stack team-network-eu\)/,
    );
  });

  test('with distinct team names the same two stacks synthesize', () => {
    expect(() =>
      synth((app) => {
        const base = new layout.VaultBaseStack(app, 'vault-base');
        new layout.TeamStack(app, 'team-network', { base, ...team('network', 'ws-NetWork12345678ab') });
        new layout.TeamStack(app, 'team-network-eu', { base, ...team('network-eu', 'ws-NetWorkEu345678ab') });
      }),
    ).not.toThrow();
  });
});

test('npm run check:terraform hands the layout to Terraform: scripts/terraform/synthesize.ts runs the README block', () => {
  const programs = readmePrograms();
  expect(programs.filter((p) => p.code === BLOCK)).toHaveLength(1);
});
