import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { parse } from '@cdktf/hcl2json';
import { EnterpriseExample } from '../examples/enterprise';
import { evaluateAcl } from '../packages/report/src/policy/acl';
import { TerraformConfiguration } from '../packages/report/src/terraform-json';
import { simulateLogin, workspaceRunClaims, WorkspaceRun } from '../packages/report/src/simulate';
import { TerraformJson } from './report/support';
import { checkProviderSchemas } from './support/provider-schema';
import { JsonObject, objectAt, stringAt, synthesizedOrFailing } from './support/synth';

const text = synthesizedOrFailing('the Terraform Enterprise example', () => Testing.synth(new EnterpriseExample(Testing.app(), 'enterprise'), true));
const json: TerraformJson = JSON.parse(text);
const config = new TerraformConfiguration(json);
/** Resource namespace (relative to the provider's "admin") and the absolute namespace runs log in to. */
const NS = 'platform';
const LOGIN_NS = 'admin/platform';
const HOST = 'tfe.acme.example';

const variables = (setNamePart: string): Record<string, JsonObject> => {
  const [setId] = Object.keys(json.resource.tfe_variable_set).filter((id) => id.includes(setNamePart));
  const out: Record<string, JsonObject> = {};
  for (const v of Object.values(json.resource.tfe_variable)) {
    if (v.variable_set_id === `\${tfe_variable_set.${setId}.id}`) out[String(v.key)] = v;
  }
  return out;
};

/** The JWT role of the ledger grant (the one whose logical id starts with trust_ledger). */
function ledgerRole(): JsonObject {
  const found = Object.entries(json.resource.vault_jwt_auth_backend_role).find(([id]) => id.startsWith('trust_ledger'));
  if (found === undefined) throw new Error('no ledger role');
  return found[1];
}

function payments(runPhase: 'plan' | 'apply', overrides: Partial<WorkspaceRun> = {}): WorkspaceRun {
  return { organization: 'acme', organizationId: 'org-AcmeCorp01', project: 'Payments', workspace: 'payments-prod', runPhase, hostname: HOST, ...overrides };
}

function stackClaims(deployment: string, operation: string, stackName = 'network') {
  return {
    iss: `https://${HOST}`,
    aud: 'vault.workload.identity',
    sub: `organization:acme:project:Platform:stack:${stackName}:deployment:${deployment}:operation:${operation}`,
    terraform_stack_id: 'st-1',
    terraform_organization_id: 'org-AcmeCorp01',
  };
}

