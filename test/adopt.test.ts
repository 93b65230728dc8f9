import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { ADOPTED, AdoptExample } from '../examples/adopt';
import { HcpTerraformJwtAuthMount, VaultBackedDynamicCredentials, WorkspaceGrantOptions, WorkspaceSelector } from '../lib';
import { diffConfigurations, runAccess } from '../packages/report/src/diff';
import { explain } from '../packages/report/src/explain';
import { literalOf, TerraformConfiguration } from '../packages/report/src/terraform-json';
import { HASHICORP_VARIABLES, TerraformJson } from './report/support';
import { refusalTable } from './support/refusals';
import { bodiesOf, byPath, JsonObject, leaf, stringAt, synthWith } from './support/synth';

const SUBSCRIPTION = '00000000-0000-4000-8000-000000000001';
const TENANT = '00000000-0000-4000-8000-000000000002';

const json = JSON.parse(Testing.synth(new AdoptExample(Testing.app(), 'adopt'), true));
/** HashiCorp's vault-backed AWS example as applied: its synthesized JSON, read with its tfvars. */
const hclJson = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'hashicorp-examples', 'vault-backed-aws.json'), 'utf8'));
const hcl = new TerraformConfiguration(hclJson, { variables: HASHICORP_VARIABLES });
const hclValue = (type: string, name: string, attribute: string): string | undefined => {
  const body = hclJson.resource[type][name];
  return literalOf(hcl.resolve(body[attribute]));
};

/** The resource body an import block points at. */
function target(to: string): JsonObject | undefined {
  const [type, name] = to.split('.');
  const resources: TerraformJson['resource'] = json.resource;
  return resources[type]?.[name];
}

/** The resource body an import block points at; throws when there is none. */
function targetOf(to: string): JsonObject {
  const body = target(to);
  if (body === undefined) throw new Error(`no resource ${to}`);
  return body;
}

const imports: Array<{ to: string; id: string }> = json.import;

