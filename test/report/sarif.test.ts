/**
 * `--format sarif` where code scanning needs it: results on the line a reviewer edits (the TypeScript line that
 * created the grant, from the creation sites the library writes beside the stack; the block's line in a `.tf` file),
 * relative percent-encoded URIs for paths with spaces and `#`, fingerprints that survive moved lines and keep plan
 * and apply apart, and every rule with help and a security severity. Each log is checked against the SARIF 2.1.0
 * schema.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { explainIn } from './support';
import { CREATION_SITES_FILE } from '../../packages/report/src/sarif';
import { CREATION_SITES_FILE as LIBRARY_CREATION_SITES_FILE } from '../../lib/private/creation-sites';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const SCHEMA = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
/** A directory name with what URIs must encode: a space and a `#` (a fragment delimiter when left bare). */
const ODD = 'infra dir #1';

const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));

let repo: string;

async function sarif(cwd: string, ...args: string[]): Promise<Sarif.Log> {
  const { stdout } = await explainIn(cwd, [...args, '--format', 'sarif', '--fail-on', 'none']);
  const log: Sarif.Log = JSON.parse(stdout);
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return log;
}

/** The app a user writes, in a directory whose name needs encoding; the grant is created on GRANT_LINE. */
const APP = `import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from ${JSON.stringify(path.join(ROOT, 'lib'))};

const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, 'apps');
new VaultProvider(stack, 'vault', {});
new TfeProvider(stack, 'tfe', {});
const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
const aws = trust.addAwsSecretsEngine('aws');
const read = aws.addAssumedRole('read', { roleArns: ['arn:aws:iam::111111111111:role/app-read'] });
const deploy = aws.addAssumedRole('deploy', { roleArns: ['arn:aws:iam::111111111111:role/app-deploy'] });
trust.grantWorkspaces('app', {
  project: 'Apps',
  workspaces: WorkspaceSelector.ids('ws-App00001'),
  aws: { plan: read, apply: deploy },
});
app.synth();
`;
const GRANT_LINE = APP.split('\n').findIndex((l) => l.startsWith("trust.grantWorkspaces('app'")) + 1;
const TRUST_LINE = APP.split('\n').findIndex((l) => l.startsWith('const trust = ')) + 1;

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif repo '));
  fs.mkdirSync(path.join(repo, ODD));
  fs.writeFileSync(path.join(repo, ODD, 'main.ts'), APP);
  // As `cdktf synth` runs a TypeScript app: tsx (source maps on), the project's directory as working directory. The
  // library is loaded from its sources; the report package it imports from its build (`npm run build`).
  const synth = spawnSync(TSX, ['main.ts', 'cdktf.out'], {
    cwd: path.join(repo, ODD),
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    timeout: 100_000,
  });
  expect(synth.stderr).toBe('');
  expect(synth.status).toBe(0);
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe('a cdktf stack', () => {
  const stackDir = () => path.join(repo, ODD, 'cdktf.out', 'stacks', 'apps');

  test('the library writes where each grant and trust was created beside the stack, relative to it', () => {
    expect(LIBRARY_CREATION_SITES_FILE).toBe(CREATION_SITES_FILE);
    const written = JSON.parse(fs.readFileSync(path.join(stackDir(), CREATION_SITES_FILE), 'utf8'));
    expect(written).toEqual({
      version: 1,
      sites: {
        'apps/trust': { file: '../../../main.ts', line: TRUST_LINE, column: expect.any(Number) },
        'apps/trust/app': { file: '../../../main.ts', line: GRANT_LINE, column: expect.any(Number) },
      },
    });
    // Terraform's own file is untouched: no source positions in cdk.tf.json.
    expect(fs.readFileSync(path.join(stackDir(), 'cdk.tf.json'), 'utf8')).not.toContain('main.ts');
  });

  test('results sit on the TypeScript line that created the grant, with an encoded relative URI', async () => {
    // Plan and apply both refused: an audience the tokens do not carry, on both JWT roles of the grant.
    const file = path.join(stackDir(), 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const role of Object.values<Record<string, unknown>>(json.resource.vault_jwt_auth_backend_role)) role.bound_audiences = ['elsewhere'];
    fs.writeFileSync(file, JSON.stringify(json, null, 2));

    const log = await sarif(repo, `${ODD}/cdktf.out`);
    const results = log.runs[0].results!;
    const refused = results.filter((r) => r.ruleId === 'phase-cannot-log-in');
    expect(refused.map((r) => / (plan|apply)$/.exec(r.message.text!.split(':')[0])?.[1]).sort()).toEqual(['apply', 'plan']);
    for (const result of refused) {
      const location = result.locations![0].physicalLocation!;
      expect(location.artifactLocation!.uri).toBe('infra%20dir%20%231/main.ts');
      expect(location.region!.startLine).toBe(GRANT_LINE);
      expect(fs.readFileSync(path.join(repo, decodeURIComponent(location.artifactLocation!.uri!)), 'utf8').split('\n')[GRANT_LINE - 1]).toMatch(/grantWorkspaces\('app'/);
    }
    // Same rule, file and line: only the fingerprints tell plan from apply, so code scanning keeps two alerts.
    const [plan, apply] = refused.map((r) => r.partialFingerprints!);
    expect(plan.primaryLocationLineHash).not.toBe(apply.primaryLocationLineHash);
    expect(plan['trustFinding/v2']).not.toBe(apply['trustFinding/v2']);
    const all = results.map((r) => r.partialFingerprints!.primaryLocationLineHash);
    expect(new Set(all).size).toBe(all.length);
  });

  test('without the source file (a report run on a copied cdktf.out), results fall back to the synthesized file', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif copy '));
    try {
      fs.cpSync(path.join(repo, ODD, 'cdktf.out'), path.join(elsewhere, 'cdktf.out'), { recursive: true });
      const log = await sarif(elsewhere, 'cdktf.out');
      const refused = log.runs[0].results!.filter((r) => r.ruleId === 'phase-cannot-log-in');
      expect(refused.length).toBe(2);
      for (const result of refused) {
        const location = result.locations![0].physicalLocation!;
        expect(location.artifactLocation!.uri).toBe('cdktf.out/stacks/apps/cdk.tf.json');
        // The line of the phase's JWT role block, one of the result's logical locations.
        const lines = fs.readFileSync(path.join(elsewhere, 'cdktf.out', 'stacks', 'apps', 'cdk.tf.json'), 'utf8').split('\n');
        const roles = result.locations![0].logicalLocations!.map((l) => l.fullyQualifiedName!).filter((a) => a.startsWith('vault_jwt_auth_backend_role.'));
        expect(roles.map((a) => `"${a.split('.')[1]}": {`)).toContain(lines[location.region!.startLine! - 1].trim());
      }
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('a directory of .tf files', () => {
  const module = () => path.join(repo, 'hcl #2 dir');

  beforeAll(() => {
    fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'hcl', 'sound'), module(), { recursive: true });
    // Both phases refused: the JWT roles bind an audience runs do not send.
    const main = path.join(module(), 'main.tf');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace(/bound_audiences\s*=\s*\[[^\]]*\]/g, 'bound_audiences = ["elsewhere"]'));
  });

  const refusedOf = (log: Sarif.Log) => log.runs[0].results!.filter((r) => r.ruleId === 'phase-cannot-log-in');

  test('results sit on the line of the block, in its file', async () => {
    const log = await sarif(repo, 'hcl #2 dir');
    const refused = refusedOf(log);
    expect(refused).toHaveLength(2);
    const lines = fs.readFileSync(path.join(module(), 'main.tf'), 'utf8').split('\n');
    for (const result of refused) {
      const location = result.locations![0].physicalLocation!;
      expect(location.artifactLocation!.uri).toBe('hcl%20%232%20dir/main.tf');
      // The phase's own JWT role block: plan and apply land on different lines.
      const phase = / (plan|apply)$/.exec(result.message.text!.split(':')[0])![1];
      expect(lines[location.region!.startLine! - 1]).toBe(`resource "vault_jwt_auth_backend_role" "app_${phase}" {`);
    }
  });

  test('fingerprints stay when lines move; the lines follow the blocks', async () => {
    const before = refusedOf(await sarif(repo, 'hcl #2 dir'));
    const main = path.join(module(), 'main.tf');
    fs.writeFileSync(main, '# a comment\n\n# moved everything down by three lines\n' + fs.readFileSync(main, 'utf8'));
    const after = refusedOf(await sarif(repo, 'hcl #2 dir'));
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    const lineOf = (r: Sarif.Result) => r.locations![0].physicalLocation!.region!.startLine!;
    expect(after.map(lineOf)).toEqual(before.map((r) => lineOf(r) + 3));
  });
});

describe('blocks inside local modules', () => {
  const CORPUS = path.join(ROOT, 'packages', 'report', 'test', 'fixtures', 'corpus');
  const root = () => path.join(repo, 'mod #3 dir');
  const where = (result: Sarif.Result) => {
    const location = result.locations![0].physicalLocation!;
    return { uri: location.artifactLocation!.uri!, line: location.region?.startLine };
  };
  const lineAt = (file: string, line: number | undefined) => fs.readFileSync(file, 'utf8').split('\n')[line! - 1];

  beforeAll(() => {
    // The trust setup in a module whose directory also needs encoding, called as ./modules/trust #1.
    fs.cpSync(path.join(CORPUS, 'local-module'), root(), { recursive: true });
    fs.renameSync(path.join(root(), 'modules', 'trust'), path.join(root(), 'modules', 'trust #1'));
    const main = path.join(root(), 'main.tf');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('"./modules/trust"', '"./modules/trust #1"'));
    fs.cpSync(path.join(CORPUS, 'splat'), path.join(repo, 'splat'), { recursive: true });
  });

  test("a module's block sits on its own line in the module's file, not on the root's first file", async () => {
    const results = (await sarif(repo, 'mod #3 dir')).runs[0].results!;
    const role = results.find((r) => r.ruleId === 'name-only-binding')!;
    expect(role.locations![0].logicalLocations![0].fullyQualifiedName).toBe('module.trust.vault_jwt_auth_backend_role.tfc');
    expect(where(role).uri).toBe('mod%20%233%20dir/modules/trust%20%231/main.tf');
    expect(lineAt(path.join(root(), 'modules', 'trust #1', 'main.tf'), where(role).line)).toBe('resource "vault_jwt_auth_backend_role" "tfc" {');
    const policy = results.find((r) => r.ruleId === 'unused-policy-path')!;
    expect(lineAt(path.join(root(), 'modules', 'trust #1', 'main.tf'), where(policy).line)).toBe('resource "vault_policy" "reader" {');
    // A root block stays in the root's file.
    const shared = results.find((r) => r.ruleId === 'plan-apply-shared')!;
    expect(where(shared).uri).toBe('mod%20%233%20dir/main.tf');
    expect(lineAt(path.join(root(), 'main.tf'), where(shared).line)).toMatch(/^resource "tfe_variable" /);
  });

  test('each instance of a module called with for_each points at the one block, with its own fingerprint', async () => {
    const results = (await sarif(repo, 'splat')).runs[0].results!.filter((r) => r.ruleId === 'name-only-binding');
    expect(results.map((r) => r.locations![0].logicalLocations![0].fullyQualifiedName)).toEqual([
      'module.team["network"].vault_jwt_auth_backend_role.team',
      'module.team["storage"].vault_jwt_auth_backend_role.team',
    ]);
    for (const result of results) {
      expect(where(result).uri).toBe('splat/team/main.tf');
      expect(lineAt(path.join(repo, 'splat', 'team', 'main.tf'), where(result).line)).toBe('resource "vault_jwt_auth_backend_role" "team" {');
    }
    expect(new Set(results.map((r) => r.partialFingerprints!['trustFinding/v2'])).size).toBe(2);
  });

  test('a .tf file given alone: its blocks on their lines in that file, not in a sibling', async () => {
    const dir = path.join(repo, 'alone #4');
    fs.cpSync(path.join(CORPUS, 'local-module', 'modules', 'trust'), dir, { recursive: true });
    // A sibling (sorted first) declaring the same address: not read, so never the location.
    fs.writeFileSync(path.join(dir, 'a.tf'), 'resource "vault_jwt_auth_backend_role" "tfc" {\n}\n');
    const results = (await sarif(repo, path.join('alone #4', 'main.tf'))).runs[0].results!;
    const role = results.find((r) => r.ruleId === 'token-ttl-unset')!;
    expect(where(role).uri).toBe('alone%20%234/main.tf');
    expect(lineAt(path.join(dir, 'main.tf'), where(role).line)).toBe('resource "vault_jwt_auth_backend_role" "tfc" {');
  });
});

