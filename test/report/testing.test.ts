import * as path from 'path';
import { completeRun, describeRun, expectNoTrustFindings, expectRunCanRead, expectRunCannotRead, loadConfiguration } from '../../packages/report/src/testing';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { FIXTURES, soundApp, soundWith, synthesizedExample } from './support';
import { objectAt, stringAt, synthWith } from '../support/synth';

const NETWORK_PLAN = { organization: 'acme', project: 'Networking', workspace: 'network-prod', runPhase: 'plan' } as const;
const APP = { organization: 'acme', project: 'Apps', workspace: 'app-prod', workspaceId: '${tfe_workspace.app_prod.id}', runPhase: 'plan' } as const;

describe('test helpers for users\' suites', () => {
  test('accept Testing.synth text, a parsed object, or a file path', () => {
    const { text, json } = synthesizedExample();
    for (const input of [text, json]) {
      expect(() => expectRunCanRead(input, NETWORK_PLAN, 'aws/sts/network-read-only')).not.toThrow();
    }
    expect(loadConfiguration(path.join(FIXTURES, 'sound', 'app.json')).resourcesOfType('vault_policy')).toHaveLength(2);
  });

  test('expectRunCanRead explains why a run cannot read a path', () => {
    const { text } = synthesizedExample();
    expect(() => expectRunCanRead(text, NETWORK_PLAN, 'aws/sts/network-admin')).toThrow(
      /expected the plan run of acme\/Networking\/network-prod to read aws\/sts\/network-admin, but it cannot\.[\s\S]*Vault configuration default: role "tfc-network-plan" -> admitted[\s\S]*AWS: aws\/sts\/network-read-only -> allowed/,
    );
    expect(() => expectRunCanRead(text, { ...NETWORK_PLAN, workspace: 'network-dev' }, 'aws/sts/network-read-only')).toThrow(/variables from: nothing/);
  });

  test('expectRunCannotRead passes for the other phase\'s path and fails naming the rule that lets it in', () => {
    const { text } = synthesizedExample();
    expect(() => expectRunCannotRead(text, NETWORK_PLAN, 'aws/sts/network-admin')).not.toThrow();
    expect(() => expectRunCannotRead(text, NETWORK_PLAN, 'aws/sts/network-read-only')).toThrow(
      /its own variables let it: role vault_jwt_auth_backend_role\.\S+, policy rule "aws\/sts\/network-read-only"/,
    );
  });

  test('expectRunCannotRead also catches a role the variables do not name', () => {
    const leaky = soundWith(
      (j) =>
        (objectAt(j.resource.vault_jwt_auth_backend_role.apply, 'bound_claims').sub += ',organization:acme:project:Apps:workspace:app-prod:run_phase:plan'),
    );
    expect(() => expectRunCannotRead(soundApp(), APP, 'aws/sts/app-deploy')).not.toThrow();
    expect(() => expectRunCannotRead(leaky, APP, 'aws/sts/app-deploy')).toThrow(
      /its token can log in to vault_jwt_auth_backend_role\.apply \(namespace "ops"\) and obtain it \(read\)/,
    );
  });

  test('expectNoTrustFindings', () => {
    expect(() => expectNoTrustFindings(soundApp(), 'warning')).not.toThrow();
    expect(() => expectNoTrustFindings(synthesizedExample().text)).not.toThrow();
    expect(() => expectNoTrustFindings(synthesizedExample().text, 'warning')).toThrow(/expected no trust findings at warning level, found \d+:\n {2}warning /);
  });

  test('describeRun summarises a run in a few lines', () => {
    expect(describeRun(soundApp(), { ...APP, runPhase: 'apply' })).toBe(
      [
        'apply run of acme/Apps/app-prod:',
        '  variables from: tfe_variable_set.app',
        '  Vault configuration default: role "app-apply" -> admitted',
        '    policies: app-apply, default',
        '  AWS: aws/sts/app-deploy -> allowed',
      ].join('\n'),
    );
  });

  test('one synthesized stack is read once: the same text or object gives the same configuration, other options another', () => {
    const { text, json } = synthesizedExample();
    const fromText = loadConfiguration(text);
    expect(loadConfiguration(text)).toBe(fromText);
    expect(loadConfiguration(json)).toBe(loadConfiguration(json));
    expect(loadConfiguration(json)).not.toBe(fromText);
    expect(loadConfiguration(text, { useVariableDefaults: false })).not.toBe(fromText);
    expect(loadConfiguration(text, { useVariableDefaults: false })).toBe(loadConfiguration(text, { useVariableDefaults: false }));
    // A changed stack is a new configuration: the cache is keyed by what was given, never by a name.
    const changed = soundWith(
      (j) => (j.resource.vault_policy.plan.policy = stringAt(j.resource.vault_policy.plan, 'policy').replace('aws/sts/app-read', 'aws/sts/other')),
    );
    expect(() => expectRunCanRead(soundApp(), APP, 'aws/sts/app-read')).not.toThrow();
    expect(() => expectRunCanRead(changed, APP, 'aws/sts/app-read')).toThrow(/but it cannot/);
  });
});

describe('the run of an assertion takes what the user leaves out from the trust under test', () => {
  const { text } = synthWith((stack) => {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
      organization: 'acme',
      organizationId: 'org-AcmeId1',
      hostname: 'tfe.acme.example',
      vaultAddress: 'https://vault.acme.example:8200',
    });
    const role = trust.addAwsSecretsEngine('aws').addAssumedRole('net', { roleArns: ['arn:aws:iam::111111111111:role/net'] });
    trust.grantWorkspaces('net', {
      project: 'Networking',
      workspaces: WorkspaceSelector.names('network-prod'),
      aws: { plan: role, apply: role },
      sharedRunRole: true,
    });
  });
  const run = { organization: 'acme', project: 'Networking', workspace: 'network-prod', runPhase: 'plan' } as const;

  test('hostname from the JWT mount and organization id from the roles, when the user gives none', () => {
    expect(completeRun(text, run)).toEqual({ ...run, hostname: 'tfe.acme.example', organizationId: 'org-AcmeId1' });
    expect(() => expectRunCanRead(text, run, 'aws/sts/net')).not.toThrow();
  });

  test('what the user gives wins: another host or organization id is refused', () => {
    expect(completeRun(text, { ...run, hostname: 'app.terraform.io' }).hostname).toBe('app.terraform.io');
    expect(() => expectRunCanRead(text, { ...run, hostname: 'app.terraform.io' }, 'aws/sts/net')).toThrow(/but it cannot/);
    expect(() => expectRunCanRead(text, { ...run, organizationId: 'org-Other' }, 'aws/sts/net')).toThrow(/but it cannot/);
    expect(() => expectRunCannotRead(text, { ...run, organizationId: 'org-Other' }, 'aws/sts/net')).not.toThrow();
  });

  test('a configuration that binds no organization id leaves the simulator default; its mount still names the host', () => {
    expect(completeRun(soundApp(), run)).toEqual({ ...run, hostname: 'app.terraform.io' });
  });
});
