/**
 * plan-broader-than-apply at synthesis: a grant whose plan engine role holds a broader built-in cloud role than its
 * apply engine role warns, for each cloud; the report on the synthesized JSON finds the same rule on the same grant,
 * and one acknowledgement covers both.
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { Acknowledgements, AwsRunRole, VaultBackedDynamicCredentials, WorkspaceGrant, WorkspaceSelector } from '../../lib';
import { explain } from '../../packages/report/src/explain';
import { warnings } from '../support/synth';
import { synthWithClouds } from './cloud-synth';

const PROJECT = '//cloudresourcemanager.googleapis.com/projects/acme-data';
const SUBSCRIPTION = '/subscriptions/11111111-1111-4111-8111-111111111111';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

type Roles = { plan: string; apply: string };

/** A grant with plan and apply engine roles of each cloud given, holding these built-in roles. */
function grant(clouds: { aws?: Roles; gcp?: Roles; azure?: Roles }, acknowledge = false) {
  let warned: string[] = [];
  const synthesized = synthWithClouds([], (s: TerraformStack) => {
    const trust = new VaultBackedDynamicCredentials(s, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
    const aws = trust.addAwsSecretsEngine('aws');
    const key = new TerraformVariable(s, 'gcp_key', { type: 'string', sensitive: true });
    const gcp = trust.addGcpSecretsEngine('gcp', { writeOnlyCredentials: { credentialsJson: key.stringValue } });
    const azure = trust.addAzureSecretsEngine('azure', {
      subscriptionId: '11111111-1111-4111-8111-111111111111',
      tenantId: '22222222-2222-4222-8222-222222222222',
    });
    const roleset = (id: string, role: string) =>
      gcp.addRoleset(id, { project: 'acme-data', tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'], bindings: [{ resource: PROJECT, roles: [role] }] });
    const g: WorkspaceGrant = trust.grantWorkspaces('data', {
      project: 'Data',
      workspaces: WorkspaceSelector.ids('ws-Data0001'),
      aws: clouds.aws && {
        plan: aws.addIamUser('plan-user', { policyArns: [clouds.aws.plan] }),
        apply: aws.addIamUser('apply-user', { policyArns: [clouds.aws.apply] }),
        sleepSeconds: 15,
      },
      gcp: clouds.gcp && { plan: roleset('plan-set', clouds.gcp.plan), apply: roleset('apply-set', clouds.gcp.apply) },
      azure: clouds.azure && {
        plan: azure.addRole('plan-role', { azureRoles: [{ roleName: clouds.azure.plan, scope: SUBSCRIPTION }] }),
        apply: azure.addRole('apply-role', { azureRoles: [{ roleName: clouds.azure.apply, scope: SUBSCRIPTION }] }),
      },
    });
    if (acknowledge) Acknowledgements.of(g).add({ ruleId: 'plan-broader-than-apply', reason: 'plans need the admin role to read the state of IAM' });
    warned = warnings(g);
  });
  // With cdktf's metadata (Testing.synth drops it), so acknowledgements and construct paths are there as in cdk.tf.json.
  const report = explain(JSON.parse(JSON.stringify(synthesized.stack.toTerraform())));
  return {
    warned: warned.filter((w) => w.startsWith('[plan-broader-than-apply] ')),
    found: report.findings.filter((f) => f.rule === 'plan-broader-than-apply'),
  };
}

describe('plan-broader-than-apply at synthesis and in the report', () => {
  test.each<[string, { aws?: Roles; gcp?: Roles; azure?: Roles }, RegExp[]]>([
    ['AWS swapped: plan AdministratorAccess, apply ReadOnlyAccess', { aws: { plan: ADMIN, apply: READ_ONLY } }, [/AWS credentials from engine role "plan-user", .*\(AdministratorAccess against ReadOnlyAccess\)/]],
    ['GCP: plan roles/editor, apply roles/viewer', { gcp: { plan: 'roles/editor', apply: 'roles/viewer' } }, [/GCP .*"plan-set".*\(roles\/editor against roles\/viewer on \/\/cloudresourcemanager/]],
    ['Azure: plan Owner, apply Contributor', { azure: { plan: 'Owner', apply: 'Contributor' } }, [/Azure .*"plan-role".*\(Owner against Contributor on \/subscriptions\//]],
    [
      'mixed: AWS and Azure swapped, GCP the right way round',
      { aws: { plan: ADMIN, apply: READ_ONLY }, gcp: { plan: 'roles/viewer', apply: 'roles/owner' }, azure: { plan: 'Contributor', apply: 'Reader' } },
      [/AWS .*AdministratorAccess against ReadOnlyAccess/, /Azure .*Contributor against Reader/],
    ],
  ])('%s: warns, and the report finds the same', (_title, clouds, expected) => {
    const { warned, found } = grant(clouds);
    expect(warned).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(warned[i]).toMatch(pattern));
    expect(found.map((f) => f.message).sort()).toEqual(warned.map((w) => w.slice('[plan-broader-than-apply] '.length)).sort());
  });

  test.each<[string, { aws?: Roles; gcp?: Roles; azure?: Roles }]>([
    ['AWS the right way round', { aws: { plan: READ_ONLY, apply: ADMIN } }],
    ['GCP equal', { gcp: { plan: 'roles/viewer', apply: 'roles/viewer' } }],
    ['GCP with a role the ladder does not rank', { gcp: { plan: 'roles/owner', apply: 'roles/bigquery.dataViewer' } }],
    ['Azure the right way round', { azure: { plan: 'Reader', apply: 'Owner' } }],
  ])('%s: no warning, no finding', (_title, clouds) => {
    expect(grant(clouds)).toEqual({ warned: [], found: [] });
  });

  test('one acknowledgement covers the warning and the finding', () => {
    const { warned, found } = grant({ gcp: { plan: 'roles/owner', apply: 'roles/viewer' } }, true);
    expect(warned).toEqual([]);
    expect(found).toHaveLength(1);
    expect(found[0].acknowledged).toEqual({ reason: 'plans need the admin role to read the state of IAM', scope: 'test/trust/data' });
  });
});

/** The plan-broader-than-apply warnings of a grant built by `build`, and the rule's findings in the report on its JSON. */
function broaderOf(build: (stack: TerraformStack, trust: VaultBackedDynamicCredentials) => WorkspaceGrant) {
  let warned: string[] = [];
  const synthesized = synthWithClouds(['aws'], (s: TerraformStack) => {
    const trust = new VaultBackedDynamicCredentials(s, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
    warned = warnings(build(s, trust));
  });
  const report = explain(JSON.parse(JSON.stringify(synthesized.stack.toTerraform())));
  return {
    warned: warned.filter((w) => w.startsWith('[plan-broader-than-apply] ')),
    found: report.findings.filter((f) => f.rule === 'plan-broader-than-apply').map((f) => f.message),
  };
}

const AZURE_IDS = { tenantId: '22222222-2222-4222-8222-222222222222', subscriptionId: '11111111-1111-4111-8111-111111111111' };
const roleDefinition = (guid: string) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const reference = (s: TerraformStack, name: string) => new TerraformVariable(s, name, { type: 'string' }).stringValue;

describe('plan-broader-than-apply: what the engine roles hold, as the report reads it', () => {
  test('Azure roles named by role definition id are ranked by the built-in role the id stands for', () => {
    const { warned, found } = broaderOf((_stack, trust) => {
      const azure = trust.addAzureSecretsEngine('azure', AZURE_IDS);
      return trust.grantWorkspaces('data', {
        project: 'Data',
        workspaces: WorkspaceSelector.ids('ws-Data0001'),
        azure: {
          plan: azure.addRole('plan-role', { azureRoles: [{ roleId: roleDefinition('8e3af657-a8ff-443c-a75c-2fe8c4bcb635'), scope: SUBSCRIPTION }] }),
          apply: azure.addRole('apply-role', { azureRoles: [{ roleId: roleDefinition('acdd72a7-3385-48ef-bd42-f606fba81ae7'), scope: SUBSCRIPTION }] }),
        },
      });
    });
    const message =
      'plan runs read Azure credentials from engine role "plan-role", apply runs from "apply-role", and the plan side holds the broader built-in role ' +
      `(Owner against Reader on ${SUBSCRIPTION}); a pull request's plan can do what an apply cannot. Give plans the read-only role and applies the broader one`;
    expect(warned).toEqual([`[plan-broader-than-apply] ${message}`]);
    expect(found).toEqual([message]);
  });

  test('the managed policies of a run role the stack builds count for the engine role that assumes it', () => {
    const { warned, found } = broaderOf((s, trust) => {
      const runRole = new AwsRunRole(s, 'admin-run', { trustedPrincipalArn: 'arn:aws:iam::123456789012:user/vault', managedPolicyArns: [ADMIN] });
      const aws = trust.addAwsSecretsEngine('aws');
      return trust.grantWorkspaces('data', {
        project: 'Data',
        workspaces: WorkspaceSelector.ids('ws-Data0001'),
        aws: {
          plan: aws.addAssumedRole('plan-role', { roleArns: [runRole.arn] }),
          apply: aws.addAssumedRole('apply-role', { roleArns: ['arn:aws:iam::123456789012:role/deploy'], policyArns: [READ_ONLY] }),
        },
      });
    });
    const message =
      'plan runs read AWS credentials from engine role "plan-role", apply runs from "apply-role", and the plan side holds the broader built-in role ' +
      "(AdministratorAccess against ReadOnlyAccess); a pull request's plan can do what an apply cannot. " +
      'Give plans the read-only role and applies the broader one';
    expect(warned).toEqual([`[plan-broader-than-apply] ${message}`]);
    // The report names an assumed_role engine role with the role ARN it assumes.
    expect(found).toEqual([expect.stringContaining('the plan side holds the broader built-in role (AdministratorAccess against ReadOnlyAccess); ')]);
  });

  test.each([
    ['GCP', 'plan-set', 'apply-set', 'roles/owner against roles/viewer'],
    ['Azure', 'plan-role', 'apply-role', 'Owner against Reader'],
  ])('%s roles on one scope given by reference: the warning and the report agree, naming the variable', (cloud, planName, applyName, ranking) => {
    const { warned, found } = broaderOf((s, trust) => {
      // Two reads of one variable are two tokens, and one Terraform expression.
      const variable = new TerraformVariable(s, 'target_scope', { type: 'string' });
      if (cloud === 'GCP') {
        const key = new TerraformVariable(s, 'gcp_key', { type: 'string', sensitive: true });
        const gcp = trust.addGcpSecretsEngine('gcp', { writeOnlyCredentials: { credentialsJson: key.stringValue } });
        const roleset = (id: string, role: string) => gcp.addRoleset(id, {
          project: 'acme-data',
          tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'],
          bindings: [{ resource: variable.stringValue, roles: [role] }],
        });
        return trust.grantWorkspaces('data', {
          project: 'Data',
          workspaces: WorkspaceSelector.ids('ws-Data0001'),
          gcp: { plan: roleset('plan-set', 'roles/owner'), apply: roleset('apply-set', 'roles/viewer') },
        });
      }
      const azure = trust.addAzureSecretsEngine('azure', AZURE_IDS);
      return trust.grantWorkspaces('data', {
        project: 'Data',
        workspaces: WorkspaceSelector.ids('ws-Data0001'),
        azure: {
          plan: azure.addRole('plan-role', { azureRoles: [{ roleName: 'Owner', scope: variable.stringValue }] }),
          apply: azure.addRole('apply-role', { azureRoles: [{ roleName: 'Reader', scope: variable.stringValue }] }),
        },
      });
    });
    const message =
      `plan runs read ${cloud} credentials from engine role "${planName}", apply runs from "${applyName}", and the plan side holds the broader built-in ` +
      `role (${ranking} on \${var.target_scope}); a pull request's plan can do what an apply cannot. Give plans the read-only role and applies the broader one`;
    expect(found).toEqual([message]);
    expect(warned).toEqual([`[plan-broader-than-apply] ${message}`]);
  });

  test('an Azure plan role named by a reference is not known at synthesis: no warning, and the report finds nothing either', () => {
    const result = broaderOf((s, trust) => {
      const azure = trust.addAzureSecretsEngine('azure', AZURE_IDS);
      return trust.grantWorkspaces('data', {
        project: 'Data',
        workspaces: WorkspaceSelector.ids('ws-Data0001'),
        azure: {
          plan: azure.addRole('plan-role', { azureRoles: [{ roleName: reference(s, 'plan_role'), scope: SUBSCRIPTION }] }),
          apply: azure.addRole('apply-role', { azureRoles: [{ roleName: 'Reader', scope: SUBSCRIPTION }] }),
        },
      });
    });
    expect(result).toEqual({ warned: [], found: [] });
  });
});