describe('the schema check', () => {
  test('rejects a URI with a bare space, which is why URIs are encoded', () => {
    const log = (uri: string) => ({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri } } }] }] }],
    });
    expect(validate(log('infra dir/main.ts'))).toBe(false);
    expect(validate(log('infra%20dir/main.ts'))).toBe(true);
  });
});

test('every rule has help text and a security severity code scanning can rank', async () => {
  const dir = path.join(repo, 'hcl #2 dir');
  const log = await sarif(repo, path.relative(repo, dir));
  for (const rule of log.runs[0].tool.driver.rules!) {
    expect(rule.help?.text).toMatch(/Fix: \S/);
    expect(rule.help?.markdown).toMatch(/\*\*Fix:\*\* \S/);
    expect(Number(rule.properties!['security-severity'])).toBeGreaterThan(0);
  }
});

describe('the code-scanning workflow in docs/report.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'report.md'), 'utf8');
  const section = doc.split('## Code scanning')[1].split('\n## ')[0];
  const workflow = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  const calls = [...workflow.matchAll(/npx cdktf-vault-backed-credentials explain ([^>\n]+?)(?: > (\S+))?$/gm)].map((m) => ({ args: m[1].split(' '), file: m[2] }));

  test('synthesizes, writes the SARIF log from the repository root and uploads it, then gates', () => {
    expect(workflow).toMatch(/security-events: write/);
    expect(workflow).toMatch(/- run: npx cdktf synth\n/);
    expect(workflow).toMatch(/uses: github\/codeql-action\/upload-sarif@v3\n\s+with:\n\s+sarif_file: trust-report\.sarif\n/);
    expect(calls.map((c) => [c.args.slice(1).join(' '), c.file])).toEqual([
      ['--format sarif --fail-on none', 'trust-report.sarif'],
      ['--fail-on error', undefined],
    ]);
  });

  test('its SARIF call, run in a repository, gives a valid log whose URIs name files there', async () => {
    // Its input is cdktf.out (the project here lives in a subdirectory); sarif() adds the same --format and --fail-on.
    expect(calls[0].args[0]).toBe('cdktf.out');
    const log = await sarif(repo, `${ODD}/cdktf.out`);
    const uris = log.runs[0].results!.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri!);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of new Set(uris)) expect(fs.existsSync(path.join(repo, decodeURIComponent(uri)))).toBe(true);
  });
});
