/**
 * Adoption proven against OpenBao with the real Vault provider (issue 19, item 7).
 *
 * 1. A fresh OpenBao gets what HashiCorp's vault-backed AWS example created, by `terraform apply` of that example's
 *    Vault side (test/fixtures/hashicorp-examples/vault-backed-aws.json, projected with terraform-validate.ts's
 *    `project`) with the provider built by scripts/engines/providers.sh: the namespace `admin` (created through the
 *    API first, as it exists in HCP Vault Dedicated), the JWT mount `jwt`, the role `tfc-role`, the policy `tfc-policy`.
 * 2. The Vault side of examples/adopt.ts, with its `import` blocks, is planned against that server
 *    (`terraform plan -out`, then `terraform show -json`), and every resource change must import its object and
 *    neither replace nor destroy anything. The same plan without `TERRAFORM_VAULT_NAMESPACE_IMPORT` fails.
 * 3. An adopted mount given a description: planned as an update, applied, and Vault's mount still has none.
 *
 * Left out on both sides, as in the rest of the engine suite: the AWS secrets engine mount and its role (OpenBao has
 * no AWS engine built in; their import blocks go with them). One substitution: OpenBao cannot fetch
 * https://app.terraform.io's discovery document, so the pre-existing mount trusts a local public key
 * (`jwt_validation_pubkeys`) instead of `oidc_discovery_url`; the adopting plan therefore updates the mount's
 * configuration in place (back to the discovery URL), which is an update, not a replacement.
 */
import { spawnSync } from 'child_process';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { AdoptExample } from '../../examples/adopt';
import { project, TerraformJson } from '../../scripts/engines/terraform-validate';
import { HASHICORP_VARIABLES } from '../report/support';
import { REPOSITORY_ROOT, startBao } from './bao-server';
import { emptyTally, recordTally } from './check';
import { OpenBaoApi } from './openbao-api';

jest.setTimeout(300_000);

const NOT_IN_OPENBAO = /^vault_(aws|gcp|azure)_secret/;
const NAMESPACE = 'admin';

interface Adoption {
  kinds: number;
  objects: number;
  imported: number;
  updatedInPlace: number;
  replaced: number;
  destroyed: number;
}
const tally = { ...emptyTally(), adoption: { kinds: 0, objects: 0, imported: 0, updatedInPlace: 0, replaced: 0, destroyed: 0 } as Adoption };
afterAll(() => recordTally('adoption', tally));

