import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { VaultBackedCredentialsExample } from '../examples/main';
import { EnterpriseExample } from '../examples/enterprise';
import { evaluateAcl, policiesFromParsed } from '../packages/report/src/policy/acl';
import { parsePolicy } from '../packages/report/src/policy/parse';
import { pipelinePolicyDocument } from '../packages/report/src/policy/pipeline';
import { HcpTerraformJwtAuthMount, VaultBackedDynamicCredentials, WorkspaceSelector } from '../lib';
import { providerBlocks, TerraformJson } from './report/support';
import { JsonValue, leaf, stringAt, synthWith } from './support/synth';

/**
 * The oracle, written from the Vault provider's source independently of lib/policy/pipeline.ts: for each managed
 * resource in the synthesized JSON, the API path and the capabilities the provider needs on it to create, read,
 * update and delete the resource.
 */
interface Request { readonly path: string; readonly capability: string; readonly resource: string }

function mountPathOf(json: TerraformJson, reference: JsonValue): string {
  const text = String(reference);
  const match = /^\$\{([a-z_]+)\.([^.]+)\.path\}$/.exec(text);
  if (!match) return text;
  return stringAt(json.resource[match[1]][match[2]], 'path');
}

function providerRequests(json: TerraformJson): Request[] {
  const out: Request[] = [];
  const add = (resource: string, namespace: JsonValue | undefined, path: string, capabilities: string[]) => {
    for (const capability of capabilities) out.push({ resource, path: namespace ? `${namespace}/${path}` : path, capability });
  };
  const crud = ['create', 'read', 'update', 'delete'];
  for (const [type, bodies] of Object.entries(json.resource ?? {})) {
    for (const [id, body] of Object.entries(bodies)) {
      const label = `${type}.${id}`;
      const ns = body.namespace;
      switch (type) {
        case 'vault_jwt_auth_backend':
          // enable / read / disable (sudo on sys/auth), tune read and write, config write and read-back
          add(label, ns, `sys/auth/${body.path}`, ['create', 'update', 'read', 'delete', 'sudo']);
          add(label, ns, `sys/mounts/auth/${body.path}`, ['read']);
          add(label, ns, `sys/mounts/auth/${body.path}/tune`, ['read', 'update']);
          add(label, ns, `auth/${body.path}/config`, ['create', 'update', 'read']);
          break;
        case 'vault_jwt_auth_backend_role':
          add(label, ns, `auth/${mountPathOf(json, body.backend)}/role/${body.role_name}`, crud);
          break;
        case 'vault_policy':
          add(label, ns, `sys/policies/acl/${body.name}`, crud);
          break;
        case 'vault_aws_secret_backend':
        case 'vault_gcp_secret_backend':
        case 'vault_azure_secret_backend':
          add(label, ns, `sys/mounts/${body.path}`, crud);
          add(label, ns, `sys/mounts/${body.path}/tune`, ['read', 'update']);
          add(label, ns, `${body.path}/${type === 'vault_aws_secret_backend' ? 'config/root' : 'config'}`, ['create', 'update', 'read']);
          break;
        case 'vault_aws_secret_backend_role':
          add(label, ns, `${mountPathOf(json, body.backend)}/roles/${body.name}`, crud);
          break;
        case 'vault_azure_secret_backend_role':
          add(label, ns, `${mountPathOf(json, body.backend)}/roles/${body.role}`, crud);
          break;
        case 'vault_gcp_secret_roleset':
          add(label, ns, `${mountPathOf(json, body.backend)}/roleset/${body.roleset}`, crud);
          break;
        case 'vault_gcp_secret_static_account':
          add(label, ns, `${mountPathOf(json, body.backend)}/static-account/${body.static_account}`, crud);
          break;
        default:
          if (type.startsWith('vault_')) throw new Error(`the oracle does not know ${type}; add its API paths`);
      }
    }
  }
  // The provider's own start-up call (skip_child_token = true, so no auth/token/create).
  out.push({ resource: 'provider', path: 'auth/token/lookup-self', capability: 'read' });
  return out;
}

