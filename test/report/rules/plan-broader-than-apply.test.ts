/**
 * plan-broader-than-apply in the report: the sound setup (AWS, plan reads app-read, apply app-deploy) given GCP and
 * Azure configurations too, with the clouds' built-in roles on each side; per cloud a positive and a negative case,
 * mixed clouds, and roles the rule does not rank.
 */
import { explain } from '../../../packages/report/src/explain';
import { builtInExcess, builtInRank } from '../../../packages/report/src/rules';
import { planBroaderThanApply } from '../../../packages/report/src/rules/plan-broader-than-apply';
import { check, soundWith, TerraformJson } from '../support';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const PROJECT = '//cloudresourcemanager.googleapis.com/projects/acme-app';
const OTHER_PROJECT = '//cloudresourcemanager.googleapis.com/projects/acme-other';
const SUBSCRIPTION = '/subscriptions/00000000-0000-4000-8000-000000000001';

function variable(json: TerraformJson, name: string, key: string, value: string): void {
  json.resource.tfe_variable[name] = { variable_set_id: '${tfe_variable_set.app.id}', category: 'env', key, value };
}

/** The IAM roles the sound setup's engine roles assume, in the configuration, with these managed policies attached. */
function iamRoles(json: TerraformJson, plan: string[], apply: string[]): void {
  json.resource.aws_iam_role = { read: { name: 'app-read', assume_role_policy: '{}' }, deploy: { name: 'app-deploy', assume_role_policy: '{}' } };
  json.resource.aws_iam_role_policy_attachment = {};
  plan.forEach((arn, i) => (json.resource.aws_iam_role_policy_attachment[`read_${i}`] = { role: '${aws_iam_role.read.name}', policy_arn: arn }));
  apply.forEach((arn, i) => (json.resource.aws_iam_role_policy_attachment[`deploy_${i}`] = { role: 'app-deploy', policy_arn: arn }));
}

/** A GCP configuration: plan reads roleset app-read, apply app-deploy, with these bindings. */
function gcp(json: TerraformJson, plan: Array<[string, string[]]>, apply: Array<[string, string[]]>): void {
  json.resource.vault_gcp_secret_backend = { gcp: { namespace: 'ops', path: 'gcp' } };
  const roleset = (name: string, bindings: Array<[string, string[]]>) => ({
    namespace: 'ops',
    backend: '${vault_gcp_secret_backend.gcp.path}',
    roleset: name,
    secret_type: 'access_token',
    project: 'acme-app',
    token_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
    binding: bindings.map(([resource, roles]) => ({ resource, roles })),
  });
  json.resource.vault_gcp_secret_roleset = { read: roleset('app-read', plan), deploy: roleset('app-deploy', apply) };
  variable(json, 'gcp_auth', 'TFC_VAULT_BACKED_GCP_AUTH', 'true');
  variable(json, 'gcp_auth_type', 'TFC_VAULT_BACKED_GCP_AUTH_TYPE', 'roleset/access_token');
  variable(json, 'gcp_plan', 'TFC_VAULT_BACKED_GCP_PLAN_VAULT_ROLESET', '${vault_gcp_secret_roleset.read.roleset}');
  variable(json, 'gcp_apply', 'TFC_VAULT_BACKED_GCP_APPLY_VAULT_ROLESET', '${vault_gcp_secret_roleset.deploy.roleset}');
}

/** An Azure configuration: plan reads role app-read, apply app-deploy, with these role assignments. */
function azure(json: TerraformJson, plan: Array<Record<string, string>>, apply: Array<Record<string, string>>): void {
  json.resource.vault_azure_secret_backend = {
    azure: { namespace: 'ops', path: 'azure', subscription_id: '00000000-0000-4000-8000-000000000001', tenant_id: '00000000-0000-4000-8000-000000000002' },
  };
  const role = (name: string, roles: Array<Record<string, string>>) => ({
    namespace: 'ops',
    backend: '${vault_azure_secret_backend.azure.path}',
    role: name,
    azure_roles: roles,
  });
  json.resource.vault_azure_secret_backend_role = { read: role('app-read', plan), deploy: role('app-deploy', apply) };
  variable(json, 'azure_auth', 'TFC_VAULT_BACKED_AZURE_AUTH', 'true');
  variable(json, 'azure_plan', 'TFC_VAULT_BACKED_AZURE_PLAN_VAULT_ROLE', '${vault_azure_secret_backend_role.read.role}');
  variable(json, 'azure_apply', 'TFC_VAULT_BACKED_AZURE_APPLY_VAULT_ROLE', '${vault_azure_secret_backend_role.deploy.role}');
}

