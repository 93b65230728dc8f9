/**
 * plan-broader-than-apply at synthesis: a grant whose plan engine role holds a broader built-in cloud role than its
 * apply engine role warns, for each cloud; the report on the synthesized JSON finds the same rule on the same grant,
 * and one acknowledgement covers both.
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { Acknowledgements, VaultBackedDynamicCredentials, WorkspaceGrant, WorkspaceSelector } from '../../lib';
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
