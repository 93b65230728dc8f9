import { TerraformStack } from 'cdktf';
import { AwsSecretsEngine, RunPhase, VaultBackedDynamicCredentials, VaultBackedDynamicCredentialsProps, WorkloadRole, WorkspaceSelector } from '../../lib';
import { synthError, synthWith } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/runner';

function trustWith(stack: TerraformStack, id: string, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  const trust = new VaultBackedDynamicCredentials(stack, id, { organization: 'acme', vaultAddress: 'https://vault.example.com', ...props });
  const role = trust.addAwsSecretsEngine('aws', { path: `aws-${id}` }).addAssumedRole('r', { roleArns: [ARN] });
  return { trust, role };
}

const errorLines = (error: string) => error.split('\n').filter((l) => /^\s*\[/.test(l));

describe('checks over the whole stack: every trust construct, whichever facade made it', () => {
  test('two facades that both create mount jwt and role tfc-g-plan fail synthesis naming both construct paths', () => {
    const error = synthError((stack) => {
      for (const id of ['one', 'two']) {
        const { trust, role } = trustWith(stack, id);
        trust.grantWorkspaces('g', {
          project: 'Platform',
          workspaces: WorkspaceSelector.names(`ws-${id}`),
          aws: { plan: role, apply: role },
          variableSetName: `creds-${id}`,
        });
      }
    });
    const lines = errorLines(error);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^\s*\[test\] Vault mount "auth\/jwt" is written by both test\/one\/auth and test\/two\/auth; .* reference the existing mount with fromMountPath \(and pass a JWT mount to the trust as authMount\)$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^\s*\[test\] Vault role "tfc-g-plan" in mount "auth\/jwt" is written by both test\/one\/g\/plan and test\/two\/g\/plan;/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^\s*\[test\] Vault policy "tfc-g-apply" is written by both test\/one\/g\/apply and test\/two\/g\/apply;/),
    );
  });

  test('the same names in different namespaces, or behind an existing mount of another path, do not collide', () => {
    const { json } = synthWith((stack) => {
      for (const id of ['one', 'two']) {
        const { trust, role } = trustWith(stack, id, { vaultNamespace: `team-${id}` });
        trust.grantWorkspaces('g', {
          project: 'Platform',
          workspaces: WorkspaceSelector.names(`ws-${id}`),
          aws: { plan: role, apply: role },
          variableSetName: `creds-${id}`,
        });
      }
    });
    expect(Object.keys(json.resource.vault_jwt_auth_backend_role)).toHaveLength(4);
  });

  test('a standalone WorkloadRole that writes a facade role name is refused', () => {
    const error = synthError((stack) => {
      const { trust, role } = trustWith(stack, 'one');
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: role, apply: role } });
      new WorkloadRole(stack, 'extra', {
        authMount: trust.authMount,
        organization: 'acme',
        project: 'Platform',
        workspaces: WorkspaceSelector.names('other'),
        runPhases: [RunPhase.PLAN],
        credentials: [role],
        roleName: 'tfc-g-plan',
      });
    });
    expect(errorLines(error)).toContainEqual(
      expect.stringMatching(/Vault role "tfc-g-plan" in mount "auth\/jwt" is written by both test\/one\/g\/plan and test\/extra;/),
    );
  });

  test('two engines on one existing mount with one role name are refused; one engine reports its own duplicates once', () => {
    const error = synthError((stack) => {
      AwsSecretsEngine.fromMountPath(stack, 'a', { mountPath: 'aws' }).addAssumedRole('r', { name: 'deploy', roleArns: [ARN] });
      AwsSecretsEngine.fromMountPath(stack, 'b', { mountPath: 'aws' }).addAssumedRole('r', { name: 'deploy', roleArns: [ARN] });
    });
    const lines = errorLines(error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\s*\[test\] secrets-engine role "deploy" in mount "aws" is written by both test\/a\/r and test\/b\/r;/);
  });

  test('grants of two facades whose variable sets reach one workspace with different roles are refused', () => {
    const error = synthError((stack) => {
      for (const id of ['one', 'two']) {
        const { trust, role } = trustWith(stack, id, { authMountPath: `jwt-${id}` });
        trust.grantWorkspaces(id, { project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: role, apply: role } });
      }
    });
    expect(errorLines(error)).toContainEqual(
      expect.stringMatching(/^\s*\[test\] grants test\/one\/one and test\/two\/two both reach workspace "network" of project "Platform" and set .*TFC_VAULT_PLAN_ROLE.* differently/),
    );
  });

  test('policy names that differ only in case collide (Vault stores them lower-case)', () => {
    const error = synthError((stack) => {
      const { trust, role } = trustWith(stack, 'one');
      trust.grantWorkspaces('g', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('a'),
        aws: { plan: role, apply: role },
        roleName: 'Net',
        sharedRunRole: true,
      });
      trust.grantWorkspaces('h', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('b'),
        aws: { plan: role, apply: role },
        roleName: 'net',
        sharedRunRole: true,
      });
    });
    expect(errorLines(error)).toContainEqual(expect.stringMatching(/Vault policy "net" is written by both test\/one\/g\/run and test\/one\/h\/run;/));
  });
});
