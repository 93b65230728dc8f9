/**
 * The pipeline policy omits auth/token/create, so a stack that uses it while its Vault provider would request a child
 * token gets the `pipeline-needs-skip-child-token` warning at synthesis (issue 19, item 6).
 */
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AdoptExample } from '../examples/adopt';
import { EnterpriseExample } from '../examples/enterprise';
import { VaultBackedCredentialsExample } from '../examples/main';
import { Acknowledgements, VaultBackedDynamicCredentials } from '../lib';
import { printedWarnings, synthWith } from './support/synth';

const ID = '[pipeline-needs-skip-child-token] ';

function trustWithPolicy(stack: TerraformStack, readPolicy: boolean): VaultBackedDynamicCredentials {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.acme.example:8200' });
  if (readPolicy) new TerraformOutput(stack, 'pipeline', { value: trust.pipelinePolicy });
  return trust;
}

function skipWarnings(stack: TerraformStack): string[] {
  return printedWarnings(stack).filter((w) => w.startsWith(ID));
}

test('warns when pipelinePolicy is used and the Vault provider does not set skipChildToken', () => {
  const { stack } = synthWith((s) => trustWithPolicy(s, true));
  expect(skipWarnings(stack)).toEqual([
    `${ID}pipelinePolicy is used, but the Vault provider test/vault does not set skipChildToken: true, so it requests a child token ` +
      '(auth/token/create), which the pipeline policy does not grant: every plan and apply with that policy would fail; ' +
      'set skipChildToken: true on the VaultProvider',
  ]);
});

test('warns when the stack declares no Vault provider at all (the default one requests a child token)', () => {
  const stack = new TerraformStack(Testing.app(), 'bare');
  trustWithPolicy(stack, true);
  // without validations: cdktf itself refuses resources whose provider has no construct
  Testing.synth(stack, false);
  expect(skipWarnings(stack)).toHaveLength(1);
  expect(skipWarnings(stack)[0]).toContain('the stack declares no Vault provider');
});

test('names only the providers that lack it when one of two sets it', () => {
  const { stack } = synthWith((s) => {
    (s.node.findChild('vault') as VaultProvider).skipChildToken = true;
    new VaultProvider(s, 'other', { alias: 'other' });
    trustWithPolicy(s, true);
  });
  expect(skipWarnings(stack)).toHaveLength(1);
  expect(skipWarnings(stack)[0]).toContain('the Vault provider test/other does not set');
});

test('silent when the provider sets skipChildToken: true', () => {
  const { stack } = synthWith((s) => {
    (s.node.findChild('vault') as VaultProvider).skipChildToken = true;
    trustWithPolicy(s, true);
  });
  expect(skipWarnings(stack)).toEqual([]);
});

test('silent when pipelinePolicy is never read', () => {
  const { stack } = synthWith((s) => trustWithPolicy(s, false));
  expect(skipWarnings(stack)).toEqual([]);
});

test('a stack synthesized twice prints the warning once', () => {
  const stack = new TerraformStack(Testing.app(), 'twice');
  new VaultProvider(stack, 'vault', {});
  trustWithPolicy(stack, true);
  Testing.synth(stack, true);
  Testing.synth(stack, true);
  expect(skipWarnings(stack)).toHaveLength(1);
});

test('it can be acknowledged like every synthesis warning', () => {
  const { stack } = synthWith((s) => {
    const trust = trustWithPolicy(s, true);
    Acknowledgements.of(trust).add({ ruleId: 'pipeline-needs-skip-child-token', reason: 'the pipeline token also holds auth/token/create' });
  });
  expect(skipWarnings(stack)).toEqual([]);
});

test.each([
  ['main', (app: App) => new VaultBackedCredentialsExample(app, 'example')],
  ['enterprise', (app: App) => new EnterpriseExample(app, 'enterprise')],
  ['adopt', (app: App) => new AdoptExample(app, 'adopt')],
])('the %s example uses pipelinePolicy with skipChildToken and stays silent', (_name, build) => {
  const stack: TerraformStack = build(Testing.app());
  const json = JSON.parse(Testing.synth(stack, true));
  expect(json.output.vault_pipeline_policy.value).toContain('auth/token/lookup-self');
  expect(skipWarnings(stack)).toEqual([]);
});
