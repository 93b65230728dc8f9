/**
 * The `explain` command as a pipeline runs it: its output and its exit status. Most cases call the command line's
 * `main` in this process (explainIn in ./support), which is what the bin runs; the bin itself, as a child process
 * (reportCli in ./support: the TypeScript entry point through tsx, or under `npm test` the compiled bin), is checked
 * once for each exit status a pipeline acts on: 0, 1 and 2.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseMermaid } from './mermaid-parser';
import { explainIn, FIXTURES, HASHICORP_VARIABLES, reportCli, synthesizedExample } from './support';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..', '..');

/** `explain` in a child process, as the bin a pipeline runs. */
function explainProcess(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = reportCli(['explain', ...args], ROOT);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `explain` through the command line's `main`, in this process. */
const explainCli = (...args: string[]) => explainIn(ROOT, args);

const VARS = Object.entries(HASHICORP_VARIABLES).flatMap(([k, v]) => ['--var', `${k}=${v}`]);
let out: string;

beforeAll(() => {
  // Lay the example out the way `cdktf synth` does.
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'explain-cli-'));
  const stack = path.join(out, 'stacks', 'vault-backed-credentials');
  fs.mkdirSync(stack, { recursive: true });
  fs.writeFileSync(path.join(stack, 'cdk.tf.json'), synthesizedExample().text);
});

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('vault-backed-credentials-report explain', () => {
  test('the bin, run as a child process, exits 0, 1 and 2 where main does, writing the same output', async () => {
    const cases = [[out], [out, '--fail-on', 'warning'], ['--bogus', 'x.json']];
    const statuses: Array<number | null> = [];
    for (const args of cases) {
      const child = explainProcess(...args);
      const inProcess = await explainCli(...args);
      expect({ args, ...child }).toEqual({ args, ...inProcess });
      statuses.push(child.status);
    }
    expect(statuses).toEqual([0, 1, 2]);
  });

  test('on the example output: prints the matrix and exits 0', async () => {
    const { status, stdout, stderr } = await explainCli(out);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('| workspace network-prod (project Networking) | plan | default | tfc-network-plan (admin: auth/jwt) | admitted | ' +
      'tfc-network-plan, default | aws aws/sts/network-read-only: allowed |');
    expect(stdout).toContain('| workspace network-prod (project Networking) | apply | default | tfc-network-apply (admin: auth/jwt) | admitted | ' +
      'tfc-network-apply, default | aws aws/sts/network-admin: allowed |');
    expect(stdout).toContain('| project Sandbox, every workspace | plan | default | tfc-sandbox (admin: auth/jwt) | admitted |');
    expect(stdout).toMatch(/## Findings: 0 errors, \d+ warnings?/);
  });

  test('--fail-on warning turns the example\'s warnings into a failure', async () => {
    const { status, stderr } = await explainCli(out, '--fail-on', 'warning');
    expect(status).toBe(1);
    expect(stderr).toMatch(/at warning level or above/);
    expect(stderr).toMatch(/warning plan-apply-shared project Sandbox/);
  });

  test('--format mermaid prints a graph that parses', async () => {
    const { status, stdout } = await explainCli(out, '--format=mermaid');
    expect(status).toBe(0);
    const blocks = [...stdout.matchAll(/^```mermaid\n---\ntitle: .*\n---\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    expect(blocks).toHaveLength(1);
    const graph = parseMermaid(blocks[0]);
    expect([...graph.nodes.values()].some((n) => n.label === 'aws/sts/network-admin')).toBe(true);
  });

  const broken: Array<[string, string[]]> = [
    ['alias-without-vault-config.json', ['phase-cannot-log-in']],
    ['attached-to-wrong-workspace.json', ['phase-cannot-log-in']],
    ['issuer-trailing-slash.json', ['issuer-malformed', 'phase-cannot-log-in']],
    ['missing-credential-path.json', ['credential-denied']],
    ['no-audience.json', ['phase-cannot-log-in', 'role-missing-audience']],
    ['org-prefix-glob.json', ['glob-crosses-boundary']],
    ['plan-reaches-apply.json', ['plan-reaches-apply']],
    ['policy-in-root-namespace.json', ['credential-denied', 'namespace-mismatch']],
    ['role-arn-not-allowed.json', ['credential-denied']],
    ['role-type-unset.json', ['phase-cannot-log-in', 'role-type-not-jwt']],
    ['unanchored-role.json', ['role-not-org-anchored']],
  ];

  test('on the broken fixture set: names each defect and exits 1', async () => {
    expect(fs.readdirSync(path.join(FIXTURES, 'broken')).sort()).toEqual(broken.map(([file]) => file));
    const { status, stdout, stderr } = await explainCli(path.join(FIXTURES, 'broken'), '--format', 'json');
    expect(status).toBe(1);
    const reports = JSON.parse(stdout).stacks as Array<{ source: string; findings: Array<{ rule: string; severity: string }> }>;
    const errors = Object.fromEntries(
      reports.map((r) => [path.basename(r.source), [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort()]),
    );
    expect(errors).toEqual(Object.fromEntries(broken));
    for (const [file, rules] of broken) for (const rule of rules) expect(stderr).toContain(`${file}: error ${rule} `);
  });

  test('the sound setup those were broken from passes even at warning level', async () => {
    const { status, stderr } = await explainCli(path.join(FIXTURES, 'sound', 'app.json'), '--fail-on', 'warning');
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  test("HashiCorp's AWS example passes; its GCP and Azure examples fail on the namespace defect", async () => {
    const aws = await explainCli(path.join(FIXTURES, 'hashicorp-examples', 'vault-backed-aws.json'), ...VARS);
    expect(aws.status).toBe(0);
    expect(aws.stdout).toContain('| workspace vault-backed-aws-auth (project Default Project) | apply | default | tfc-role (admin: auth/jwt) | admitted ' +
      '| tfc-policy, default | aws aws/sts/edu-app: allowed |');
    for (const cloud of ['gcp', 'azure']) {
      const result = await explainCli(path.join(FIXTURES, 'hashicorp-examples', `vault-backed-${cloud}.json`), ...VARS);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/error namespace-mismatch vault_jwt_auth_backend\.tfc_jwt/);
      expect(result.stderr).toMatch(/error namespace-mismatch vault_policy\.tfc_policy/);
      expect(result.stdout).toMatch(/refused: the JWT auth mount vault_jwt_auth_backend\.tfc_jwt is in the root namespace, not namespace "admin"/);
    }
  });

  test('without the required variables the values stay symbolic and nothing is guessed', async () => {
    const file = path.join(FIXTURES, 'hashicorp-examples', 'vault-backed-aws.json');
    const { status, stdout } = await explainCli(file, '--format', 'json', '--no-variable-defaults');
    expect(status).toBe(0);
    const report = JSON.parse(stdout).stacks[0];
    expect(report.matrix).toEqual([]);
    // Nothing is guessed: the subject keeps its literal parts and shows each variable it waits for.
    expect(report.roles[0].admits).toEqual([
      'bound_claims.sub ~ organization:${var.tfc_organization_name}:project:${var.tfc_project_name}:workspace:${var.tfc_workspace_name}:run_phase:* ' +
        '(partly known)',
    ]);
  });

  test.each([
    [['--format', 'yaml', 'x.json'], /--format must be table, json, mermaid, markdown or sarif, not "yaml"/],
    [['--fail-on'], /--fail-on needs a value/],
    [[], /give at least one cdk.tf.json/],
    [['does-not-exist.json'], /does-not-exist.json does not exist/],
    [['--bogus', 'x.json'], /unknown option --bogus/],
  ])('usage error %j exits 2', async (args, message) => {
    const { status, stderr } = await explainCli(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Usage: vault-backed-credentials-report explain/);
  });

  test('a file that is not JSON exits 2', async () => {
    const bad = path.join(out, 'bad.json');
    fs.writeFileSync(bad, '{ not json');
    const { status, stderr } = await explainCli(bad);
    expect(status).toBe(2);
    expect(stderr).toMatch(/cannot read .*bad\.json/);
  });
});