function policyOf(json: TerraformJson) {
  return policiesFromParsed([parsePolicy(stringAt(json.output?.vault_pipeline_policy, 'value'))]);
}

const examples: Array<[string, TerraformStack, string]> = [
  ['example', new VaultBackedCredentialsExample(Testing.app(), 'example'), 'admin'],
  ['enterprise', new EnterpriseExample(Testing.app(), 'enterprise'), 'platform'],
];

describe.each(examples)('pipeline policy of the %s stack', (_name, stack, ns) => {
  const json: TerraformJson = JSON.parse(Testing.synth(stack, true));
  const policies = policyOf(json);
  const requests = providerRequests(json);

  test('the providers are told not to create child tokens', () => {
    expect(providerBlocks(json, 'vault').every((p) => p.skip_child_token === true)).toBe(true);
  });

  test('every API call the Vault provider makes for a managed resource is allowed', () => {
    expect(requests.length).toBeGreaterThan(40);
    const denied = requests.filter((r) => !evaluateAcl(policies, r.path, r.capability).allowed);
    expect(denied).toEqual([]);
  });

  test('the policy has no glob, no segment wildcard and no path outside the managed objects', () => {
    const rules = policies[0];
    expect(rules.filter((r) => r.path.includes('*') || r.path.includes('+'))).toEqual([]);
    const needed = new Set(requests.map((r) => r.path));
    expect(rules.map((r) => r.path).filter((p) => !needed.has(p))).toEqual([]);
    // and no capability beyond what some request needs on that path
    for (const rule of rules) {
      const used = new Set(requests.filter((r) => r.path === rule.path).map((r) => r.capability));
      expect([rule.path, rule.capabilities.filter((c) => !used.has(c))]).toEqual([rule.path, []]);
    }
  });

  const roleNames: string[] = Object.values(json.resource.vault_jwt_auth_backend_role).map((r) => stringAt(r, 'role_name'));
  const forbidden: Array<[string, string]> = [
    ['auth/token/create', 'update'],
    ['auth/token/create-orphan', 'update'],
    [`${ns}/auth/token/create`, 'update'],
    ['sys/policies/acl/root', 'update'],
    [`${ns}/sys/policies/acl/root`, 'update'],
    [`${ns}/sys/policies/acl/default`, 'update'],
    [`${ns}/sys/policy/tfc-other`, 'update'],
    [`${ns}/sys/policies/acl/tfc-other`, 'create'],
    [`${ns}/sys/mounts/secret`, 'create'],
    [`${ns}/sys/mounts/kv`, 'update'],
    [`${ns}/secret/data/app`, 'read'],
    [`${ns}/sys/auth/userpass`, 'sudo'],
    [`${ns}/sys/auth/userpass`, 'update'],
    [`${ns}/auth/userpass/users/admin`, 'create'],
    [`${ns}/sys/raw/core`, 'read'],
    [`${ns}/sys/remount`, 'update'],
    [`${ns}/identity/entity`, 'create'],
    [`${ns}/auth/jwt/login`, 'update'],
    [`${ns}/auth/jwt/role/other-role`, 'create'],
    [`${ns}/auth/jwt/role/`, 'list'],
    // another role whose name merely starts like a managed one
    ...roleNames.map((name): [string, string] => [`${ns}/auth/jwt/role/${name}-extra`, 'create']),
    // the managed objects outside their namespace
    [`sys/auth/jwt`, 'sudo'],
    [`auth/jwt/role/${roleNames[0]}`, 'update'],
    [`sys/namespaces/${ns}`, 'delete'],
  ];

  test.each(forbidden)('denies %s (%s)', (path, capability) => {
    expect(evaluateAcl(policies, path, capability).allowed).toBe(false);
  });

  test('denies reading the credentials the runs get', () => {
    const credentialPaths = Object.values(json.resource.vault_policy)
      .flatMap((p) => parsePolicy(stringAt(p, 'policy')).rules.map((r) => r.path))
      .filter((p) => !p.startsWith('auth/token/'));
    expect(credentialPaths.length).toBeGreaterThan(3);
    for (const path of credentialPaths) {
      expect([path, evaluateAcl(policies, `${ns}/${path}`, 'read').allowed]).toEqual([path, false]);
    }
  });
});