const found = (json: TerraformJson) => check(planBroaderThanApply, json).map((f) => `${f.subject}: ${f.message}`).sort();

describe('plan-broader-than-apply', () => {
  describe('AWS', () => {
    test('swapped: plan assumes the role with AdministratorAccess, apply the ReadOnlyAccess one', () => {
      const json = soundWith((j) => iamRoles(j, [ADMIN], [READ_ONLY]));
      expect(found(json)).toEqual([
        'workspace app-prod (project Apps) AWS: plan runs read AWS credentials from engine role ' +
          '"app-read (arn:aws:iam::111111111111:role/app-read)", apply runs from "app-deploy (arn:aws:iam::111111111111:role/app-deploy)", and the plan ' +
          "side holds the broader built-in role (AdministratorAccess against ReadOnlyAccess on 111111111111); a pull request's plan can do what an " +
          'apply cannot. Give plans the read-only role and applies the broader one',
      ]);
    });

    test('the right way round, equal roles, and a role with attachments outside the configuration are silent', () => {
      expect(found(soundWith((j) => iamRoles(j, [READ_ONLY], [ADMIN])))).toEqual([]);
      expect(found(soundWith((j) => iamRoles(j, [POWER], [POWER])))).toEqual([]);
      expect(found(soundWith((j) => iamRoles(j, [ADMIN], [])))).toEqual([]);
      // Without the IAM roles in the file nothing is known.
      expect(found(soundWith(() => undefined))).toEqual([]);
    });

    test('policy_arns of iam_user engine roles, and the rank in between', () => {
      const json = soundWith((j) => {
        for (const [name, arn] of [['read', POWER], ['deploy', READ_ONLY]]) {
          const role = j.resource.vault_aws_secret_backend_role[name];
          role.credential_type = 'iam_user';
          delete role.role_arns;
          role.policy_arns = [arn];
        }
        j.resource.tfe_variable.aws_auth_type.value = 'iam_user';
      });
      expect(found(json)).toEqual([expect.stringContaining('(PowerUserAccess against ReadOnlyAccess)')]);
    });

    test('one engine role with two role ARNs: the phase ARNs decide', () => {
      const json = soundWith((j) => {
        iamRoles(j, [ADMIN], [READ_ONLY]);
        j.resource.vault_aws_secret_backend_role.deploy.role_arns = ['${aws_iam_role.read.arn}', '${aws_iam_role.deploy.arn}'];
        j.resource.tfe_variable.aws_plan_role.value = '${vault_aws_secret_backend_role.deploy.name}';
        j.resource.tfe_variable.aws_plan_arn.value = '${aws_iam_role.read.arn}';
        j.resource.tfe_variable.aws_apply_arn.value = '${aws_iam_role.deploy.arn}';
      });
      expect(found(json)).toEqual([expect.stringMatching(/^workspace app-prod \(project Apps\) AWS: .*"app-deploy \(\$\{aws_iam_role\.read\.arn\}\)", apply runs from "app-deploy \(\$\{aws_iam_role\.deploy\.arn\}\)".*\(AdministratorAccess against ReadOnlyAccess\)/)]);
    });
  });

  describe('GCP', () => {
    test('plan roles/owner, apply roles/viewer on the same project', () => {
      expect(found(soundWith((j) => gcp(j, [[PROJECT, ['roles/owner']]], [[PROJECT, ['roles/viewer', 'roles/storage.admin']]])))).toEqual([
        expect.stringMatching(
          /^workspace app-prod \(project Apps\) GCP: plan runs read GCP credentials from engine role "app-read", apply runs from "app-deploy", .*\(roles\/owner against roles\/viewer on \/\/cloudresourcemanager\.googleapis\.com\/projects\/acme-app\)/,
        ),
      ]);
    });

    test('the right way round, other projects, and unranked roles are silent', () => {
      expect(found(soundWith((j) => gcp(j, [[PROJECT, ['roles/viewer']]], [[PROJECT, ['roles/editor']]])))).toEqual([]);
      expect(found(soundWith((j) => gcp(j, [[PROJECT, ['roles/owner']]], [[OTHER_PROJECT, ['roles/viewer']]])))).toEqual([]);
      expect(found(soundWith((j) => gcp(j, [[PROJECT, ['roles/owner']]], [[PROJECT, ['roles/compute.admin']]])))).toEqual([]);
    });

    test('per resource: broader on one project is found even where the other is fine', () => {
      const plan: Array<[string, string[]]> = [[PROJECT, ['roles/viewer']], [OTHER_PROJECT, ['roles/editor']]];
      const json = soundWith((j) => gcp(j, plan, [[PROJECT, ['roles/owner']], [OTHER_PROJECT, ['roles/viewer']]]));
      expect(found(json)).toEqual([expect.stringContaining(`(roles/editor against roles/viewer on ${OTHER_PROJECT})`)]);
    });
  });

  describe('Azure', () => {
    test('plan Owner, apply Reader on the subscription; the role definition id counts as its name', () => {
      expect(found(soundWith((j) => azure(j, [{ role_name: 'Owner', scope: SUBSCRIPTION }], [{ role_name: 'Reader', scope: SUBSCRIPTION }])))).toEqual([
        expect.stringContaining('"app-read", apply runs from "app-deploy", and the plan side holds the broader built-in role (Owner against Reader on'),
      ]);
      const byId = soundWith((j) =>
        azure(
          j,
          [{ role_id: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`, scope: SUBSCRIPTION }],
          [{ role_name: 'Reader', scope: SUBSCRIPTION }],
        ),
      );
      expect(found(byId)).toEqual([expect.stringContaining('(Contributor against Reader on')]);
    });

    test('the right way round and other scopes are silent', () => {
      const reader = [{ role_name: 'Reader', scope: SUBSCRIPTION }];
      expect(found(soundWith((j) => azure(j, reader, [{ role_name: 'Contributor', scope: SUBSCRIPTION }])))).toEqual([]);
      expect(found(soundWith((j) => azure(j, [{ role_name: 'Owner', scope: `${SUBSCRIPTION}/resourceGroups/a` }], reader)))).toEqual([]);
    });
  });

  test('mixed: each cloud compared on its own, AWS right way round, GCP swapped, Azure equal', () => {
    const json = soundWith((j) => {
      iamRoles(j, [READ_ONLY], [ADMIN]);
      gcp(j, [[PROJECT, ['roles/editor']]], [[PROJECT, ['roles/viewer']]]);
      azure(j, [{ role_name: 'Contributor', scope: SUBSCRIPTION }], [{ role_name: 'Contributor', scope: SUBSCRIPTION }]);
    });
    expect(found(json)).toEqual([expect.stringMatching(/^workspace app-prod \(project Apps\) GCP: .*roles\/editor against roles\/viewer/)]);
    // In the whole report it is a warning that fails --fail-on warning.
    const report = explain(json);
    expect(report.findings.filter((f) => f.rule === 'plan-broader-than-apply').map((f) => f.severity)).toEqual(['warning']);
  });

  test('the ladders', () => {
    expect(builtInRank('aws', 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess')).toEqual({ name: 'AdministratorAccess', rank: 2 });
    expect(builtInRank('aws', 'arn:aws:iam::111111111111:policy/AdministratorAccess')).toBeUndefined();
    expect(builtInRank('gcp', 'roles/editor')).toEqual({ name: 'roles/editor', rank: 1 });
    expect(builtInRank('azure', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')).toEqual({ name: 'Reader', rank: 0 });
    expect(builtInExcess('aws', [{ scope: '*', role: ADMIN }], [{ scope: '111111111111', role: READ_ONLY }])).toEqual([
      { scope: '*', plan: 'AdministratorAccess', apply: 'ReadOnlyAccess' },
    ]);
  });
});
