/**
 * Hand-written baseline of the benchmark: the very same fleet as bench/fleet.ts, written directly with the provider
 * classes (imported from their submodule paths), with no library code at all. Plain `Construct` scopes reproduce the
 * library's construct paths, so logical ids, and therefore the synthesized JSON, are byte-identical
 * (test/bench/baseline-equivalence.test.ts checks that).
 */
import { DataTfeOrganization } from '@cdktf/provider-tfe/lib/data-tfe-organization';
import { DataTfeProject } from '@cdktf/provider-tfe/lib/data-tfe-project';
import { DataTfeProjects } from '@cdktf/provider-tfe/lib/data-tfe-projects';
import { DataTfeWorkspace } from '@cdktf/provider-tfe/lib/data-tfe-workspace';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { VariableSet } from '@cdktf/provider-tfe/lib/variable-set';
import { WorkspaceVariableSet } from '@cdktf/provider-tfe/lib/workspace-variable-set';
import { AwsSecretBackend } from '@cdktf/provider-vault/lib/aws-secret-backend';
import { AwsSecretBackendRole } from '@cdktf/provider-vault/lib/aws-secret-backend-role';
import { AzureSecretBackend } from '@cdktf/provider-vault/lib/azure-secret-backend';
import { AzureSecretBackendRole } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import { GcpSecretBackend } from '@cdktf/provider-vault/lib/gcp-secret-backend';
import { GcpSecretRoleset } from '@cdktf/provider-vault/lib/gcp-secret-roleset';
import { JwtAuthBackend } from '@cdktf/provider-vault/lib/jwt-auth-backend';
import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { createHash } from 'crypto';
import { App, DefaultTokenResolver, Op, StringConcat, TerraformSelf, TerraformStack, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import {
  AWS_REGION,
  AZURE_ENGINE_CLIENT_ID,
  AZURE_RESOURCE_GROUP,
  AZURE_SUBSCRIPTION_ID,
  AZURE_TENANT_ID,
  fleetStack,
  GCP_PROJECT,
  GCP_PROJECT_RESOURCE,
  GCP_SCOPE,
  GrantHook,
  grantSpec,
  ORGANIZATION,
  VAULT_ADDRESS,
  VAULT_NAMESPACE,
} from './spec';

const ns = VAULT_NAMESPACE;

/** `path "<p>" { capabilities = ["<c>"] }` stanzas, sorted by path, as Vault policy HCL. */
function policyText(readPaths: string[]): string {
  const rules: Array<[string, string]> = [
    ['auth/token/lookup-self', 'read'],
    ['auth/token/renew-self', 'update'],
    ['auth/token/revoke-self', 'update'],
    ...readPaths.map((p): [string, string] => [p, 'read']),
  ];
  rules.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return rules.map(([path, capability]) => `path "${path}" {\n  capabilities = ["${capability}"]\n}\n`).join('\n');
}

interface SharedSpec {
  readonly key: string;
  readonly value: string;
  readonly description: string;
  readonly sensitive: boolean;
}

/**
 * The set that carries the settings every grant gives alike: named from a digest of the trust's path, the set's
 * placement and the values as Terraform reads them, so the name is stable and unique to this trust.
 */
function sharedSet(trust: Construct, specs: SharedSpec[]): { scope: Construct; id: string } {
  const resolver = new DefaultTokenResolver(new StringConcat());
  const canonical = specs.map((v) => [v.key, String(Tokenization.resolve(v.value, { scope: trust, resolver })), v.sensitive, v.description]);
  const key = JSON.stringify({ trust: trust.node.path, placement: { scope: 'workspace', priority: false }, canonical });
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 10);
  const scope = new Construct(trust, `shared-${hash}`);
  const set = new VariableSet(scope, 'set', {
    name: `vault-backed-shared-${hash}`,
    organization: ORGANIZATION,
    description: `Vault-backed dynamic credentials: the settings the grants of ${trust.node.path} share (Vault login, engine mounts and types); `
      + 'attached to exactly the workspaces of those grants, each of which holds its own roles in its own set.',
  });
  const id = set.id;
  for (const spec of specs) {
    new Variable(scope, spec.key, {
      key: spec.key,
      value: spec.value,
      category: 'env',
      sensitive: spec.sensitive ? true : undefined,
      description: spec.description,
      variableSetId: id,
    });
  }
  return { scope, id };
}