/** The provider mirror and its CLI config (scripts/engines/providers.sh, which builds hashicorp/vault once). */
function providerMirror(): { cliConfig: string; vaultVersion: string } {
  const run = spawnSync('bash', [path.join(REPOSITORY_ROOT, 'scripts', 'engines', 'providers.sh')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`scripts/engines/providers.sh failed (it needs Go to build the Vault provider once):\n${run.stderr}`);
  const [, cliConfig, vaultVersion] = run.stdout.trim().split('\n').pop()!.split(' ');
  return { cliConfig, vaultVersion };
}

/** A projected configuration, as this test edits it. */
interface VaultSide {
  readonly [section: string]: unknown;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  provider: { vault: Array<Record<string, unknown>> };
  import?: Array<{ to: string; id: string }>;
  variable?: Record<string, Record<string, unknown>>;
}

/** The Vault side of a configuration, without the cloud engines OpenBao lacks and the import blocks that name them. */
function vaultSide(json: TerraformJson, vaultVersion: string): VaultSide {
  const projection = project(json, vaultVersion).projection as unknown as VaultSide;
  for (const type of Object.keys(projection.resource ?? {})) if (NOT_IN_OPENBAO.test(type)) delete projection.resource[type];
  if (projection.import) {
    projection.import = projection.import.filter((i) => !NOT_IN_OPENBAO.test(i.to));
  }
  // Values from outside Vault (IAM ARNs, keys; only the left-out AWS engine reads them) stand in as literals.
  for (const [name, block] of Object.entries<Record<string, unknown>>(projection.variable ?? {})) {
    if (block.default === undefined && HASHICORP_VARIABLES[name] === undefined) block.default = `stand-in-${name}`;
  }
  return projection;
}

interface Terraform {
  (dir: string, ...args: string[]): string;
}

function terraformIn(env: NodeJS.ProcessEnv): Terraform {
  return (dir, ...args) => {
    const run = spawnSync(process.env.TERRAFORM || 'terraform', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw new Error(`the Terraform CLI is not available (${run.error.message}); install Terraform 1.11+`);
    if (run.status !== 0) throw new Error(`terraform ${args.join(' ')} failed in ${dir}:\n${run.stdout}\n${run.stderr}`);
    return run.stdout;
  };
}

interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly change: { readonly actions: string[]; readonly importing?: { readonly id: string }; readonly replace_paths?: unknown };
}

/** Plans `dir` and returns the resource changes of the saved plan. */
function plan(terraform: Terraform, dir: string): ResourceChange[] {
  terraform(dir, 'plan', '-input=false', '-no-color', '-lock=false', '-out=adopt.plan');
  return JSON.parse(terraform(dir, 'show', '-json', 'adopt.plan')).resource_changes ?? [];
}

describe('adopting HashiCorp\'s vault-backed AWS example against OpenBao', () => {
  let work: string;
  let stopBao: (() => Promise<void>) | undefined;
  let terraform: Terraform;
  let env: NodeJS.ProcessEnv;
  let adoptDir: string;
  let adoptSide: VaultSide;
  let api: OpenBaoApi;
  let rootToken: string;
  let mountKey: string;
  let vaultVersionBuilt: string;

  beforeAll(async () => {
    const { cliConfig, vaultVersion } = providerMirror();
    const bao = await startBao();
    stopBao = () => bao.stop();
    api = new OpenBaoApi(bao.address);
    rootToken = bao.rootToken;
    vaultVersionBuilt = vaultVersion;
    await api.must('POST', `sys/namespaces/${NAMESPACE}`, { token: bao.rootToken });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'engines-adoption-'));
    env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      VAULT_ADDR: bao.address,
      VAULT_TOKEN: bao.rootToken,
    };
    for (const [name, value] of Object.entries(HASHICORP_VARIABLES)) env[`TF_VAR_${name}`] = value;
    env.TF_VAR_vault_url = bao.address;
    terraform = terraformIn(env);

    // 1. What the HCL example applied, applied by the provider itself.
    const hclJson = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'hashicorp-examples', 'vault-backed-aws.json'), 'utf8'));
    const before = vaultSide(hclJson, vaultVersion);
    const mount = before.resource.vault_jwt_auth_backend.tfc_jwt;
    delete mount.oidc_discovery_url;
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString().trim();
    mount.jwt_validation_pubkeys = [key];
    mountKey = key;
    const hclDir = path.join(work, 'hcl');
    fs.mkdirSync(hclDir);
    fs.writeFileSync(path.join(hclDir, 'main.tf.json'), JSON.stringify(before, null, 2));
    terraform(hclDir, 'init', '-backend=false', '-input=false', '-no-color');
    terraform(hclDir, 'apply', '-auto-approve', '-input=false', '-no-color', '-lock=false');

    // 2. The adopting stack's Vault side, pointed at the same server.
    const json = JSON.parse(Testing.synth(new AdoptExample(Testing.app(), 'adopt'), true));
    adoptSide = vaultSide(json, vaultVersion);
    for (const block of adoptSide.provider.vault) block.address = bao.address;
    adoptDir = path.join(work, 'adopt');
    fs.mkdirSync(adoptDir);
    fs.writeFileSync(path.join(adoptDir, 'main.tf.json'), JSON.stringify(adoptSide, null, 2));
    terraform(adoptDir, 'init', '-backend=false', '-input=false', '-no-color');
  });

  afterAll(async () => {
    await stopBao?.();
    if (work && !process.env.KEEP_ENGINES_ADOPTION_DIR) fs.rmSync(work, { recursive: true, force: true });
  });

  test('the plan imports every adopted object, replaces nothing and destroys nothing', () => {
    // TERRAFORM_VAULT_NAMESPACE_IMPORT is relative to the provider's namespace (the provider block sets none here).
    const changes = plan(terraformIn({ ...env, TERRAFORM_VAULT_NAMESPACE_IMPORT: NAMESPACE }), adoptDir);
    const imports = adoptSide.import ?? [];
    const vaultChanges = changes.filter((c) => c.type.startsWith('vault_'));
    const summary = vaultChanges.map((c) => ({ address: c.address, actions: c.change.actions.join('+'), imported: c.change.importing !== undefined }));
    expect(imports.length).toBeGreaterThanOrEqual(3);
    // every import block's target is imported, and nothing is replaced or destroyed
    for (const block of imports) {
      expect(summary.find((s) => s.address === block.to)).toEqual(expect.objectContaining({ address: block.to, imported: true }));
    }
    const replacedOrDestroyed = summary.filter((s) => s.actions.includes('delete'));
    expect(replacedOrDestroyed).toEqual([]);

    const a = tally.adoption;
    a.kinds = new Set(imports.map((i) => i.to.split('.')[0])).size;
    a.objects = imports.length;
    a.imported = summary.filter((s) => s.imported).length;
    a.updatedInPlace = summary.filter((s) => s.imported && s.actions === 'update').length;
    a.replaced = summary.filter((s) => s.actions.includes('delete') && s.actions.includes('create')).length;
    a.destroyed = summary.filter((s) => s.actions === 'delete').length;
  });

  test('without TERRAFORM_VAULT_NAMESPACE_IMPORT the same plan fails, and would replace what it can import', () => {
    // The provider reads imported objects in its own namespace (the root here): the mount is not found there, and
    // the policy's namespace reads back empty, so "admin" forces its replacement.
    const run = spawnSync(process.env.TERRAFORM || 'terraform', ['plan', '-input=false', '-no-color', '-lock=false'], { cwd: adoptDir, env, encoding: 'utf8' });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status).not.toBe(0);
    expect(output).toContain('Cannot import non-existent remote object');
    expect(output).toMatch(/vault_policy\.\S+ must be replaced/);
    expect(output).toContain('namespace = "admin" # forces replacement');
  });

  test('an adopted mount\'s description is planned as a change, applied, and never reaches Vault', async () => {
    // The imported mount with a description and otherwise its configuration as it is (so the apply needs no
    // discovery document): the provider sends a description only when it enables a mount, and never reads it back.
    const dir = path.join(work, 'description');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({
        terraform: { required_providers: { vault: { source: 'hashicorp/vault', version: vaultVersionBuilt } } },
        provider: { vault: [{ address: env.VAULT_ADDR }] },
        resource: {
          vault_jwt_auth_backend: {
            adopted: {
              namespace: NAMESPACE,
              path: 'jwt',
              type: 'jwt',
              bound_issuer: 'https://app.terraform.io',
              jwt_validation_pubkeys: [mountKey],
              description: 'described by the adopting stack',
            },
          },
        },
        import: [{ to: 'vault_jwt_auth_backend.adopted', id: 'jwt' }],
      }),
    );
    const run = terraformIn({ ...env, TERRAFORM_VAULT_NAMESPACE_IMPORT: NAMESPACE });
    run(dir, 'init', '-backend=false', '-input=false', '-no-color');
    const [change] = plan(run, dir).filter((c) => c.type === 'vault_jwt_auth_backend');
    expect(change.change.actions).toEqual(['update']);
    run(dir, 'apply', '-auto-approve', '-input=false', '-no-color', '-lock=false', 'adopt.plan');
    const mounts = await api.must('GET', 'sys/auth', { token: rootToken, namespace: NAMESPACE });
    const data = (mounts.body.data ?? mounts.body) as Record<string, { description?: string }>;
    expect(data['jwt/'].description).toBe('');
    // and Terraform believes it is done: the next plan has nothing to change (the key is trimmed, as OpenBao stores it)
    const again = plan(run, dir).filter((c) => c.change.actions.join() !== 'no-op');
    const changed = again.map((c) => {
      const before = (c.change as { before?: Record<string, unknown> }).before ?? {};
      const after = (c.change as { after?: Record<string, unknown> }).after ?? {};
      return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => ({ k, before: before[k], after: after[k] }));
    });
    expect(changed).toEqual([]);
  });
});