describe('pipeline policy: what counts as managed', () => {
  test('the enterprise stack reuses its engine mounts, so no sys/mounts path appears', () => {
    const json = JSON.parse(Testing.synth(examples[1][1], true));
    const rules = policyOf(leaf<TerraformJson>(json))[0].map((r) => r.path);
    expect(rules.filter((p) => p.includes('sys/mounts/') && !p.includes('sys/mounts/auth/'))).toEqual([]);
    expect(evaluateAcl(policyOf(leaf<TerraformJson>(json)), 'platform/sys/mounts/aws-payments', 'update').allowed).toBe(false);
    expect(rules).toContain('platform/aws-payments/roles/payments-read');
  });

  test('an existing JWT mount is not managed, but its roles are; a root-namespace trust has unprefixed paths', () => {
    const { json } = synthWith((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
        organization: 'acme',
        vaultAddress: 'https://vault.example.com',
        authMount: HcpTerraformJwtAuthMount.fromMountPath(stack, 'tfc', { mountPath: 'tfc' }),
      });
      const aws = trust.addAwsSecretsEngine('aws', { path: 'aws-team' });
      const role = aws.addAssumedRole('deploy', { roleArns: ['arn:aws:iam::111111111111:role/deploy'] });
      trust.grantWorkspaces('app', { project: 'Apps', workspaces: WorkspaceSelector.names('app'), aws: { plan: role, apply: role }, sharedRunRole: true });
      new TerraformOutput(stack, 'vault_pipeline_policy', { value: trust.pipelinePolicy });
    });
    const rules = policyOf(leaf<TerraformJson>(json))[0].map((r) => r.path);
    expect(rules).toEqual([
      'auth/tfc/role/tfc-app',
      'auth/token/lookup-self',
      'aws-team/config/root',
      'aws-team/roles/deploy',
      'sys/mounts/aws-team',
      'sys/mounts/aws-team/tune',
      'sys/policies/acl/tfc-app',
    ]);
    expect(evaluateAcl(policyOf(leaf<TerraformJson>(json)), 'sys/auth/tfc', 'sudo').allowed).toBe(false);
  });

  test('the pure model prefixes nested namespaces and merges duplicate objects', () => {
    const doc = pipelinePolicyDocument([
      { kind: 'policy', namespace: 'a/b/', path: 'p' },
      { kind: 'policy', namespace: 'a/b', path: 'p' },
      { kind: 'jwt-role', path: 'auth/jwt/role/r' },
    ]);
    expect(doc.rules.map((r) => r.path)).toEqual(['a/b/sys/policies/acl/p', 'auth/jwt/role/r', 'auth/token/lookup-self']);
  });

  test('one enumeration: a name changed through an escape hatch after construction is reported, not silently mis-granted', () => {
    expect(() =>
      synthWith((stack) => {
        const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
        const role = trust.addAwsSecretsEngine('aws').addAssumedRole('deploy', { roleArns: ['arn:aws:iam::111111111111:role/deploy'] });
        role.resource.addOverride('name', 'deploy-renamed');
        new TerraformOutput(stack, 'vault_pipeline_policy', { value: trust.pipelinePolicy });
      }),
    ).toThrow(/test\/trust\/aws\/deploy\/role: its name "deploy-renamed" was changed after the construct wrote "deploy"/);
  });

  test('a mount path given as a reference the construct tree cannot follow is reported by construct path', () => {
    expect(() =>
      synthWith((stack) => {
        const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
        const engine = trust.addAwsSecretsEngine('aws', {});
        if (engine.backend === undefined) throw new Error('a new engine has a mount resource');
        engine.backend.path = new TerraformVariable(stack, 'mount', { type: 'string' }).stringValue;
        new TerraformOutput(stack, 'vault_pipeline_policy', { value: trust.pipelinePolicy });
      }),
    ).toThrow(/test\/trust\/aws\/backend: its path is a reference, so the pipeline policy cannot name the Vault path it manages/);
  });
});
