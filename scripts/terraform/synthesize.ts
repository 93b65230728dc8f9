/**
 * Writes every Terraform configuration this repository synthesizes or renders into one folder each, for
 * scripts/check-terraform.js to hand to the Terraform CLI: the example app (examples/*.ts), every complete README
 * program, a generated fleet, one app per construct kind, and the HCL that `HclEject` renders of each of them.
 *
 * Usage: tsx scripts/terraform/synthesize.ts <out-dir>. Writes <out-dir>/<name>/cdk.tf.json or <out-dir>/<name>/main.tf
 * and, last, <out-dir>/manifest.json: [{ name, dir, format, resources, dataSources, imports }].
 * Runs in one process; every stack is synthesized with its validations on.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import {
  AwsRunRole,
  AwsSecretsEngineUser,
  AzureSecretsEngineRoleAssignment,
  CredentialVariableSet,
  DynamicCredentialsConsumer,
  GcpSecretsEngineServiceAccount,
  GcpSecretType,
  HclEject,
  HcpTerraformJwtAuthMount,
  HcpTerraformLookups,
  RunPhase,
  VaultBackedDynamicCredentials,
  WorkloadRole,
  WorkspaceSelector,
} from '../../lib';
import { buildExampleApp } from '../../examples/main';
import { buildLibraryFleet } from '../../bench/fleet';

const root = path.resolve(__dirname, '..', '..');
const FLEET_GRANTS = 25;
const ORG = 'acme';
const VAULT = 'https://vault.acme.example:8200';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const SUBSCRIPTION = '00000000-0000-4000-8000-000000000001';
const TENANT = '00000000-0000-4000-8000-000000000002';
const RESOURCE_GROUP = `/subscriptions/${SUBSCRIPTION}/resourceGroups/platform`;

export interface WrittenConfiguration {
  readonly name: string;
  readonly dir: string;
  readonly format: 'json' | 'hcl';
  readonly resources: number;
  readonly dataSources: number;
  readonly imports: number;
}

type Json = Record<string, Record<string, Record<string, unknown>> | unknown[] | undefined>;

function count(section: unknown): number {
  if (section === undefined || section === null || typeof section !== 'object') return 0;
  return Object.values(section).reduce<number>((n, named) => n + Object.keys(named as object).length, 0);
}

class Writer {
  public readonly written: WrittenConfiguration[] = [];
  constructor(private readonly out: string) {}

  public json(name: string, json: Json): void {
    const dir = this.dir(name);
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
    this.written.push({ name, dir, format: 'json', ...this.counts(json) });
  }

  public hcl(name: string, hcl: string, json: Json): void {
    const dir = this.dir(name);
    fs.writeFileSync(path.join(dir, 'main.tf'), hcl);
    this.written.push({ name, dir, format: 'hcl', ...this.counts(json) });
  }

  /** The stacks of a synthesized app, read back from its output folder, and their ejected HCL. */
  public app(prefix: string, app: App, outdir: string): void {
    app.synth();
    for (const stack of app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)) {
      const file = path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
      this.json(`${prefix}${stack.node.id}`, json);
      this.hcl(`${prefix}${stack.node.id}.eject`, HclEject.render(stack), json);
    }
  }

  private dir(name: string): string {
    const dir = path.join(this.out, name.replace(/[^A-Za-z0-9_.-]+/g, '_'));
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  private counts(json: Json): { resources: number; dataSources: number; imports: number } {
    return { resources: count(json.resource), dataSources: count(json.data), imports: Array.isArray(json.import) ? json.import.length : 0 };
  }
}

/** Vault and tfe providers as a trust stack has them. */
function trustStack(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new VaultProvider(stack, 'vault', { address: VAULT, skipChildToken: true });
  new TfeProvider(stack, 'tfe', {});
  return stack;
}

function trust(stack: TerraformStack): VaultBackedDynamicCredentials {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: ORG, organizationId: 'org-AbCdEfGh12345678', vaultAddress: VAULT });
}

