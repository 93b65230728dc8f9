/**
 * Mixed cases: where two things differ (plan from apply, one grant from another), as opposed to the uniform
 * single-configuration paths the other tests cover thoroughly.
 */
import * as fc from 'fast-check';
import { TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { logicalName } from '../../lib/hcp-terraform/lookups';
import { evaluateAcl } from '../../packages/report/src/policy/acl';
import { parsePolicy } from '../../packages/report/src/policy/parse';
import { blocksOf, byPath, PolicyBody, synthError, synthWith, VariableBody } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/';
const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';
const APP_OBJECT = '44444444-4444-4444-8444-444444444444';

function trustWith(stack: TerraformStack) {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
}

test('a shared run role with different plan and apply engine roles: its one policy reads both credential paths', () => {
  const paths: string[] = [];
  const { json } = synthWith((stack) => {
    const trust = trustWith(stack);
    const aws = trust.addAwsSecretsEngine('aws');
    const read = aws.addAssumedRole('read', { roleArns: [`${ARN}read`] });
    const write = aws.addAssumedRole('write', { roleArns: [`${ARN}write`] });
    paths.push(read.credentialPath, write.credentialPath);
    trust.grantWorkspaces('g', {
      project: 'Platform',
      workspaces: WorkspaceSelector.names('network'),
      aws: { plan: read, apply: write },
      sharedRunRole: true,
    });
  });
  const policies = blocksOf<PolicyBody>(json, 'resource', 'vault_policy');
  expect(policies).toHaveLength(1);
  const rules = parsePolicy(policies[0].policy).rules;
  expect(paths).toEqual(['aws/sts/read', 'aws/sts/write']);
  for (const path of paths) {
    expect([path, evaluateAcl([rules], path, 'read').allowed]).toEqual([path, true]);
  }
});

test('a plan role on an existing Azure application and a dynamic apply role: the run still waits (sleep emitted)', () => {
  const { json } = synthWith((stack) => {
    const trust = trustWith(stack);
    const azure = trust.addAzureSecretsEngine('azure', { subscriptionId: SUBSCRIPTION, tenantId: TENANT });
    const plan = azure.addRole('plan', { applicationObjectId: APP_OBJECT, ttlSeconds: 3600 });
    const apply = azure.addRole('apply', { azureRoles: [{ roleName: 'Contributor', scope: `/subscriptions/${SUBSCRIPTION}` }], ttlSeconds: 3600 });
    trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), azure: { plan, apply } });
  });
  const keys = blocksOf<VariableBody>(json, 'resource', 'tfe_variable').map((v) => v.key);
  expect(keys.filter((k) => /SLEEP_SECONDS/.test(k))).not.toEqual([]);
});

test("prefix('network') and names('network') in one project collide: both reach workspace network", () => {
  const error = synthError((stack) => {
    const trust = trustWith(stack);
    const aws = trust.addAwsSecretsEngine('aws');
    const a = aws.addAssumedRole('a', { roleArns: [`${ARN}a`] });
    const b = aws.addAssumedRole('b', { roleArns: [`${ARN}b`] });
    trust.grantWorkspaces('byprefix', { project: 'Platform', workspaces: WorkspaceSelector.prefix('network'), aws: { plan: a, apply: a } });
    trust.grantWorkspaces('byname', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: b, apply: b } });
  });
  expect(error).toMatch(/grants test\/trust\/byprefix and test\/trust\/byname both reach workspace "network" of project "Platform"/);
});

test('project names that differ only in whitespace runs get different look-up ids', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{1,8}$/), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), (word, left, right) => {
      fc.pre(left !== right);
      const a = `${word}${' '.repeat(left)}Team`;
      const b = `${word}${' '.repeat(right)}Team`;
      expect(logicalName(a)).not.toBe(logicalName(b));
    }),
    { numRuns: 100, seed: 20261201 },
  );
  const { json } = synthWith((stack) => {
    const trust = trustWith(stack);
    const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [`${ARN}r`] });
    const common = { workspaces: WorkspaceSelector.allInProject(), aws: { plan: r, apply: r }, variableSetOwnedByProject: true };
    trust.grantWorkspaces('one', { project: 'Data Team', ...common });
    trust.grantWorkspaces('two', { project: 'Data  Team', ...common });
  });
  expect(Object.values(byPath(json, 'tfe_project', true)).map((p) => p.name).sort()).toEqual(['Data  Team', 'Data Team']);
});

test("ACL: a '+' segment followed by a partial '*' does not match another final segment (secret/+/fo* vs secret/a/bar)", () => {
  const rules = [{ path: 'secret/+/fo*', capabilities: ['read'] }];
  expect(evaluateAcl([rules], 'secret/a/bar', 'read').allowed).toBe(false);
  expect(evaluateAcl([rules], 'secret/a/foo', 'read').allowed).toBe(true);
  expect(evaluateAcl([rules], 'secret/a/fo', 'read').allowed).toBe(true);
  expect(evaluateAcl([rules], 'secret/a/b/foo', 'read').allowed).toBe(false);
});
