/**
 * `explain DIR` on hand-written Terraform: modules of `.tf` (and `.tf.json`) files read through @cdktf/hcl2json and
 * judged by the same rules as cdktf output. The HashiCorp modules must give the same verdicts as their JSON
 * transcriptions; the defects are derived from a sound module by editing its text.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { explain, TrustReport } from '../../packages/report/src/explain';
import { mergeModuleFiles, readTerraformDirectory } from '../../packages/report/src/hcl';
import { explainIn, fixture, FIXTURES, HASHICORP_VARIABLES } from './support';

jest.setTimeout(60_000);

const HCL = path.join(FIXTURES, 'hcl');
const errors = (r: TrustReport) =>
  r.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} ${f.subject}`)
    .sort();
const verdicts = (r: TrustReport) =>
  r.rows.map((row) => [row.selector.label, row.phase, row.namespace, row.role, row.login, row.credentials.map((c) => `${c.path} ${c.read}`)]);

async function explainModule(dir: string): Promise<TrustReport> {
  return explain(await readTerraformDirectory(dir), { variables: HASHICORP_VARIABLES });
}

describe.each(['aws', 'gcp', 'azure'])("HashiCorp's vault-backed/%s written in HCL", (cloud) => {
  let hcl: TrustReport;
  const json = explain(fixture(`hashicorp-examples/vault-backed-${cloud}.json`), { variables: HASHICORP_VARIABLES });
  beforeAll(async () => {
    hcl = await explainModule(path.join(HCL, cloud));
  });

  test('gives the verdicts of the JSON transcription', () => {
    expect(verdicts(hcl)).toEqual(verdicts(json));
    expect(hcl.rows.length).toBe(2);
  });

  test('has the errors of the JSON transcription', () => {
    expect(errors(hcl)).toEqual(errors(json));
  });

  if (cloud !== 'aws') {
    test('finds the namespace defect: mount, policy and engine role outside namespace admin, every run refused', () => {
      const engineRole = cloud === 'gcp' ? 'vault_gcp_secret_roleset.gcp_secret_roleset' : 'vault_azure_secret_backend_role.azure_secret_backend_role';
      expect(errors(hcl)).toEqual(expect.arrayContaining([
        `namespace-mismatch ${engineRole}`,
        'namespace-mismatch vault_jwt_auth_backend.tfc_jwt',
        'namespace-mismatch vault_policy.tfc_policy',
      ]));
      for (const row of hcl.rows) expect(row).toMatchObject({ namespace: 'admin', login: 'refused' });
    });
  } else {
    test('has no errors: both phases read aws/sts/edu-app', () => {
      expect(errors(hcl)).toEqual([]);
      expect(hcl.rows.map((r) => r.credentials[0].read)).toEqual(['allowed', 'allowed']);
    });
  }
});

describe('hand-written defects in HCL', () => {
  const sound = path.join(HCL, 'sound');
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** The sound module with `main.tf` edited; the edit must change something. */
  async function withEdit(edit: (text: string) => string): Promise<TrustReport> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-defect-'));
    dirs.push(dir);
    for (const name of fs.readdirSync(sound)) fs.copyFileSync(path.join(sound, name), path.join(dir, name));
    const before = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before);
    fs.writeFileSync(path.join(dir, 'main.tf'), after);
    return explain(await readTerraformDirectory(dir));
  }

  test.each<[string, (text: string) => string, string[]]>([
    ['sound as written', (t) => t.replace('# A hand-written setup', '# The hand-written setup'), []],
    [
      'organization glob',
      (t) =>
        t.replace('"organization:acme:project:Apps:workspace:app-prod:run_phase:plan"', '"organization:acme*:project:Apps:workspace:app-prod:run_phase:plan"'),
      ['glob-crosses-boundary vault_jwt_auth_backend_role.app_plan'],
    ],
    [
      'trailing-slash issuer',
      (t) => t.replace('bound_issuer       = "https://app.terraform.io"', 'bound_issuer       = "https://app.terraform.io/"'),
      expect.arrayContaining(['issuer-malformed vault_jwt_auth_backend.hcp_terraform']),
    ],
    [
      'missing audience',
      (t) => t.replace(/(role_name {9}= "app-apply"[\s\S]*?)\n {2}bound_audiences {3}= \["vault\.workload\.identity"\]/, '$1'),
      expect.arrayContaining(['role-missing-audience vault_jwt_auth_backend_role.app_apply']),
    ],
    [
      'plan reaching apply',
      (t) => t.replace('path "aws/sts/app-read" {', 'path "aws/sts/app-deploy" {\n      capabilities = ["read"]\n    }\n    path "aws/sts/app-read" {'),
      ['plan-reaches-apply workspace app-prod (project Apps) plan'],
    ],
  ])('%s', async (_label, edit, expected) => {
    const r = await withEdit(edit);
    expect(errors(r)).toEqual(expected);
  });

  test('the trailing slash and the missing audience stop the runs they concern', async () => {
    const slash = await withEdit((t) => t.replace('bound_issuer       = "https://app.terraform.io"', 'bound_issuer       = "https://app.terraform.io/"'));
    expect(slash.rows.map((r) => r.login)).toEqual(['refused', 'refused']);
    const audience = await withEdit((t) => t.replace(/(role_name {9}= "app-apply"[\s\S]*?)\n {2}bound_audiences {3}= \["vault\.workload\.identity"\]/, '$1'));
    expect(audience.rows.map((r) => `${r.phase} ${r.login}`)).toEqual(['plan admitted', 'apply refused']);
  });
});