/** One app per construct kind, each a small stack that uses it the documented way. */
const KINDS: Record<string, (app: App) => void> = {
  // AWS engine without a stored key (plugin workload identity), all three role kinds, tagged configurations.
  'aws-engine-and-roles': (app) => {
    const stack = trustStack(app, 'aws-engine-and-roles');
    const t = trust(stack);
    const aws = t.addAwsSecretsEngine('aws', {
      region: 'eu-west-1',
      workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'arn:aws:iam::111111111111:role/vault-aws-engine' },
    });
    const read = aws.addAssumedRole('read', { roleArns: ['arn:aws:iam::111111111111:role/read'] });
    const deploy = aws.addAssumedRole('deploy', { roleArns: ['arn:aws:iam::111111111111:role/deploy'] });
    // IAM users and federation tokens need an engine whose root credentials belong to an IAM user.
    const legacyEngine = t.addAwsSecretsEngine('aws-legacy', {
      path: 'aws-legacy',
      region: 'eu-west-1',
      rootCredentials: {
        accessKeyId: new TerraformVariable(stack, 'legacy_access_key_id', { type: 'string' }),
        secretAccessKey: new TerraformVariable(stack, 'legacy_secret_access_key', { type: 'string', sensitive: true }),
      },
    });
    const legacyRead = legacyEngine.addIamUser('legacy-read', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
    const legacyWrite = legacyEngine.addIamUser('legacy-write', { policyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] });
    const federated = legacyEngine.addFederationToken('federated', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
    t.grantWorkspaces('payments', {
      project: 'Payments',
      projectId: 'prj-AbCdEfGh12345678',
      workspaces: WorkspaceSelector.names('payments-prod'),
      aws: { plan: read, apply: deploy },
      additionalConfigurations: [{ tag: 'LEGACY', aws: { plan: legacyRead, apply: legacyWrite } }],
    });
    t.grantWorkspaces('reports', {
      project: 'Payments',
      workspaces: WorkspaceSelector.names('reports'),
      aws: { plan: federated, apply: federated },
      sharedRunRole: true,
    });
    t.grantWorkspaces('sandbox', { project: 'Sandbox', workspaces: WorkspaceSelector.allInProject(), aws: { plan: read, apply: read }, sharedRunRole: true });
    new TerraformOutput(stack, 'vault_pipeline_policy', { value: t.pipelinePolicy });
  },
  // GCP: the engine's service account (workload identity federation), rolesets and static accounts.
  'gcp-engine-and-roles': (app) => {
    const stack = trustStack(app, 'gcp-engine-and-roles');
    new GoogleProvider(stack, 'google', { project: 'acme-data' });
    const t = trust(stack);
    const account = new GcpSecretsEngineServiceAccount(stack, 'gcp-engine-account', {
      project: 'acme-data',
      workloadIdentityMembers: ['principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/vault/subject/vault'],
    });
    const gcp = t.addGcpSecretsEngine('gcp', {
      workloadIdentity: {
        identityTokenAudience: 'https://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/vault/providers/vault',
        serviceAccountEmail: account.email,
      },
      dependsOn: account.projectRoles,
    });
    const viewer = gcp.addRoleset('viewer', {
      project: 'acme-data',
      secretType: GcpSecretType.ACCESS_TOKEN,
      tokenScopes: [SCOPE],
      bindings: [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-data', roles: ['roles/viewer'] }],
    });
    const deployer = gcp.addRoleset('deployer', {
      project: 'acme-data',
      secretType: GcpSecretType.ACCESS_TOKEN,
      tokenScopes: [SCOPE],
      bindings: [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-data', roles: ['roles/editor'] }],
    });
    t.grantWorkspaces('data', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: { plan: viewer, apply: deployer } });
    const key = GcpSecretType.SERVICE_ACCOUNT_KEY;
    const reader = gcp.addStaticAccount('reader', { serviceAccountEmail: 'reader@acme-data.iam.gserviceaccount.com', secretType: key });
    const writer = gcp.addStaticAccount('writer', { serviceAccountEmail: 'writer@acme-data.iam.gserviceaccount.com', secretType: key });
    t.grantWorkspaces('warehouse', { project: 'Data', workspaces: WorkspaceSelector.names('warehouse'), gcp: { plan: reader, apply: writer } });
  },
  // Azure: the engine with client credentials, roles, and the role assignment the engine's principal needs.
  'azure-engine-and-roles': (app) => {
    const stack = trustStack(app, 'azure-engine-and-roles');
    new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: SUBSCRIPTION });
    const t = trust(stack);
    const secret = new TerraformVariable(stack, 'azure_engine_client_secret', { type: 'string', sensitive: true });
    const azure = t.addAzureSecretsEngine('azure', {
      subscriptionId: SUBSCRIPTION,
      tenantId: TENANT,
      clientCredentials: { clientId: '00000000-0000-4000-8000-000000000003', clientSecret: secret },
    });
    new AzureSecretsEngineRoleAssignment(stack, 'engine-assignment', {
      scope: RESOURCE_GROUP,
      principalId: '00000000-0000-4000-8000-000000000004',
      assignableRoleDefinitionIds: ['acdd72a7-3385-48ef-bd42-f606fba81ae7'],
    });
    const reader = azure.addRole('reader', { azureRoles: [{ roleName: 'Reader', scope: RESOURCE_GROUP }], ttlSeconds: 3600 });
    const contributor = azure.addRole('contributor', { azureRoles: [{ roleName: 'Contributor', scope: RESOURCE_GROUP }], ttlSeconds: 3600 });
    t.grantWorkspaces('platform', { project: 'Platform', workspaces: WorkspaceSelector.names('platform-prod'), azure: { plan: reader, apply: contributor } });
  },
  // AWS cloud side: the engine's IAM user and run roles trusting it.
  'aws-identities': (app) => {
    const stack = trustStack(app, 'aws-identities');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const user = new AwsSecretsEngineUser(stack, 'engine-user', { assumableRoleArns: ['arn:aws:iam::111111111111:role/platform-plan'] });
    const plan = new AwsRunRole(stack, 'plan', {
      roleName: 'platform-plan',
      engineUser: user,
      externalId: 'acme-plan',
      managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
    const apply = new AwsRunRole(stack, 'apply', {
      roleName: 'platform-apply',
      engineUser: user,
      inlinePolicies: { deploy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }] }) },
    });
    const t = trust(stack);
    const aws = t.addAwsSecretsEngine('aws', {
      region: 'eu-west-1',
      rootCredentials: {
        accessKeyId: new TerraformVariable(stack, 'aws_engine_access_key_id', { type: 'string' }),
        secretAccessKey: new TerraformVariable(stack, 'aws_engine_secret_access_key', { type: 'string', sensitive: true }),
      },
    });
    t.grantWorkspaces('platform', {
      project: 'Platform',
      workspaces: WorkspaceSelector.names('platform-prod'),
      aws: {
        plan: aws.addAssumedRole('plan', { roleArns: [plan.arn], externalId: 'acme-plan' }),
        apply: aws.addAssumedRole('apply', { roleArns: [apply.arn] }),
      },
    });
  },
  // Stack deployments and registry module tests.
  'stack-and-module-test-grants': (app) => {
    const stack = trustStack(app, 'stack-and-module-test-grants');
    const t = trust(stack);
    const aws = t.addAwsSecretsEngine('aws', {
      region: 'eu-west-1',
      workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'arn:aws:iam::111111111111:role/vault-aws-engine' },
    });
    const read = aws.addAssumedRole('read', { roleArns: ['arn:aws:iam::111111111111:role/read'] });
    const admin = aws.addAssumedRole('admin', { roleArns: ['arn:aws:iam::111111111111:role/admin'] });
    const grant = t.grantStackDeployments('network', {
      project: 'Platform',
      stack: 'network',
      deployments: ['staging', 'production'],
      planCredentials: [read],
      applyCredentials: [admin],
    });
    new TerraformOutput(stack, 'stack_provider_configuration', { value: grant.providerConfiguration });
    t.grantModuleTests('vpc', { module: 'vpc', moduleProvider: 'aws', aws: read });
    t.grantModuleTests('all-aws', { module: 'network', moduleProvider: 'aws', allModulesOfProvider: true, aws: read });
  },
  // The building blocks on their own: mount, one workload role, a variable set, lookups.
  'standalone-constructs': (app) => {
    const stack = trustStack(app, 'standalone-constructs');
    const authMount = new HcpTerraformJwtAuthMount(stack, 'jwt');
    const lookups = new HcpTerraformLookups(stack, 'lookups', { organization: ORG });
    const project = lookups.lookupProject('Platform');
    const t = new VaultBackedDynamicCredentials(stack, 'trust', { organization: ORG, vaultAddress: VAULT, authMount });
    const aws = t.addAwsSecretsEngine('aws', {
      region: 'eu-west-1',
      workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'arn:aws:iam::111111111111:role/vault-aws-engine' },
    });
    new WorkloadRole(stack, 'extra', {
      authMount,
      organization: ORG,
      project: 'Platform',
      workspaces: WorkspaceSelector.names('app'),
      runPhases: [RunPhase.PLAN, RunPhase.APPLY],
      credentials: [aws.addAssumedRole('extra', { roleArns: ['arn:aws:iam::111111111111:role/extra'] })],
      roleName: 'tfc-app-extra',
    });
    new CredentialVariableSet(stack, 'vars', {
      organization: ORG,
      name: 'app-vault',
      project: 'Platform',
      workspaces: WorkspaceSelector.names('app'),
      variables: [{ key: 'TFC_VAULT_PROVIDER_AUTH', value: 'true' }],
    });
    new TerraformOutput(stack, 'platform_project_id', { value: project.id });
  },
  // The configuration that runs in a workspace with tagged configurations.
  consumer: (app) => {
    const stack = new TerraformStack(app, 'consumer');
    const creds = new DynamicCredentialsConsumer(stack, 'credentials');
    new VaultProvider(stack, 'vault', creds.vaultProviderConfig());
    new VaultProvider(stack, 'vault-second', creds.vaultProviderConfig('SECOND'));
    new VaultProvider(stack, 'vault-private', creds.vaultProviderConfig('PRIVATE', { privateCa: true }));
    new AwsProvider(stack, 'aws', creds.aws.providerConfig('eu-west-1'));
    new AwsProvider(stack, 'aws-prod', creds.aws.providerConfig('eu-west-1', 'PROD'));
    new GoogleProvider(stack, 'google', creds.google.providerConfig('acme-data'));
    new AzurermProvider(stack, 'azurerm', creds.azure.azurermProviderConfig(SUBSCRIPTION, TENANT));
    new AzurermProvider(stack, 'azurerm-other', creds.azure.azurermProviderConfig('00000000-0000-4000-8000-000000000009', TENANT, 'OTHER'));
  },
};

