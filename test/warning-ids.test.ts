/**
 * Every warning synthesis prints carries a rule id from the catalogue (`[rule-id] message`): on both example
 * stacks, on a stack built to trigger every synthesis rule, and in the library source.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { VaultBackedCredentialsExample } from '../examples/main';
import { EnterpriseExample } from '../examples/enterprise';
import { GcpSecretsEngine, VaultBackedDynamicCredentials, WorkspaceSelector } from '../lib';
import { RULE_CATALOGUE, ruleEntry, warningRuleId } from '../packages/report/src/rules';
import { printedWarnings, synthWith } from './support/synth';

const SYNTHESIS_RULES = RULE_CATALOGUE.filter((e) => e.stages.includes('synthesis')).map((e) => e.id).sort();

function idsOf(warnings: string[]): string[] {
  return warnings.map((text) => {
    const id = warningRuleId(text);
    expect({ text, inCatalogue: id !== undefined && ruleEntry(id)?.stages.includes('synthesis') === true }).toEqual({ text, inCatalogue: true });
    return id!;
  });
}

test.each([
  ['the example stack', (app: App) => new VaultBackedCredentialsExample(app, 'example')],
  ['the enterprise example stack', (app: App) => new EnterpriseExample(app, 'enterprise')],
])('%s: every warning it prints carries a catalogue id', (_label, build) => {
  const stack: TerraformStack = build(Testing.app());
  Testing.synth(stack, true);
  const printed = printedWarnings(stack);
  idsOf(printed);
  // Both examples grant workspaces by name, which the library warns about: the walk sees real warnings.
  expect(printed.filter((w) => w.startsWith('[name-only-binding] ')).length).toBeGreaterThan(0);
});

/** A stack that makes the library print every synthesis warning it has. */
function everyWarning(stack: TerraformStack): void {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'http://vault.internal:8200' });
  const accessKeyId = new TerraformVariable(stack, 'ak', { type: 'string' });
  const secretAccessKey = new TerraformVariable(stack, 'sk', { type: 'string', sensitive: true });
  const aws = trust.addAwsSecretsEngine('aws', { rootCredentials: { accessKeyId, secretAccessKey } });
  const read = aws.addAssumedRole('read', { roleArns: ['arn:aws:iam::123456789012:role/read'] });
  const admin = aws.addAssumedRole('admin', { roleArns: ['arn:aws:iam::123456789012:role/admin'] });
  const user = aws.addIamUser('user', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
  trust.grantWorkspaces('shared', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: admin }, sharedRunRole: true });
  trust.grantWorkspaces('prefix', { project: 'Net', workspaces: WorkspaceSelector.prefix('net-'), aws: { plan: read, apply: read } });
  trust.grantWorkspaces('project', { project: 'Sandbox', workspaces: WorkspaceSelector.allInProject(), aws: { plan: read, apply: read } });
  trust.grantWorkspaces('users', { project: 'Users', workspaces: WorkspaceSelector.ids('ws-AbCdEfGhIjKlMnOp'), aws: { plan: user, apply: user } });
  const gcp = new GcpSecretsEngine(stack, 'gcp');
  gcp.addRoleset('wide', {
    project: 'acme-data',
    tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'],
    bindings: [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-data', roles: ['roles/editor'] }],
  });
  // synthWith's Vault provider does not set skipChildToken
  new TerraformOutput(stack, 'pipeline', { value: trust.pipelinePolicy });
}

/** The rules everyWarning() triggers (a rule added to the catalogue later is checked by the source scan below). */
const TRIGGERED = [
  'aws-iam-user-delay',
  'gcp-basic-role',
  'name-only-binding',
  'pipeline-needs-skip-child-token',
  'plan-apply-shared',
  'project-wide-grant',
  'secret-in-state',
  'vault-address-plain-http',
  'workspace-prefix-grant',
];

test('a stack that triggers the synthesis rules prints each one with its id, and no id the catalogue does not mark "synthesis"', () => {
  const { stack } = synthWith(everyWarning);
  const printed = printedWarnings(stack);
  expect([...new Set(idsOf(printed))].sort()).toEqual(TRIGGERED);
  for (const id of TRIGGERED) expect(SYNTHESIS_RULES).toContain(id);
});

describe('library source', () => {
  const LIB = path.join(__dirname, '..', 'lib');
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  const sources = files(LIB).map((file) => ({ file: path.relative(LIB, file), text: fs.readFileSync(file, 'utf8') }));

  test('warnings go through warn(scope, ruleId, message), never Annotations.addWarning directly', () => {
    const direct = sources.filter((s) => s.file !== path.join('private', 'warnings.ts') && /\.addWarning\(/.test(s.text)).map((s) => s.file);
    expect(direct).toEqual([]);
  });

  test('every id passed to warn() is a synthesis rule of the catalogue, and every synthesis rule is used', () => {
    const used = new Set(sources.flatMap((s) => [...s.text.matchAll(/\bwarn\(\s*[A-Za-z.]+,\s*'([^']+)'/g)].map((m) => m[1])));
    expect(used.size).toBeGreaterThan(5);
    expect([...used].sort()).toEqual(SYNTHESIS_RULES);
  });
});
