/**
 * An ejected directory you can trust: `terraform fmt -check` passes on it, it names no path of the machine that
 * synthesized it, it keeps the stack's acknowledgements (so `explain --fail-on warning` decides the same), and the
 * trust report reads it as it reads the stack's JSON.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { App, TerraformStack } from 'cdktf';
import { ADOPT_STACK_NAME, AdoptExample } from '../examples/adopt';
import { ENTERPRISE_STACK_NAME, EnterpriseExample } from '../examples/enterprise';
import { EXAMPLE_STACK_NAME, VaultBackedCredentialsExample } from '../examples/main';
import { Acknowledgements } from '../lib';
import { HclEject } from '../lib/eject/hcl-eject';
import { alignAssignments } from '../lib/eject/render';
import { main } from '../packages/report/src/cli';

jest.setTimeout(120_000);

const REASON = 'the sandbox shares one read-only role on purpose';
let work: string;
/** An empty CLI configuration, so Terraform reads no user settings and warns about none. */
let cliConfig: string;

function terraform(cwd: string, ...args: string[]) {
  const result = spawnSync('terraform', args, { cwd, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1' } });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('terraform is not on PATH; install Terraform 1.11.4 (https://developer.hashicorp.com/terraform/install) and run the tests again');
  }
  return result;
}

async function explain(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await main(['explain', ...args], { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) });
  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}

const stacks: Array<[string, (app: App) => TerraformStack]> = [
  [
    EXAMPLE_STACK_NAME,
    (app) => {
      const example = new VaultBackedCredentialsExample(app, EXAMPLE_STACK_NAME);
      Acknowledgements.of(example.trust.workspaceGrants.find((g) => g.node.id === 'sandbox')!).add({ ruleId: 'plan-apply-shared', reason: REASON });
      return example;
    },
  ],
  [ENTERPRISE_STACK_NAME, (app) => new EnterpriseExample(app, ENTERPRISE_STACK_NAME)],
  [ADOPT_STACK_NAME, (app) => new AdoptExample(app, ADOPT_STACK_NAME)],
];

/** Per stack: its cdk.tf.json and the directory HclEject.files wrote. */
const written = new Map<string, { json: string; dir: string; files: Record<string, string> }>();

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'eject-trust-'));
  cliConfig = path.join(work, 'empty.tfrc');
  fs.writeFileSync(cliConfig, '');
  for (const [name, build] of stacks) {
    const app = new App({ outdir: path.join(work, 'cdktf.out') });
    const stack = build(app);
    app.synth();
    const dir = path.join(work, 'ejected', name);
    fs.mkdirSync(dir, { recursive: true });
    const files = HclEject.files(stack);
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
    written.set(name, { json: path.join(work, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), dir, files });
  }
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.each(stacks.map(([name]) => name))('%s ejected', (name) => {
  const stack = () => written.get(name)!;

  test('terraform fmt -check passes', () => {
    const result = terraform(stack().dir, 'fmt', '-check', '-diff', '.');
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('names no path of the machine that synthesized it', () => {
    for (const text of Object.values(stack().files)) {
      for (const local of [work, os.tmpdir(), process.cwd()]) expect(text).not.toContain(local);
      expect(text).not.toMatch(/= "\/(?!\/|subscriptions\/)/);
    }
    // The local state file keeps its name, relative to the directory Terraform runs in.
    const hcl = stack().files['main.tf'];
    if (hcl.includes('backend "local"')) expect(hcl).toMatch(new RegExp(`backend "local" \\{\\n\\s+path = "terraform\\.${name}\\.tfstate"\\n`));
  });

  test('the report on the directory equals the report on the JSON', async () => {
    const fromJson = JSON.parse((await explain(stack().json, '--format', 'json', '--fail-on', 'none')).stdout);
    const onDir = await explain(stack().dir, '--format', 'json', '--fail-on', 'none');
    expect(onDir.stderr).toBe('');
    const fromHcl = JSON.parse(onDir.stdout);
    const strip = (report: { stacks: Array<Record<string, unknown>> }) => report.stacks.map(({ source: _source, stack: _stack, ...rest }) => rest);
    expect(strip(fromHcl)).toEqual(strip(fromJson));
    expect(fromHcl.counts).toEqual(fromJson.counts);
  });

  test('--fail-on warning decides the same on both', async () => {
    const onJson = await explain(stack().json, '--fail-on', 'warning');
    const onHcl = await explain(stack().dir, '--fail-on', 'warning');
    expect(onHcl.status).toBe(onJson.status);
  });
});

describe('acknowledgements', () => {
  test('the example stack\'s acknowledgement is kept: acknowledged on the directory as on the JSON', async () => {
    const { json, dir, files } = written.get(EXAMPLE_STACK_NAME)!;
    const kept = JSON.parse(files['acknowledgements.tf.json']);
    expect(kept['//'].acknowledgements).toEqual([
      expect.objectContaining({
        rule: 'plan-apply-shared',
        reason: REASON,
        scope: `${EXAMPLE_STACK_NAME}/trust/sandbox`,
        addresses: expect.arrayContaining([expect.stringMatching(/^vault_jwt_auth_backend_role\.trust_sandbox_/)]),
      }),
    ]);
    for (const input of [json, dir]) {
      const report = JSON.parse((await explain(input, '--format', 'json', '--fail-on', 'none')).stdout);
      const findings: Array<{ rule: string; acknowledged?: { reason: string } }> = report.stacks[0].findings;
      expect(findings.filter((f) => f.acknowledged).map((f) => [f.rule, f.acknowledged!.reason])).toEqual([['plan-apply-shared', REASON]]);
    }
  });

  test('a stack without acknowledgements gets no acknowledgements file', () => {
    expect(Object.keys(written.get(ENTERPRISE_STACK_NAME)!.files)).toEqual(['main.tf']);
  });

  test('Terraform loads the acknowledgements file: a comment property only', () => {
    const dir = path.join(work, 'only-acknowledgements');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'acknowledgements.tf.json'), written.get(EXAMPLE_STACK_NAME)!.files['acknowledgements.tf.json']);
    expect(terraform(dir, 'init', '-backend=false', '-input=false', '-no-color').status).toBe(0);
    const validate = terraform(dir, 'validate', '-no-color');
    expect(validate.stdout).toMatch(/Success! The configuration is valid/);
    expect(validate.status).toBe(0);
  });
});

describe('aligning "=" as terraform fmt does', () => {
  test('runs of one-line arguments align; blocks, blank lines and multi-line values end a run, a heredoc does not', async () => {
    const text = [
      'resource "a" "b" {',
      '  name = "x"',
      '  description = "y ${var.z} {"',
      '  tags = {',
      '    k = "v"',
      '    longer = "w"',
      '  }',
      '  n = 1',
      '',
      '  policy = <<EOT',
      'a = b',
      'EOT',
      '  ab = 2',
      '  nested {',
      '    x = [1, 2]',
      '  }',
      '}',
      '',
    ].join('\n');
    const aligned = alignAssignments(text);
    const dir = path.join(work, 'align');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf'), aligned);
    // Terraform agrees, and the text still parses to the same configuration.
    expect(terraform(dir, 'fmt', '-check', '-diff', '.').stdout).toBe('');
    expect(await parse('main.tf', aligned)).toEqual(await parse('main.tf', text));
    // Without alignment it would not have passed.
    fs.writeFileSync(path.join(dir, 'main.tf'), text);
    expect(terraform(dir, 'fmt', '-check', '.').status).not.toBe(0);
  });
});