/**
 * README blocks that are whole programs: they import what they use, build their stacks (`new TerraformStack`, or
 * classes that extend it, as the multi-stack layout does) and call `app.synth()`. (The eject block synthesizes the
 * reader's own stack class; `HclEject` is run on every stack here.)
 */
export function readmePrograms(): Array<{ line: number; code: string }> {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/```(?:ts|typescript)(?: [^\n]*)?\n([\s\S]*?)```/g)]
    .map((m) => ({ line: readme.slice(0, m.index).split('\n').length + 1, code: m[1] }))
    .filter((b) => /^import\s/m.test(b.code) && /\bnew TerraformStack\(|\bextends TerraformStack\b/.test(b.code) && /\bapp\.synth\(\)/.test(b.code));
}

/** Runs a README program with its output in `outdir`; the library resolves to this checkout's sources. */
function runReadmeProgram(code: string, file: string, outdir: string): void {
  const specifiers: Record<string, string> = {
    'cdktf-vault-backed-credentials': path.join(root, 'lib', 'index.ts'),
    'cdktf-vault-backed-credentials/report': path.join(root, 'lib', 'report.ts'),
    'cdktf-vault-backed-credentials/testing': path.join(root, 'lib', 'testing.ts'),
  };
  const source = code.replace(/from '([^']+)'/g, (_m, spec: string) => `from ${JSON.stringify(specifiers[spec] ?? require.resolve(spec, { paths: [root] }))}`);
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const { outputText } = ts.transpileModule(source, { compilerOptions });
  fs.writeFileSync(file, outputText);
  const before = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    // A README program is loaded by path at run time; a static import cannot name it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
  } finally {
    if (before === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = before;
  }
}