export function buildBaselineFleet(app: App, grants: number, afterGrant?: GrantHook): TerraformStack {
  const { stack, inputs } = fleetStack(app);
  const trust = new Construct(stack, 'trust');

  const auth = new JwtAuthBackend(new Construct(trust, 'auth'), 'backend', {
    path: 'jwt',
    type: 'jwt',
    description: 'JWT auth for HCP Terraform workload identity tokens from app.terraform.io',
    oidcDiscoveryUrl: 'https://app.terraform.io',
    boundIssuer: 'https://app.terraform.io',
    namespace: ns,
  });
  const lookupScope = new Construct(trust, 'lookups');
  const projects = new Map<string, DataTfeProject>();
  let organizationCheck: DataTfeOrganization | undefined;
  let projectList: DataTfeProjects | undefined;
  const checkedProjects: string[] = [];

  const awsScope = new Construct(trust, 'aws');
  const awsBackend = new AwsSecretBackend(awsScope, 'backend', {
    path: 'aws',
    namespace: ns,
    description: 'AWS credentials for HCP Terraform runs',
    region: AWS_REGION,
    accessKey: inputs.awsAccessKeyId.stringValue,
    secretKey: inputs.awsSecretAccessKey.stringValue,
  });
  const gcpScope = new Construct(trust, 'gcp');
  const gcpBackend = new GcpSecretBackend(gcpScope, 'backend', {
    path: 'gcp',
    namespace: ns,
    description: 'GCP credentials for HCP Terraform runs',
    credentials: inputs.gcpCredentials.stringValue,
  });
  const azureScope = new Construct(trust, 'azure');
  const azureBackend = new AzureSecretBackend(azureScope, 'backend', {
    path: 'azure',
    namespace: ns,
    description: 'Azure credentials for HCP Terraform runs',
    subscriptionId: AZURE_SUBSCRIPTION_ID,
    tenantId: AZURE_TENANT_ID,
    clientId: AZURE_ENGINE_CLIENT_ID,
    clientSecret: inputs.azureClientSecret.stringValue,
  });

  const awsRole = (name: string, arn: string) =>
    new AwsSecretBackendRole(new Construct(awsScope, name), 'role', {
      backend: awsBackend.path,
      name,
      namespace: ns,
      credentialType: 'assumed_role',
      roleArns: [arn],
    });
  const roleset = (name: string, roles: string[]) =>
    new GcpSecretRoleset(new Construct(gcpScope, name), 'roleset', {
      backend: gcpBackend.path,
      namespace: ns,
      roleset: name,
      project: GCP_PROJECT,
      secretType: 'access_token',
      tokenScopes: [GCP_SCOPE],
      binding: [{ resource: GCP_PROJECT_RESOURCE, roles }],
    });
  const azureRole = (name: string, roleName: string) =>
    new AzureSecretBackendRole(new Construct(azureScope, name), 'role', {
      backend: azureBackend.path,
      namespace: ns,
      role: name,
      azureRoles: [{ scope: AZURE_RESOURCE_GROUP, roleName }],
      ttl: '3600',
    });

  // Every grant gives the same Vault login and engine settings; from the second grant on, one set carries them.
  const sharing = grants >= 2;
  const sharedSpecs: SharedSpec[] = [];
  const pendingAttachments: Array<{ id: string; workspaces: string[]; lookups: DataTfeWorkspace[] }> = [];
  let shared: { scope: Construct; id: string } | undefined;
  for (let i = 0; i < grants; i++) {
    const g = grantSpec(i);
    const awsPlan = awsRole(g.aws.plan, g.aws.planArn);
    const awsApply = awsRole(g.aws.apply, g.aws.applyArn);
    const gcpPlan = roleset(g.gcp.plan, g.gcp.planRoles);
    const gcpApply = roleset(g.gcp.apply, g.gcp.applyRoles);
    const azurePlan = azureRole(g.azure.plan, g.azure.planRole);
    const azureApply = azureRole(g.azure.apply, g.azure.applyRole);

    const grantScope = new Construct(trust, g.id);
    const workspaces = [...g.workspaces].sort();
    const jwtRole = (phase: 'plan' | 'apply', readPaths: string[]) => {
      const scope = new Construct(grantScope, phase);
      const name = `tfc-${g.id}-${phase}`;
      const policy = new Policy(scope, 'policy', { name, namespace: ns, policy: policyText(readPaths) });
      return new JwtAuthBackendRole(scope, 'role', {
        backend: auth.path,
        namespace: ns,
        roleName: name,
        roleType: 'jwt',
        boundAudiences: ['vault.workload.identity'],
        boundClaimsType: 'string',
        boundClaims: {
          sub: workspaces.map((w) => `organization:${ORGANIZATION}:project:${g.project}:workspace:${w}:run_phase:${phase}`).join(','),
        },
        userClaim: 'terraform_full_workspace',
        claimMappings: {
          terraform_run_id: 'run_id',
          terraform_workspace_id: 'workspace_id',
          terraform_workspace_name: 'workspace_name',
          terraform_run_phase: 'run_phase',
        },
        tokenPolicies: [policy.name],
        tokenTtl: 1200,
        tokenType: 'service',
      });
    };
    const planRole = jwtRole('plan', [`aws/sts/${g.aws.plan}`, `gcp/roleset/${g.gcp.plan}/token`, `azure/creds/${g.azure.plan}`]);
    const applyRole = jwtRole('apply', [`aws/sts/${g.aws.apply}`, `gcp/roleset/${g.gcp.apply}/token`, `azure/creds/${g.azure.apply}`]);

    const setScope = new Construct(grantScope, 'variables');
    const set = new VariableSet(setScope, 'set', {
      name: `vault-backed-${g.id}`,
      organization: ORGANIZATION,
      description: `Vault-backed dynamic credentials for workspaces of project ${g.project}.`,
    });
    // With two grants or more, the settings every grant gives alike live in one shared set (below).
    const own = (key: string, value: string, description: string) =>
      new Variable(setScope, key, { key, value, category: 'env', description, variableSetId: set.id });
    const common = (key: string, value: string, description: string, sensitive?: boolean) => {
      if (!sharing) new Variable(setScope, key, { key, value, category: 'env', sensitive, description, variableSetId: set.id });
      if (i === 0) sharedSpecs.push({ key, value, description, sensitive: sensitive === true });
    };
    common('TFC_VAULT_PROVIDER_AUTH', 'true', 'Turns on Vault workload identity login for this run.');
    common('TFC_VAULT_ADDR', VAULT_ADDRESS, 'Address of the Vault cluster the run logs in to.', true);
    common('TFC_VAULT_NAMESPACE', ns, 'Vault namespace that holds the JWT auth mount, its roles and the secrets engines.');
    own('TFC_VAULT_PLAN_ROLE', planRole.roleName, 'Vault JWT role used during the plan phase.');
    own('TFC_VAULT_APPLY_ROLE', applyRole.roleName, 'Vault JWT role used during the apply phase.');
    common('TFC_VAULT_BACKED_AWS_AUTH', 'true', 'Turns on Vault-backed AWS credentials for this run.');
    common('TFC_VAULT_BACKED_AWS_AUTH_TYPE', 'assumed_role', 'Credential type the Vault AWS secrets engine role issues.');
    own('TFC_VAULT_BACKED_AWS_PLAN_VAULT_ROLE', awsPlan.name, 'Vault AWS secrets engine role used during the plan phase.');
    own('TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE', awsApply.name, 'Vault AWS secrets engine role used during the apply phase.');
    own('TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN', g.aws.planArn, 'IAM role ARN used during the plan phase.');
    own('TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN', g.aws.applyArn, 'IAM role ARN used during the apply phase.');
    common('TFC_VAULT_BACKED_AWS_MOUNT_PATH', awsBackend.path, 'Path of the Vault AWS secrets engine mount.');
    common('TFC_VAULT_BACKED_GCP_AUTH', 'true', 'Turns on Vault-backed GCP credentials for this run.');
    common('TFC_VAULT_BACKED_GCP_AUTH_TYPE', 'roleset/access_token', 'Kind of GCP engine role and credential the run requests.');
    own('TFC_VAULT_BACKED_GCP_PLAN_VAULT_ROLESET', gcpPlan.roleset, 'Vault GCP roleset used during the plan phase.');
    own('TFC_VAULT_BACKED_GCP_APPLY_VAULT_ROLESET', gcpApply.roleset, 'Vault GCP roleset used during the apply phase.');
    common('TFC_VAULT_BACKED_GCP_MOUNT_PATH', gcpBackend.path, 'Path of the Vault GCP secrets engine mount.');
    common('TFC_VAULT_BACKED_AZURE_AUTH', 'true', 'Turns on Vault-backed Azure credentials for this run.');
    own('TFC_VAULT_BACKED_AZURE_PLAN_VAULT_ROLE', azurePlan.role, 'Vault Azure secrets engine role used during the plan phase.');
    own('TFC_VAULT_BACKED_AZURE_APPLY_VAULT_ROLE', azureApply.role, 'Vault Azure secrets engine role used during the apply phase.');
    common('TFC_VAULT_BACKED_AZURE_MOUNT_PATH', azureBackend.path, 'Path of the Vault Azure secrets engine mount.');
    // Both Azure roles create service principals, so runs wait for Entra ID replication.
    common('TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS', '60', 'Seconds to wait for a new service principal to become usable.');
    common('ARM_SUBSCRIPTION_ID', azureBackend.subscriptionId, 'Azure subscription the azurerm provider works in.');
    common('ARM_TENANT_ID', azureBackend.tenantId, 'Microsoft Entra tenant of the service principals Vault issues.');

    const lookupsOfGrant: DataTfeWorkspace[] = [];
    for (const workspace of workspaces) {
      let project = projects.get(g.project);
      if (project === undefined) {
        project = new DataTfeProject(lookupScope, `project-${g.project}`, { name: g.project, organization: ORGANIZATION });
        projects.set(g.project, project);
      }
      const lookup = new DataTfeWorkspace(lookupScope, `workspace-${g.project}-${workspace}`, {
        name: workspace,
        organization: ORGANIZATION,
        lifecycle: {
          postcondition: [
            {
              condition: Op.eq(TerraformSelf.getString('project_id'), project.id),
              errorMessage: `Workspace "${workspace}" is not in project "${g.project}". Its runs could never log in to Vault with this grant; `
                + 'move the workspace or fix the grant.',
            },
          ],
        },
      });
      lookupsOfGrant.push(lookup);
      new WorkspaceVariableSet(setScope, `workspace-${workspace}`, { workspaceId: lookup.id, variableSetId: set.id });
    }
    // The shared set appears with the second grant (when sharing first saves objects) and is attached to the
    // workspaces of every grant, the first grant's included.
    if (sharing) {
      pendingAttachments.push({ id: g.id, workspaces, lookups: lookupsOfGrant });
      if (i === 1) shared = sharedSet(trust, sharedSpecs);
      if (shared !== undefined) {
        for (const pending of pendingAttachments.splice(0)) {
          pending.workspaces.forEach((workspace, w) => new WorkspaceVariableSet(shared!.scope, `${pending.id}-workspace-${workspace}`, {
            workspaceId: pending.lookups[w].id,
            variableSetId: shared!.id,
          }));
        }
      }
    }
    // Plan-time checks that the organization and project names are spelled as HCP Terraform stores them.
    if (organizationCheck === undefined) {
      organizationCheck = new DataTfeOrganization(lookupScope, 'organization', {
        name: ORGANIZATION,
        lifecycle: {
          postcondition: [
            {
              condition: `\${self.name == "${ORGANIZATION}"}`,
              errorMessage: `HCP Terraform stores organization "${ORGANIZATION}" as "\${self.name}". Run tokens carry the stored spelling `
                + 'and Vault compares it case-sensitively, so every run would be refused at login: set organization to "${self.name}".',
            },
          ],
        },
      });
      projectList = new DataTfeProjects(lookupScope, 'projects', { organization: ORGANIZATION });
    }
    if (!checkedProjects.includes(g.project)) checkedProjects.push(g.project);
    projectList!.lifecycle = {
      postcondition: [...checkedProjects].sort().map((name) => {
        const same = `[for p in self.projects : p.name if lower(p.name) == lower("${name}")]`;
        return {
          condition: `\${contains(self.projects[*].name, "${name}") || length(${same}) == 0}`,
          errorMessage: `HCP Terraform stores project "${name}" as \${jsonencode(${same})}. Run tokens carry the stored spelling and Vault `
            + 'compares it case-sensitively, so every run of the project would be refused at login: use the stored name.',
        };
      }),
    };
    afterGrant?.(i);
  }
  return stack;
}