describe('adopting HashiCorp\'s vault-backed AWS example', () => {
  test('every Vault object of the HCL example gets exactly one import block, to a resource of this stack', () => {
    expect(imports.map((i) => i.to.split('.')[0]).sort()).toEqual([
      'vault_aws_secret_backend',
      'vault_aws_secret_backend_role',
      'vault_jwt_auth_backend',
      'vault_jwt_auth_backend_role',
      'vault_policy',
    ]);
    for (const block of imports) expect([block.to, target(block.to) !== undefined]).toEqual([block.to, true]);
  });

  test('import ids follow the Vault provider\'s formats and name the objects the HCL created', () => {
    const byType = Object.fromEntries(imports.map((i) => [i.to.split('.')[0], i]));
    const jwtPath = hclValue('vault_jwt_auth_backend', 'tfc_jwt', 'path');
    const roleName = hclValue('vault_jwt_auth_backend_role', 'tfc_role', 'role_name');
    const policyName = hclValue('vault_policy', 'tfc_policy', 'name');
    const awsPath = hclValue('vault_aws_secret_backend', 'aws_secret_backend', 'path');
    const awsRole = hclValue('vault_aws_secret_backend_role', 'aws_secret_backend_role', 'name');
    expect([jwtPath, roleName, policyName, awsPath, awsRole]).toEqual(['jwt', 'tfc-role', 'tfc-policy', 'aws', 'edu-app']);

    expect(byType.vault_jwt_auth_backend.id).toBe(jwtPath);
    expect(byType.vault_jwt_auth_backend_role.id).toBe(`auth/${jwtPath}/role/${roleName}`);
    expect(byType.vault_policy.id).toBe(policyName);
    expect(byType.vault_aws_secret_backend.id).toBe(awsPath);
    expect(byType.vault_aws_secret_backend_role.id).toBe(`${awsPath}/roles/${awsRole}`);
  });

  test('adopted names equal the imported objects\' names: nothing is renamed, so nothing is replaced', () => {
    const byType = Object.fromEntries(imports.map((i) => [i.to.split('.')[0], targetOf(i.to)]));
    expect(byType.vault_jwt_auth_backend.path).toBe(hclValue('vault_jwt_auth_backend', 'tfc_jwt', 'path'));
    expect(byType.vault_jwt_auth_backend_role.role_name).toBe(hclValue('vault_jwt_auth_backend_role', 'tfc_role', 'role_name'));
    expect(byType.vault_policy.name).toBe(hclValue('vault_policy', 'tfc_policy', 'name'));
    expect(byType.vault_aws_secret_backend.path).toBe(hclValue('vault_aws_secret_backend', 'aws_secret_backend', 'path'));
    expect(byType.vault_aws_secret_backend_role.name).toBe(hclValue('vault_aws_secret_backend_role', 'aws_secret_backend_role', 'name'));
    // the same namespace as the HCL's var.vault_namespace, on every adopted object
    for (const body of Object.values(byType)) expect(body.namespace).toBe(hclValue('vault_policy', 'tfc_policy', 'namespace'));
    // the role still carries the adopted policy, by reference
    expect(byType.vault_jwt_auth_backend_role.token_policies).toEqual([expect.stringMatching(/^\$\{vault_policy\.[^.]+\.name\}$/)]);
    // and the run variables name the adopted role and mount
    const variables = Object.values(byPath(json, 'tfe_variable'));
    expect(variables.find((v) => v.key === 'TFC_VAULT_RUN_ROLE')?.value).toMatch(/^\$\{vault_jwt_auth_backend_role\./);
    expect(variables.find((v) => v.key === 'TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE')?.value).toMatch(/^\$\{vault_aws_secret_backend_role\./);
  });

  test('the migration changes no access: explain --diff from the HCL to the adoption stack', () => {
    const before = runAccess(explain(hclJson, { variables: HASHICORP_VARIABLES }));
    expect(before.some((i) => i.path === `${ADOPTED.awsMount}/sts/${ADOPTED.awsRole}` && i.role === ADOPTED.jwtRole)).toBe(true);
    const diff = diffConfigurations(hclJson, json, { variables: HASHICORP_VARIABLES });
    expect(diff).toEqual({ gained: [], lost: [], attackerGained: [], attackerLost: [] });
  });
});

describe('adoption options', () => {
  const trust = (stack: TerraformStack, adopt?: boolean) =>
    new VaultBackedDynamicCredentials(stack, 'trust', {
      organization: 'acme',
      vaultAddress: 'https://vault.example.com',
      adopt: adopt === undefined ? undefined : { authMount: adopt },
    });

  test('separate plan and apply roles adopt their own roles and policies; variable set and variables by id', () => {
    const { json: out, text } = synthWith((stack) => {
      const t = trust(stack);
      const aws = t.addAwsSecretsEngine('aws', {});
      const read = aws.addAssumedRole('read', { roleArns: ['arn:aws:iam::111111111111:role/read'] });
      const deploy = aws.addAssumedRole('deploy', { roleArns: ['arn:aws:iam::111111111111:role/deploy'] });
      t.grantWorkspaces('net', {
        project: 'Net',
        workspaces: WorkspaceSelector.names('net'),
        aws: { plan: read, apply: deploy },
        adopt: {
          planRoleName: 'net-plan-legacy',
          applyRoleName: 'net-apply-legacy',
          applyPolicyName: 'net-apply-policy',
          variableSetId: 'varset-AbC123',
          variableIds: { TFC_VAULT_ADDR: 'var-Xyz789' },
        },
      });
    });
    const ids = leaf<Array<{ to: string; id: string }>>(out.import).map((i) => i.id).sort();
    expect(ids).toEqual([
      'acme/varset-AbC123/var-Xyz789',
      'auth/jwt/role/net-apply-legacy',
      'auth/jwt/role/net-plan-legacy',
      'net-apply-policy',
      'varset-AbC123',
    ]);
    const roles = bodiesOf(text, 'vault_jwt_auth_backend_role')
      .map((r) => stringAt(r, 'role_name'))
      .sort();
    expect(roles).toEqual(['net-apply-legacy', 'net-plan-legacy']);
    // an adopted role without an adopted policy keeps the generated policy name (created, not imported)
    expect(bodiesOf(text, 'vault_policy').map((p) => stringAt(p, 'name')).sort()).toEqual(['net-apply-policy', 'net-plan-legacy']);
    expect(ids.length).toBeGreaterThan(0);
    expect(leaf<Array<{ to: string }>>(out.import).some((i) => i.to.startsWith('vault_jwt_auth_backend.'))).toBe(false);
  });

  const grant = (stack: TerraformStack, extra: Partial<WorkspaceGrantOptions>) => {
    const t = trust(stack);
    const role = t.addAwsSecretsEngine('aws', {}).addAssumedRole('r', { roleArns: ['arn:aws:iam::111111111111:role/r'] });
    t.grantWorkspaces('g', { project: 'P', workspaces: WorkspaceSelector.names('w'), aws: { plan: role, apply: role }, ...extra });
  };
  const names = { planRoleName: 'tfc/role', planPolicyName: 'tfc policy', applyRoleName: 'ok-apply', applyPolicyName: 'ok/policy' };

  describe('adoption refusal table: each row fails synthesis naming the construct path, the value and the fix', () => {
    refusalTable([
      [
        'adopted role name Vault would not accept',
        (s) => grant(s, { adopt: names }),
        'test/trust/g/plan',
        /Vault role name "tfc\/role"/,
        ['GrantAdoption.planRoleName'],
      ],
      [
        'adopted plan policy name Vault would not accept',
        (s) => grant(s, { adopt: names }),
        'test/trust/g/plan',
        /Vault policy name "tfc policy"/,
        ['GrantAdoption.planPolicyName'],
      ],
      ['adopted apply policy name Vault would not accept', (s) => grant(s, { adopt: names }), 'test/trust/g/apply', /Vault policy name "ok\/policy"/],
      [
        'apply names with sharedRunRole',
        (s) => grant(s, { sharedRunRole: true, adopt: { applyRoleName: 'x' } }),
        'test/trust/g',
        /adopt\.applyRoleName and adopt\.applyPolicyName need separate plan and apply roles, but sharedRunRole makes one role/,
        ['GrantAdoption.applyRoleName', 'GrantAdoption.applyPolicyName'],
      ],
      [
        'an apply policy name alone with sharedRunRole',
        (s) => grant(s, { sharedRunRole: true, adopt: { applyPolicyName: 'x' } }),
        'test/trust/g',
        new RegExp('\\] adopt\\.applyRoleName and adopt\\.applyPolicyName need separate plan and apply roles, but sharedRunRole makes one role; ' +
          'give the existing role and policy as adopt\\.planRoleName and adopt\\.planPolicyName$'),
      ],
      [
        'a variable set id that is not one',
        (s) => grant(s, { adopt: { variableSetId: 'Vault Vars' } }),
        'test/trust/g',
        /adopt\.variableSetId "Vault Vars" is not a variable set id; use the "varset-\.\.\." id/,
        ['GrantAdoption.variableSetId'],
      ],
      [
        'variable ids without the set',
        (s) => grant(s, { adopt: { variableIds: { TFC_VAULT_ADDR: 'var-1' } } }),
        'test/trust/g',
        /adopt\.variableIds needs adopt\.variableSetId/,
      ],
      [
        'a variable the grant does not write',
        (s) => grant(s, { adopt: { variableSetId: 'varset-1', variableIds: { AWS_ACCESS_KEY_ID: 'var-1' } } }),
        'test/trust/g',
        new RegExp('adopt\\.variableIds names "AWS_ACCESS_KEY_ID", which the grant does not write; it writes TFC_VAULT_PROVIDER_AUTH, TFC_VAULT_ADDR, ' +
          'TFC_VAULT_PLAN_ROLE, TFC_VAULT_APPLY_ROLE, TFC_VAULT_BACKED_AWS_AUTH, TFC_VAULT_BACKED_AWS_AUTH_TYPE, TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE, ' +
          'TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN, TFC_VAULT_BACKED_AWS_MOUNT_PATH$'),
        ['GrantAdoption.variableIds'],
      ],
      [
        'a variable id that is not one',
        (s) => grant(s, { adopt: { variableSetId: 'varset-1', variableIds: { TFC_VAULT_ADDR: 'addr' } } }),
        'test/trust/g',
        /adopt\.variableIds\.TFC_VAULT_ADDR "addr" is not a variable id/,
      ],
      [
        'adopting the JWT mount when the trust is given a mount it does not manage',
        (s) => {
          const authMount = HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt' });
          new VaultBackedDynamicCredentials(s, 'trust', {
            organization: 'acme',
            vaultAddress: 'https://vault.example.com',
            authMount,
            adopt: { authMount: true },
          });
        },
        'test/trust',
        /adopt\.authMount configure the JWT auth mount this trust creates, but authMount test\/jwt is given/,
        ['TrustAdoption.authMount'],
      ],
      [
        'adopt on an Azure engine role: the provider\'s import would make the first apply replace it',
        (s) => {
          const azure = trust(s, true).addAzureSecretsEngine('azure', { subscriptionId: SUBSCRIPTION, tenantId: TENANT, adopt: true });
          azure.addRole('reader', { azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}` }], adopt: true });
        },
        'test/trust/azure/reader',
        /Azure role "reader" sets adopt.*"role" and "backend" empty in state and both force replacement.*remove adopt and keep name equal to the existing role's name/,
        ['AzureEngineRoleProps.adopt'],
      ],
    ]);
  });

  test('GCP and Azure mounts and roles adopt with their ids', () => {
    const { json: out } = synthWith((stack) => {
      const t = trust(stack, true);
      const gcp = t.addGcpSecretsEngine('gcp', { path: 'gcp-team', adopt: true });
      gcp.addRoleset('viewer', {
        project: 'acme-data',
        tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        bindings: [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-data', roles: ['roles/viewer'] }],
        adopt: true,
      });
      gcp.addStaticAccount('ci', {
        serviceAccountEmail: 'ci@acme-data.iam.gserviceaccount.com',
        tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        adopt: true,
      });
      const azure = t.addAzureSecretsEngine('azure', {
        subscriptionId: '00000000-0000-4000-8000-000000000001',
        tenantId: '00000000-0000-4000-8000-000000000002',
        adopt: true,
      });
      azure.addRole('reader', { azureRoles: [{ roleName: 'Reader', scope: '/subscriptions/00000000-0000-4000-8000-000000000001' }] });
    });
    const byId = Object.fromEntries(leaf<Array<{ to: string; id: string }>>(out.import).map((i) => [i.id, i.to.split('.')[0]]));
    expect(byId).toEqual({
      jwt: 'vault_jwt_auth_backend',
      'gcp-team': 'vault_gcp_secret_backend',
      'gcp-team/roleset/viewer': 'vault_gcp_secret_roleset',
      'gcp-team/static-account/ci': 'vault_gcp_secret_static_account',
      azure: 'vault_azure_secret_backend',
    });
  });
});
