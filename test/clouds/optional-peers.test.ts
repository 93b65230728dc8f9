import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The AWS, Google and Azure provider packages are optional peers: importing the library's entry point must not load
 * any of their modules, and a user without the Google or Azure package must still be able to use everything that
 * does not create Google or Azure resources. Each check runs in a fresh `node` process, because jest's own module
 * registry would hide what a plain `require` does.
 */
const root = path.resolve(__dirname, '..', '..');
const hidePackages = path.join(__dirname, 'fixtures', 'hide-packages.js');
const CLOUD_MODULE = /[\\/]node_modules[\\/]@cdktf[\\/]provider-(aws|google|azurerm)[\\/]/;

// Each check starts a node process that compiles the library with tsx; allow for a cold cache on a busy machine.
jest.setTimeout(60_000);

/** Runs `script` in a child node process that loads TypeScript through tsx; returns its stdout parsed as JSON. */
/** What the child scripts print, as the tests read it (each script prints some of these). */
interface ChildResult {
  readonly exported: string[];
  readonly cloud: string[];
  readonly vault: number;
  readonly afterGoogle: string[];
  readonly all: string[];
  readonly googleReachable: boolean;
  readonly providers: string[];
  readonly types: string[];
  readonly message: string;
}

function runChild(script: string, hide: string[] = []): Partial<ChildResult> {
  const args = ['-r', 'tsx/cjs', ...(hide.length > 0 ? ['-r', hidePackages] : []), '-e', script];
  const stdout = execFileSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HIDE_PACKAGES: hide.join(',') },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

// The children's apps get their (never written) output folders here, removed when the file ends: cdktf's own
// Testing.app() would leave one folder per child in the system's temporary folder.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vbdc-optional-peers-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const TEST_APP = `Testing.app({ outdir: require('fs').mkdtempSync(require('path').join(${JSON.stringify(scratch)}, 'app-')) })`;

const LOADED = `
  const loaded = (pattern) => Object.keys(require.cache)
    .filter((file) => pattern.test(file))
    .map((file) => file.replace(/^.*node_modules[\\\\/]/, '').split(require('path').sep).join('/'));
`;

describe('optional cloud provider peers', () => {
  test('importing the root entry point loads no module of @cdktf/provider-aws, -google or -azurerm', () => {
    const result = runChild(`
      ${LOADED}
      const lib = require('./lib');
      console.log(JSON.stringify({
        exported: ['AwsRunRole', 'GcpSecretsEngineServiceAccount', 'AzureSecretsEngineRoleAssignment', 'GcpSecretsEngine', 'AzureSecretsEngine']
          .filter((name) => typeof lib[name] === 'function'),
        cloud: loaded(${CLOUD_MODULE}),
        vault: loaded(/[\\\\/]@cdktf[\\\\/]provider-vault[\\\\/]/).length,
      }));
    `);
    expect(result.exported).toEqual([
      'AwsRunRole',
      'GcpSecretsEngineServiceAccount',
      'AzureSecretsEngineRoleAssignment',
      'GcpSecretsEngine',
      'AzureSecretsEngine',
    ]);
    expect(result.cloud).toEqual([]);
    // The inspection does see provider modules: the Vault provider's resource modules are loaded eagerly.
    expect(result.vault).toBeGreaterThan(0);
  });

  test('a cloud-side construct loads only the resource modules it uses, never a package root', () => {
    const result = runChild(`
      ${LOADED}
      const { Testing, TerraformStack } = require('cdktf');
      const lib = require('./lib');
      const stack = new TerraformStack(${TEST_APP}, 'stack');
      new lib.GcpSecretsEngineServiceAccount(stack, 'sa', { project: 'acme-data' });
      const afterGoogle = loaded(${CLOUD_MODULE});
      new lib.AzureSecretsEngineRoleAssignment(stack, 'ra', { scope: '/subscriptions/x', principalId: 'y' });
      new lib.AwsSecretsEngineUser(stack, 'user');
      console.log(JSON.stringify({ afterGoogle, all: loaded(${CLOUD_MODULE}) }));
    `);
    expect(result.afterGoogle).toEqual([
      '@cdktf/provider-google/lib/service-account/index.js',
      '@cdktf/provider-google/lib/project-iam-member/index.js',
    ]);
    expect((result.all ?? []).filter((file) => /^@cdktf\/provider-[a-z]+\/lib\/index\.js$/.test(file))).toEqual([]);
    expect(result.all).toEqual(expect.arrayContaining([
      '@cdktf/provider-azurerm/lib/role-assignment/index.js',
      '@cdktf/provider-aws/lib/iam-user/index.js',
      '@cdktf/provider-aws/lib/iam-user-policy/index.js',
    ]));
  });

  test('without the Google and Azure packages installed, GCP and Azure Vault engines and grants still synthesize', () => {
    const result = runChild(`
      const { Testing, TerraformStack, TerraformVariable } = require('cdktf');
      const { VaultProvider } = require('@cdktf/provider-vault/lib/provider');
      const { TfeProvider } = require('@cdktf/provider-tfe/lib/provider');
      const lib = require('./lib');
      let googleReachable = true;
      try { require.resolve('@cdktf/provider-google/lib/service-account'); } catch { googleReachable = false; }
      const stack = new TerraformStack(${TEST_APP}, 'stack');
      new VaultProvider(stack, 'vault', {});
      new TfeProvider(stack, 'tfe', {});
      const trust = new lib.VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const key = new TerraformVariable(stack, 'gcp_key', { type: 'string', sensitive: true });
      const gcp = trust.addGcpSecretsEngine('gcp', { writeOnlyCredentials: { credentialsJson: key.stringValue } });
      const viewer = gcp.addRoleset('viewer', {
        project: 'acme-data',
        tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        bindings: [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-data', roles: ['roles/viewer'] }],
      });
      const subscriptionId = '11111111-1111-4111-8111-111111111111';
      const azure = trust.addAzureSecretsEngine('azure', { subscriptionId, tenantId: '22222222-2222-4222-8222-222222222222' });
      const reader = azure.addRole('reader', { azureRoles: [{ roleName: 'Reader', scope: '/subscriptions/11111111-1111-4111-8111-111111111111' }] });
      const workspaces = lib.WorkspaceSelector.names('etl');
      trust.grantWorkspaces('g', { project: 'Data', workspaces, gcp: { plan: viewer, apply: viewer }, azure: { plan: reader, apply: reader } });
      const json = JSON.parse(Testing.synth(stack, true));
      let message = '';
      try { new lib.GcpSecretsEngineServiceAccount(stack, 'sa', { project: 'acme-data' }); } catch (error) { message = error.message; }
      const providers = Object.keys(json.terraform.required_providers).sort();
      console.log(JSON.stringify({ googleReachable, types: Object.keys(json.resource).sort(), providers, message }));
    `, ['@cdktf/provider-google', '@cdktf/provider-azurerm']);
    expect(result.googleReachable).toBe(false);
    expect(result.providers).toEqual(['tfe', 'vault']);
    expect(result.types).toEqual(
      expect.arrayContaining([
        'vault_gcp_secret_backend',
        'vault_gcp_secret_roleset',
        'vault_azure_secret_backend',
        'vault_azure_secret_backend_role',
        'vault_policy',
      ]),
    );
    expect(result.message).toMatch(
      /GcpSecretsEngineServiceAccount creates google resources and needs the optional peer dependency @cdktf\/provider-google \(\^16\.12\.1\); install it with "npm install @cdktf\/provider-google@\^16\.12\.1"/,
    );
  });
});
