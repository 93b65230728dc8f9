import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import {
  AwsSecretsEngine,
  AwsSecretsEngineUser,
  GcpBinding,
  GcpSecretsEngine,
  HcpTerraformJwtAuthMount,
  RunPhase,
  VaultBackedDynamicCredentials,
  VaultBackedDynamicCredentialsProps,
  WorkloadRole,
  WorkspaceSelector,
} from '../../lib';
import { leaf, synthError, synthWith } from '../support/synth';

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

describe('collisions: what makes two names the same', () => {
  test('JWT role names that differ only in case do not collide (Vault keeps role names as given)', () => {
    const { json } = synthWith((stack) => {
      const { trust, role } = trustWith(stack, 'one');
      for (const [id, roleName] of [['upper', 'Deploy'], ['lower', 'deploy']]) {
        new WorkloadRole(stack, id, {
          authMount: trust.authMount,
          organization: 'acme',
          project: 'Platform',
          workspaces: WorkspaceSelector.names(`ws-${id}`),
          runPhases: [RunPhase.PLAN],
          credentials: [role],
          roleName,
          policyName: `read-${id}`,
        });
      }
    });
    expect(Object.values(leaf<Record<string, { role_name: string }>>(json.resource.vault_jwt_auth_backend_role)).map((r) => r.role_name).sort())
      .toEqual(['Deploy', 'deploy']);
  });

  test('an empty vaultNamespace and none name the same namespace, so two mounts at jwt collide', () => {
    const error = synthError((stack) => {
      new HcpTerraformJwtAuthMount(stack, 'empty', { vaultNamespace: '' });
      new HcpTerraformJwtAuthMount(stack, 'unset', {});
    });
    expect(errorLines(error)).toEqual([
      '  [test] Vault mount "auth/jwt" is written by both test/empty and test/unset; the one applied last would silently replace the other. Give one ' +
        'of them a different path, or reference the existing mount with fromMountPath (and pass a JWT mount to the trust as authMount)',
    ]);
  });

  test('GCP rolesets and static accounts have a name space each: same kind and name on one mount collide, a roleset and a static account do not', () => {
    const binding: GcpBinding[] = [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-data', roles: ['roles/viewer'] }];
    const scopes = ['https://www.googleapis.com/auth/cloud-platform'];
    const error = synthError((stack) => {
      for (const id of ['a', 'b']) {
        const engine = GcpSecretsEngine.fromMountPath(stack, id, { mountPath: 'gcp' });
        engine.addRoleset('set', { project: 'acme-data', tokenScopes: scopes, bindings: binding });
        engine.addStaticAccount('account', { serviceAccountEmail: 'ci@acme-data.iam.gserviceaccount.com', tokenScopes: scopes });
      }
      const c = GcpSecretsEngine.fromMountPath(stack, 'c', { mountPath: 'gcp' });
      c.addStaticAccount('set', { serviceAccountEmail: 'ci@acme-data.iam.gserviceaccount.com', tokenScopes: scopes });
      c.addRoleset('account', { project: 'acme-data', tokenScopes: scopes, bindings: binding });
    });
    const fix = 'the one applied last would silently replace the other. Give one of the engine roles a different name';
    expect(errorLines(error)).toEqual([
      `  [test] secrets-engine role "set" in mount "gcp (roleset)" is written by both test/a/set and test/b/set; ${fix}`,
      `  [test] secrets-engine role "account" in mount "gcp (static_account)" is written by both test/a/account and test/b/account; ${fix}`,
    ]);
  });
});

describe('depends_on templates, checked in any stack holding a construct of this library', () => {
  const message = (templates: string) =>
    `  [test] test/b: depends_on holds ${templates}; Terraform accepts only static references there and refuses the whole configuration. Pass the ` +
    "resources themselves (for example the dependsOn prop of the construct or resource), not their fqn; to set the property afterwards, use cdktf's " +
    'dependable(resource).';

  test.each([
    ['a list of fqn strings', (a: Policy) => [a.fqn]],
    ['one fqn given as a list token', (a: Policy) => Token.asList(a.fqn)],
  ])('a stack with only a cloud-side identity refuses %s in depends_on', (_name, dependsOn) => {
    const error = synthError((stack) => {
      new AwsProvider(stack, 'aws', {});
      new AwsSecretsEngineUser(stack, 'user');
      const a = new Policy(stack, 'a', { name: 'a', policy: 'path "x" {}' });
      const b = new Policy(stack, 'b', { name: 'b', policy: 'path "x" {}' });
      b.dependsOn = dependsOn(a);
    });
    expect(errorLines(error)).toEqual([message('"${vault_policy.a}"')]);
  });

  test('a construct of this library outside any stack fails as cdktf reports it, naming the resource', () => {
    expect(() => new AwsSecretsEngineUser(new App(), 'user')).toThrow(/^No stack could be identified for the construct at path 'user\/user'/);
  });
});

describe('the pipeline policy names what the resources below its trust write', () => {
  type Role = ReturnType<typeof trustWith>['role'];
  interface Built { readonly stack: TerraformStack; readonly trust: VaultBackedDynamicCredentials; readonly role: Role; readonly extra: WorkloadRole }
  /** A trust with an engine role, and a WorkloadRole below it; returns its pipeline policy. */
  function policyOf(build: (built: Built) => void, props: Partial<VaultBackedDynamicCredentialsProps> = {}): string {
    const { json } = synthWith((stack) => {
      const { trust, role } = trustWith(stack, 'one', props);
      const extra = new WorkloadRole(trust, 'extra', {
        authMount: trust.authMount,
        organization: 'acme',
        project: 'Platform',
        workspaces: WorkspaceSelector.names('ws'),
        runPhases: [RunPhase.PLAN],
        credentials: [role],
        roleName: 'extra',
      });
      build({ stack, trust, role, extra });
      new TerraformOutput(stack, 'policy', { value: trust.pipelinePolicy });
    });
    return leaf<string>(json.output.policy.value);
  }
  const policyError = (build: (built: Built) => void, props: Partial<VaultBackedDynamicCredentialsProps> = {}) => {
    try {
      policyOf(build, props);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the pipeline policy to be refused');
  };
  const changed = (path: string, field: string, actual: string, wrote: string) =>
    `${path}: its ${field} ${actual} was changed after the construct wrote ${wrote}, so the pipeline policy would name the wrong Vault path; set it ` +
    "through the construct's props instead";

  test('it names the objects of its own trust and none of another trust in the stack', () => {
    const policy = policyOf(({ stack }) => {
      trustWith(stack, 'two', { authMountPath: 'jwt-two' });
    });
    expect(policy).toContain('"auth/jwt/role/extra"');
    expect(policy).toContain('"aws-one/roles/r"');
    expect(policy).not.toContain('jwt-two');
    expect(policy).not.toContain('aws-two');
  });

  test.each([
    ['the JWT mount path', (b: Built) => b.trust.authMount.backend?.addOverride('path', 'other'), changed('test/one/auth/backend', 'path', '"other"', '"jwt"')],
    ['a JWT role name', (b: Built) => b.extra.role.addOverride('role_name', 'other'), changed('test/one/extra/role', 'role_name', '"other"', '"extra"')],
    ['a Vault policy name', (b: Built) => b.extra.policy.addOverride('name', 'other'), changed('test/one/extra/policy', 'name', '"other"', '"extra"')],
    ['a namespace added', (b: Built) => b.extra.role.addOverride('namespace', 'team'), changed('test/one/extra/role', 'namespace', '"team"', 'undefined')],
  ])('%s changed through an escape hatch is refused', (_name, change, message) => {
    expect(policyError(change)).toContain(message);
  });

  test('a namespace emptied through an escape hatch is refused when the construct wrote one', () => {
    expect(policyError((b) => b.extra.role.addOverride('namespace', ''), { vaultNamespace: 'team' }))
      .toContain(changed('test/one/extra/role', 'namespace', '""', '"team"'));
  });

  test('an empty namespace and none are the same: written either way, the policy is computed', () => {
    expect(policyOf((b) => b.extra.role.addOverride('namespace', ''))).toContain('"auth/jwt/role/extra"');
    expect(policyOf((b) => b.extra.role.resetNamespace(), { vaultNamespace: '' })).toContain('"auth/jwt/role/extra"');
  });

  test('a role name set to a reference through an escape hatch is refused with the argument to fix', () => {
    const message = policyError((b) => {
      b.extra.role.roleName = new TerraformVariable(b.stack, 'name', { type: 'string' }).stringValue;
    });
    expect(message).toContain('test/one/extra/role: its role_name is a reference, so the pipeline policy cannot name the Vault path it manages; give ' +
      'role_name a literal value');
  });

  test('with validations skipped, an engine mount path given by reference still refuses the pipeline policy', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new VaultProvider(stack, 'vault', {});
    new TfeProvider(stack, 'tfe', {});
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
    const engine = AwsSecretsEngine.fromMountPath(trust, 'aws', { mountPath: new TerraformVariable(stack, 'mount', { type: 'string' }).stringValue });
    engine.addAssumedRole('r', { roleArns: [ARN] });
    new TerraformOutput(stack, 'policy', { value: trust.pipelinePolicy });
    expect(() => Testing.synth(stack)).toThrow(
      'test/trust/aws/r: its path or name is a reference, so the pipeline policy cannot name the Vault path it manages; give it a literal value',
    );
  });
});