describe('Terraform Enterprise example', () => {
  test('the mount trusts only the Terraform Enterprise issuer, with its private CA', () => {
    const [mount] = Object.values(json.resource.vault_jwt_auth_backend);
    expect(mount).toMatchObject({
      bound_issuer: 'https://tfe.acme.example',
      oidc_discovery_url: 'https://tfe.acme.example',
      oidc_discovery_ca_pem: '${var.tfe_ca_pem}',
      namespace: NS,
    });
    const fromHcp = simulateLogin(
      config,
      { roleName: 'tfc-payments-plan', namespace: LOGIN_NS },
      workspaceRunClaims(payments('plan', { hostname: 'app.terraform.io' })),
    );
    expect(fromHcp).toMatchObject({ admitted: false, reason: expect.stringMatching(/iss/) });
  });

  test('runs are told the absolute namespace, the Vault CA and the client timeout', () => {
    const vars = variables('payments');
    expect(vars.TFC_VAULT_NAMESPACE.value).toBe('admin/platform');
    expect(vars.TFC_VAULT_ENCODED_CACERT).toMatchObject({ value: '${var.vault_ca_bundle_base64}', sensitive: true });
    expect(vars.TFC_VAULT_CLIENT_TIMEOUT.value).toBe('120');
    for (const type of ['vault_jwt_auth_backend_role', 'vault_policy', 'vault_aws_secret_backend_role']) {
      for (const body of Object.values(json.resource[type])) expect(body.namespace).toBe(NS);
    }
  });

  test.each([
    ['plan', ['aws-payments/sts/payments-read', 'aws-legacy/sts/legacy-read'], ['aws-payments/sts/payments-deploy', 'aws-legacy/sts/legacy-deploy']],
    ['apply', ['aws-payments/sts/payments-deploy', 'aws-legacy/sts/legacy-deploy'], ['aws-payments/sts/payments-read', 'aws-legacy/sts/legacy-read']],
  ] as const)('payments-prod %s reads both AWS accounts of its phase and nothing of the other phase', (phase, allowed, denied) => {
    const login = simulateLogin(config, { roleName: `tfc-payments-${phase}`, namespace: LOGIN_NS }, workspaceRunClaims(payments(phase)));
    expect(login.admitted).toBe(true);
    for (const path of allowed) expect(evaluateAcl(login.policies, path, 'read').allowed).toBe(true);
    for (const path of denied) expect(evaluateAcl(login.policies, path, 'read').allowed).toBe(false);
  });

  test('the second AWS account is a tagged configuration of the same variable set', () => {
    const vars = variables('payments');
    expect(vars.TFC_VAULT_BACKED_AWS_AUTH_LEGACY.value).toBe('true');
    expect(vars.TFC_VAULT_BACKED_AWS_MOUNT_PATH_LEGACY.value).toBe('aws-legacy');
    expect(vars.TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN_LEGACY.value).toBe('arn:aws:iam::444444444444:role/legacy-read');
  });

  test('a token from another organization with the same name but another id cannot log in', () => {
    const claims = workspaceRunClaims(payments('plan', { organizationId: 'org-Impostor' }));
    expect(simulateLogin(config, { roleName: 'tfc-payments-plan', namespace: LOGIN_NS }, claims).admitted).toBe(false);
  });

  describe('id-bound grant', () => {
    const ledger = {
      organization: 'acme',
      organizationId: 'org-AcmeCorp01',
      project: 'Payments',
      workspace: 'ledger',
      workspaceId: 'ws-Ledger01',
      hostname: HOST,
    };
    const projectId = '${data.tfe_project.' + Object.keys(json.data?.tfe_project ?? {})[0] + '.id}';

    test('binds workspace, project and organization ids', () => {
      const role = ledgerRole();
      expect(role.bound_claims).toMatchObject({
        terraform_workspace_id: 'ws-Ledger01',
        terraform_project_id: projectId,
        terraform_organization_id: 'org-AcmeCorp01',
      });
      expect(role.user_claim).toBe('terraform_workspace_id');
    });

    test('the workspace keeps its access under a new name; a workspace that took the old name gets none', () => {
      // The project id is a look-up the simulator cannot resolve, so these checks run on the other claims.
      const role = ledgerRole();
      const claims = { ...objectAt(role, 'bound_claims'), terraform_project_id: 'prj-Payments1' };
      const resolved = { ...json, resource: { ...json.resource, vault_jwt_auth_backend_role: { ledger: { ...role, bound_claims: claims } } } };
      const withIds = new TerraformConfiguration(resolved);
      const renamed = workspaceRunClaims({ ...ledger, workspace: 'ledger-v2', projectId: 'prj-Payments1', runPhase: 'apply' });
      expect(simulateLogin(withIds, { roleName: 'tfc-ledger', namespace: LOGIN_NS }, renamed).admitted).toBe(true);
      const usurper = workspaceRunClaims({ ...ledger, workspaceId: 'ws-NewOne99', projectId: 'prj-Payments1', runPhase: 'apply' });
      expect(simulateLogin(withIds, { roleName: 'tfc-ledger', namespace: LOGIN_NS }, usurper).admitted).toBe(false);
      const otherProject = workspaceRunClaims({ ...ledger, projectId: 'prj-Other', runPhase: 'apply' });
      expect(simulateLogin(withIds, { roleName: 'tfc-ledger', namespace: LOGIN_NS }, otherProject).admitted).toBe(false);
    });
  });

  describe('Stacks grant', () => {
    test.each([
      ['staging', 'plan', 'tfc-stack-network-plan', true],
      ['production', 'apply', 'tfc-stack-network-apply', true],
      ['staging', 'plan', 'tfc-stack-network-apply', false],
      ['development', 'plan', 'tfc-stack-network-plan', false],
    ])('deployment %s, operation %s, role %s: admitted %s', (deployment, operation, roleName, admitted) => {
      expect(simulateLogin(config, { roleName, namespace: LOGIN_NS }, stackClaims(deployment, operation)).admitted).toBe(admitted);
    });

    test('another Stack cannot log in', () => {
      expect(simulateLogin(config, { roleName: 'tfc-stack-network-plan', namespace: LOGIN_NS }, stackClaims('staging', 'plan', 'network-copy')).admitted).toBe(
        false,
      );
    });

    test('the Stack-side configuration is emitted as valid HCL for the absolute namespace', async () => {
      const provider = await parse('p.tfcomponent.hcl', stringAt(json.output?.stack_provider_configuration, 'value'));
      expect(provider.provider.vault.this[0].config[0].namespace).toBe('admin/platform');
      const deployments = await parse('d.tfdeploy.hcl', stringAt(json.output?.stack_deployment_configuration, 'value'));
      expect(Object.keys(deployments.deployment).sort()).toEqual(['production', 'staging']);
    });
  });

  test('every block and argument exists in the provider schemas', () => {
    expect(checkProviderSchemas(json)).toEqual([]);
  });

  test('matches the reviewed snapshot', () => {
    expect(text).toMatchSnapshot();
  });
});