describe('merging the files of a module', () => {
  test('blocks from several files, in hcl2json\'s list form and as objects, become one document', () => {
    const merged = mergeModuleFiles([
      { file: 'a.tf', json: { resource: { vault_policy: { p: [{ name: 'p' }] } }, variable: { v: [{ default: 'x' }] }, locals: [{ a: '1' }] } },
      { file: 'b.tf.json', json: { resource: [{ vault_policy: { q: { name: 'q' } } }], locals: { b: '2' }, provider: { vault: { namespace: 'admin' } } } },
    ]);
    expect(merged).toEqual({
      resource: { vault_policy: { p: { name: 'p' }, q: { name: 'q' } } },
      variable: { v: { default: 'x' } },
      locals: { a: '1', b: '2' },
      provider: { vault: [{ namespace: 'admin' }] },
    });
  });

  test('an override file replaces attributes of the block it names, whatever its place in name order', () => {
    const merged = mergeModuleFiles([
      { file: 'a_override.tf', json: { resource: { vault_policy: { p: [{ name: 'renamed' }] } } } },
      { file: 'main.tf', json: { resource: { vault_policy: { p: [{ name: 'p', policy: 'x' }] } } } },
    ]);
    expect(merged.resource).toEqual({ vault_policy: { p: { name: 'renamed', policy: 'x' } } });
  });

  test('a block declared in two files is refused, as Terraform refuses it', () => {
    expect(() =>
      mergeModuleFiles([
        { file: 'a.tf', json: { resource: { vault_policy: { p: [{ name: 'p' }] } } } },
        { file: 'b.tf', json: { resource: { vault_policy: { p: [{ name: 'p2' }] } } } },
      ]),
    ).toThrow('b.tf: vault_policy.p is also declared in a.tf; Terraform refuses duplicate blocks');
  });

  test('a file that does not parse names the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-bad-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "vault_policy" "p" {\n  name = \n');
      await expect(readTerraformDirectory(dir)).rejects.toThrow(/main\.tf does not parse as HCL/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('explain DIR on the command line', () => {
  const ROOT = path.resolve(__dirname, '..', '..');
  const run = (...args: string[]) => explainIn(ROOT, args);
  const vars = Object.entries(HASHICORP_VARIABLES).flatMap(([k, v]) => ['--var', `${k}=${v}`]);

  test('a module directory is read as one configuration and its errors fail the run', async () => {
    const result = await run(path.join(HCL, 'gcp'), ...vars);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`# Trust report for ${path.join(HCL, 'gcp')}`);
    expect(result.stderr).toMatch(/error namespace-mismatch vault_jwt_auth_backend\.tfc_jwt/);
  });

  test('the sound module passes', async () => {
    const result = await run(path.join(HCL, 'sound'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