export function synthesizeAll(out: string): WrittenConfiguration[] {
  const writer = new Writer(out);
  const apps = path.join(out, '.apps');
  fs.mkdirSync(apps, { recursive: true });

  // The example app as `npm run synth` builds it (cdktf.json runs examples/main.ts): every example stack.
  writer.app('example-', buildExampleApp(path.join(apps, 'examples')), path.join(apps, 'examples'));

  for (const [name, build] of Object.entries(KINDS)) {
    const outdir = path.join(apps, name);
    const app = new App({ outdir });
    build(app);
    writer.app('kind-', app, outdir);
  }

  const fleetOut = path.join(apps, 'fleet');
  const fleetApp = new App({ outdir: fleetOut });
  buildLibraryFleet(fleetApp, FLEET_GRANTS);
  writer.app(`fleet${FLEET_GRANTS}-`, fleetApp, fleetOut);

  for (const block of readmePrograms()) {
    const outdir = path.join(apps, `readme-${block.line}`);
    runReadmeProgram(block.code, path.join(apps, `readme-line-${block.line}.js`), outdir);
    for (const stackName of fs.readdirSync(path.join(outdir, 'stacks'))) {
      writer.json(`readme-line-${block.line}-${stackName}`, JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stackName, 'cdk.tf.json'), 'utf8')) as Json);
    }
  }
  return writer.written;
}

if (require.main === module) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: tsx scripts/terraform/synthesize.ts <out-dir>');
    process.exit(2);
  }
  const written = synthesizeAll(path.resolve(out));
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(written, null, 2));
}
