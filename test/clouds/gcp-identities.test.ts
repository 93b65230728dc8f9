import 'cdktf/lib/testing/adapters/jest';
import { GcpSecretsEngine, GcpSecretsEngineServiceAccount } from '../../lib';
import { checkProviderSchemas } from '../support/provider-schema';
import { arrayAt, byPath, warnings } from '../support/synth';
import { RefusalCase, refusalTable } from '../support/refusals';
import { only, synthErrorWithClouds, synthWithClouds } from './cloud-synth';

const POOL_SUBJECT =
  'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/vault/subject/plugin-identity:root:secret:gcp_1234';

describe('GCP secrets engine service account', () => {
  test('without workload identity members the account has no binding, and says so', () => {
    let account!: GcpSecretsEngineServiceAccount;
    const { json } = synthWithClouds(['google'], (stack) => {
      account = new GcpSecretsEngineServiceAccount(stack, 'engine', { project: 'acme-data', createKey: true });
    });
    expect(account.workloadIdentityBindings).toEqual([]);
    expect(byPath(json, 'google_service_account_iam_member')).toEqual({});
  });

  test('exactly the three project roles Vault needs, never roles/editor, each bound to the account by reference', () => {
    const { json } = synthWithClouds(['google'], (stack) => {
      new GcpSecretsEngineServiceAccount(stack, 'engine', { project: 'acme-data' });
    });
    expect(only(json, 'google_service_account')).toMatchObject({ project: 'acme-data', account_id: 'vault-secrets-engine' });
    const members = Object.values(byPath(json, 'google_project_iam_member'));
    expect(members.map((m) => m.role).sort()).toEqual([
      'roles/iam.serviceAccountAdmin',
      'roles/iam.serviceAccountKeyAdmin',
      'roles/resourcemanager.projectIamAdmin',
    ]);
    for (const member of members) {
      expect(member.project).toBe('acme-data');
      expect(member.member).toMatch(/^\$\{google_service_account\.engine_account_[0-9A-F]{8}\.member\}$/);
    }
    expect(members.map((m) => m.role)).not.toContain('roles/editor');
    expect(members.map((m) => m.role)).not.toContain('roles/owner');
    expect(json.resource.google_service_account_key).toBeUndefined();
    expect(json.resource.google_service_account_iam_member).toBeUndefined();
  });

  test('with a key, the key JSON reaches the engine only through the write-only argument, and a state warning is raised', () => {
    let warned: string[] = [];
    const { json } = synthWithClouds(['google'], (stack) => {
      const sa = new GcpSecretsEngineServiceAccount(stack, 'engine', { project: 'acme-data', createKey: true });
      warned = warnings(sa);
      new GcpSecretsEngine(stack, 'gcp', { writeOnlyCredentials: { credentialsJson: sa.credentialsJson! }, dependsOn: sa.projectRoles });
    });
    const key = only(json, 'google_service_account_key');
    expect(key.service_account_id).toMatch(/^\$\{google_service_account\.engine_account_[0-9A-F]{8}\.name\}$/);
    const backend = only(json, 'vault_gcp_secret_backend');
    expect(backend.credentials_wo).toMatch(/^\$\{base64decode\(google_service_account_key\.engine_key_[0-9A-F]{8}\.private_key\)\}$/);
    expect(backend.credentials).toBeUndefined();
    const dependsOn = arrayAt(backend, 'depends_on');
    expect(dependsOn).toHaveLength(3);
    // static references, as Terraform requires in depends_on: no "${...}" template
    expect(dependsOn.every((d) => typeof d === 'string' && /^google_project_iam_member\.engine_[A-Za-z-]+_[0-9A-F]{8}$/.test(d))).toBe(true);
    expect(warned.join('\n')).toMatch(/key .* is kept in Terraform state by the Google provider\. Protect the state, or use workloadIdentityMembers with the engine's workloadIdentity instead of a key\./);
  });

  test('with workload identity, the pool principal may impersonate the account, and the engine gets its email by reference', () => {
    const { json } = synthWithClouds(['google'], (stack) => {
      const sa = new GcpSecretsEngineServiceAccount(stack, 'engine', {
        project: 'acme-data',
        accountId: 'vault-gcp-engine',
        workloadIdentityMembers: [POOL_SUBJECT],
      });
      new GcpSecretsEngine(stack, 'gcp', {
        workloadIdentity: {
          identityTokenAudience: 'https://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/vault/providers/vault',
          serviceAccountEmail: sa.email,
        },
      });
    });
    expect(only(json, 'google_service_account_iam_member')).toMatchObject({
      role: 'roles/iam.workloadIdentityUser',
      member: POOL_SUBJECT,
      service_account_id: expect.stringMatching(/^\$\{google_service_account\.engine_account_[0-9A-F]{8}\.name\}$/),
    });
    expect(json.resource.google_service_account_key).toBeUndefined();
    expect(only(json, 'vault_gcp_secret_backend').service_account_email).toMatch(/^\$\{google_service_account\.engine_account_[0-9A-F]{8}\.email\}$/);
  });

  test('a static account can take its email from a service account of the stack, by reference', () => {
    const { json } = synthWithClouds(['google'], (stack) => {
      const sa = new GcpSecretsEngineServiceAccount(stack, 'engine', { project: 'acme-data', createKey: true });
      new GcpSecretsEngine(stack, 'gcp', { writeOnlyCredentials: { credentialsJson: sa.credentialsJson! } })
        .addStaticAccount('deployer', { serviceAccountEmail: sa.email, tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'] });
    });
    expect(byPath(json, 'vault_gcp_secret_static_account')['gcp/deployer/static-account'].service_account_email).toMatch(
      /^\$\{google_service_account\..+\.email\}$/,
    );
  });

  test('everything uses only arguments of the Google and Vault provider schemas', () => {
    const { json } = synthWithClouds(['google'], (stack) => {
      const keyed = new GcpSecretsEngineServiceAccount(stack, 'keyed', { project: 'acme-data', createKey: true });
      new GcpSecretsEngineServiceAccount(stack, 'federated', { project: 'acme-data', accountId: 'vault-federated', workloadIdentityMembers: [POOL_SUBJECT] });
      new GcpSecretsEngine(stack, 'gcp', { writeOnlyCredentials: { credentialsJson: keyed.credentialsJson! } });
    });
    expect(checkProviderSchemas(json)).toEqual([]);
  });
});

const CATALOGUE: RefusalCase[] = [
  [
    'project that is not a project id',
    (s) => new GcpSecretsEngineServiceAccount(s, 'sa', { project: 'Acme' }),
    'test/sa',
    /project "Acme" is not a GCP project id/,
    ['GcpSecretsEngineServiceAccountProps.project'],
  ],
  [
    'account id too short',
    (s) => new GcpSecretsEngineServiceAccount(s, 'sa', { project: 'acme-data', accountId: 'vlt' }),
    'test/sa',
    /accountId "vlt" must be 6-30 lower-case letters/,
    ['GcpSecretsEngineServiceAccountProps.accountId'],
  ],
  [
    'workload identity member that is not a federated principal',
    (s) => new GcpSecretsEngineServiceAccount(s, 'sa', { project: 'acme-data', workloadIdentityMembers: ['user:me@example.com'] }),
    'test/sa',
    /workload identity member "user:me@example\.com" is not a federated principal \("principal:\/\/iam\.googleapis\.com\/\.\.\." or "principalSet:\/\/iam\.googleapis\.com\/\.\.\."\)$/, ['GcpSecretsEngineServiceAccountProps.workloadIdentityMembers'],
  ],
  [
    'workload identity member with an interpolation after a valid start',
    (s) => new GcpSecretsEngineServiceAccount(s, 'sa', { project: 'acme-data', workloadIdentityMembers: [`${POOL_SUBJECT}\${var.injected}`] }),
    'test/sa',
    /workload identity member "principal:\/\/iam\.googleapis\.com\/.*\$\{var\.injected\}" is not a federated principal/,
  ],
  [
    'key and workload identity at once',
    (s) => new GcpSecretsEngineServiceAccount(s, 'sa', { project: 'acme-data', createKey: true, workloadIdentityMembers: [POOL_SUBJECT] }),
    'test/sa',
    /createKey and workloadIdentityMembers are alternatives/, ['GcpSecretsEngineServiceAccountProps.createKey'],
  ],
  [
    // what this construct's documentation used to recommend; Terraform refuses it ("A single static variable reference is required")
    "the engine's depends_on set to the roles' fqn strings",
    (s) => {
      const sa = new GcpSecretsEngineServiceAccount(s, 'sa', { project: 'acme-data', createKey: true });
      new GcpSecretsEngine(s, 'gcp', { writeOnlyCredentials: { credentialsJson: sa.credentialsJson! } }).backend!.dependsOn = sa.projectRoles.map((r) => r.fqn);
    },
    'test',
    /test\/gcp\/backend: depends_on holds "\$\{google_project_iam_member\.sa_iam-serviceAccountAdmin_[0-9A-F]{8}\}", .*Terraform accepts only static references/,
  ],
];

describe('GCP identity validation catalogue', () => {
  refusalTable(CATALOGUE, (b) => synthErrorWithClouds(['google'], b));
});
