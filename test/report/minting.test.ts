/**
 * Which capabilities obtain credentials, per engine (the attacker's view): read everywhere; update also on AWS
 * creds/sts and GCP roleset token/key, which the engines serve on POST/PUT; never on Azure creds (GET only).
 */
import { reachableCredentials, workspaceRunClaims } from '../../packages/report/src/simulate';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { soundWith } from './support';

const RUN = { organization: 'acme', project: 'Apps', workspace: 'app-prod', workspaceId: '${tfe_workspace.app_prod.id}', runPhase: 'plan' } as const;

/** The sound setup plus a GCP roleset and an Azure role in namespace ops, and one more rule in the plan policy. */
function withRule(path: string, capabilities: string[]): TerraformConfiguration {
  return new TerraformConfiguration(
    soundWith((j) => {
      j.resource.vault_gcp_secret_backend = { gcp: { namespace: 'ops', path: 'gcp' } };
      j.resource.vault_gcp_secret_roleset = {
        deploy: { namespace: 'ops', backend: '${vault_gcp_secret_backend.gcp.path}', roleset: 'deploy', secret_type: 'access_token', project: 'p' },
      };
      j.resource.vault_azure_secret_backend = { azure: { namespace: 'ops', path: 'azure' } };
      j.resource.vault_azure_secret_backend_role = { deploy: { namespace: 'ops', backend: '${vault_azure_secret_backend.azure.path}', role: 'deploy' } };
      j.resource.vault_policy.plan.policy += `path "${path}" {\n  capabilities = ${JSON.stringify(capabilities)}\n}\n`;
    }),
  );
}

const reached = (config: TerraformConfiguration, path: string) =>
  reachableCredentials(config, (aud) => workspaceRunClaims(RUN, aud)).filter((r) => r.path === path).map((r) => `${r.roleAddress} ${r.capability}`);

describe('capabilities that obtain credentials', () => {
  test.each<[string, string, string[], string[]]>([
    ['GCP roleset token with update', 'gcp/roleset/deploy/token', ['update'], ['vault_jwt_auth_backend_role.plan update']],
    ['GCP roleset token with read', 'gcp/roleset/deploy/token', ['read'], ['vault_jwt_auth_backend_role.plan read']],
    ['the deprecated gcp/token/<roleset> path issues the same token', 'gcp/token/deploy', ['update'], ['vault_jwt_auth_backend_role.plan update']],
    ['GCP roleset token with list only', 'gcp/roleset/deploy/token', ['list'], []],
    ['Azure creds with update: the engine serves GET only', 'azure/creds/deploy', ['update', 'create'], []],
    ['Azure creds with read', 'azure/creds/deploy', ['read'], ['vault_jwt_auth_backend_role.plan read']],
    ['AWS creds with update', 'aws/creds/app-deploy', ['update'], ['vault_jwt_auth_backend_role.plan update']],
  ])('%s', (_label, path, capabilities, expected) => {
    expect(reached(withRule(path, capabilities), path)).toEqual(expected);
  });
});
