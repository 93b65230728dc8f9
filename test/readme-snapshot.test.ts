import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import * as cdktf from 'cdktf';
import { Construct } from 'constructs';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from '../lib';
import * as testing from '../lib/testing';

// The README's snapshot example (the block after <!-- snapshot-example ... -->), run as written: its imports come
// from this repository's sources, and its './platform-trust' is a stack with the trust of the README's "Usage"
// section. With a sound stack its tests pass; with a trailing-slash vaultAddress, which `cdktf synth` refuses, the
// block itself must throw before any snapshot is taken.
const readme = fs.readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8');
const match = /<!-- snapshot-example[^>]*-->\s*(?:<!--[^>]*-->\s*)?```mts\n([\s\S]*?)```/.exec(readme);

/** The trust of the README's "Usage" section, with the Vault address given. */
function platformTrustStack(vaultAddress: string) {
  return class PlatformTrustStack extends cdktf.TerraformStack {
    constructor(scope: Construct, id: string) {
      super(scope, id);
      new VaultProvider(this, 'vault', { address: 'https://vault.acme.example:8200' });
      new TfeProvider(this, 'tfe', {});
      const trust = new VaultBackedDynamicCredentials(this, 'trust', { organization: 'acme', vaultAddress, vaultNamespace: 'admin' });
      const aws = trust.addAwsSecretsEngine('aws', {
        region: 'eu-west-1',
        rootCredentials: {
          accessKeyId: new cdktf.TerraformVariable(this, 'aws_access_key_id', { type: 'string' }),
          secretAccessKey: new cdktf.TerraformVariable(this, 'aws_secret_access_key', { type: 'string', sensitive: true }),
        },
      });
      trust.grantWorkspaces('network', {
        project: 'Networking',
        workspaces: WorkspaceSelector.names('network-prod', 'network-stage'),
        aws: {
          plan: aws.addAssumedRole('network-read-only', { roleArns: ['arn:aws:iam::111111111111:role/network-read-only'] }),
          apply: aws.addAssumedRole('network-admin', { roleArns: ['arn:aws:iam::111111111111:role/network-admin'] }),
        },
      });
    }
  };
}

/** Runs the README block with `./platform-trust` built for `vaultAddress`; returns the tests it declared. */
function runReadmeBlock(vaultAddress: string): Array<{ name: string; body: () => void }> {
  const { outputText } = ts.transpileModule(match![1], { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const modules: Record<string, unknown> = {
    cdktf,
    'cdktf-vault-backed-credentials/testing': testing,
    './platform-trust': { PlatformTrustStack: platformTrustStack(vaultAddress) },
  };
  const declared: Array<{ name: string; body: () => void }> = [];
  const requireFromBlock = (name: string) => {
    if (!(name in modules)) throw new Error(`the README snapshot example imports ${name}, which this test does not provide`);
    return modules[name];
  };
  const run = new Function('require', 'exports', 'test', 'expect', outputText);
  run(requireFromBlock, {}, (name: string, body: () => void) => declared.push({ name, body }), expect);
  return declared;
}

test('the README marks its snapshot example, and it synthesizes with synthWithChecks', () => {
  expect(match).not.toBeNull();
  expect(match![1]).toMatch(/synthWithChecks\(stack\)/);
  expect(match![1]).not.toMatch(/Testing\.synth\(/);
});

test('on a sound stack the README snapshot example runs and its assertions pass', () => {
  const declared = runReadmeBlock('https://vault.acme.example:8200');
  expect(declared.map((t) => t.name)).toEqual(['the trust stack matches its snapshot', 'network-prod plans read only the read-only role']);
  for (const t of declared) t.body();
});

test('on a stack with a trailing-slash vaultAddress the README snapshot example fails, naming the construct and the fix', () => {
  expect(() => runReadmeBlock('https://vault.acme.example:8200/')).toThrow(
    /stack "platform-trust" failed 1 check at synthesis:\n {2}\[platform-trust\/trust\] vaultAddress "https:\/\/vault\.acme\.example:8200\/" ends with "\/"; .* give it without the slash/,
  );
});

test('Testing.synth(stack), which the example used before, lets the same broken stack through', () => {
  const Broken = platformTrustStack('https://vault.acme.example:8200/');
  expect(() => cdktf.Testing.synth(new Broken(cdktf.Testing.app(), 'platform-trust'))).not.toThrow();
  expect(() => cdktf.Testing.synth(new Broken(cdktf.Testing.app(), 'platform-trust'), true)).toThrow(/ends with "\/"/);
});

test('synthWithChecks lists every problem, and with failOnWarnings the unacknowledged warnings too', () => {
  const Sound = platformTrustStack('https://vault.acme.example:8200');
  const sound = new Sound(cdktf.Testing.app(), 'platform-trust');
  expect(testing.synthWithChecks(sound)).toBe(cdktf.Testing.synth(sound));
  expect(() => testing.synthWithChecks(new Sound(cdktf.Testing.app(), 'platform-trust'), { failOnWarnings: true })).toThrow(
    /failed 2 checks at synthesis:\n {2}warning: \[platform-trust\/trust\/aws\] \[secret-in-state\] [^\n]*\n {2}warning: \[platform-trust\/trust\/network\] \[name-only-binding\] the grant trusts workspace names only/,
  );
  const TwoProblems = platformTrustStack('vault.acme.example/');
  expect(() => testing.synthWithChecks(new TwoProblems(cdktf.Testing.app(), 'platform-trust'))).toThrow(/failed \d+ checks? at synthesis:\n {2}\[platform-trust\//);
});
