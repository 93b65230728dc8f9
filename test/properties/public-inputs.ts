/**
 * The scenarios, inputs and judgement of the hostile-input property test (public-inputs.property.test.ts and public-inputs-second-half.property.test.ts): see
 * public-inputs.property.test.ts for what it proves. The inputs are split over two test files so that jest
 * runs the halves in parallel; each file checks its half.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { TerraformProvider, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  Acknowledgements, AwsAssumedRole, AwsFederationTokenRole, AwsIamUserRole, AwsRunRole, AwsSecretsEngine, AwsSecretsEngineUser,
  AzureEngineRole, AzureSecretsEngine, AzureSecretsEngineRoleAssignment, AzureadConsumerProviderConfig, CredentialVariableSet,
  DynamicCredentialsConsumer, GcpRoleset, GcpSecretsEngine, GcpSecretsEngineServiceAccount, GcpStaticAccount, HcpTerraformJwtAuthMount,
  HcpTerraformLookups, RunPhase, VaultBackedDynamicCredentials, WorkloadRole, WorkspaceSelector,
} from '../../lib';
import { JsiiTypeRef, libraryAssembly } from '../support/jsii-assembly';

const ARN = 'arn:aws:iam::123456789012:role/runner';
const POLICY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const RESOURCE = '//cloudresourcemanager.googleapis.com/projects/acme-data';
const SA = 'deployer@acme-data.iam.gserviceaccount.com';
const POOL_SUBJECT =
  'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/vault/subject/plugin-identity:root:secret:gcp_1234';
const ENGINE_OBJECT_ID = '66666666-6666-4666-8666-666666666666';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const DEPLOY_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
const TRUST = { organization: 'acme', vaultAddress: 'https://vault.example.com' };
const READER_ROLE = { roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}` };
const ROLESET = { project: 'acme-data', tokenScopes: [SCOPE], bindings: [{ resource: RESOURCE, roles: ['roles/viewer'] }] };
const HERE = { project: 'Platform', workspaces: WorkspaceSelector.names('network') };

/** Structs and parameters no scenario passes, with the reason. */
export const NOT_EXERCISED: Record<string, string> = {
  WorkspaceGrantProps: 'built by the facade from WorkspaceGrantOptions and TrustSettings, both exercised',
  StackDeploymentGrantProps: 'built by the facade from StackDeploymentGrantOptions and TrustSettings, both exercised',
  ModuleTestGrantProps: 'built by the facade from ModuleTestGrantOptions and TrustSettings, both exercised',
  AzureEngineClientCredentials: 'holds a sensitive TerraformVariable and a client id checked as a GUID',
  GcpEngineWriteOnlyCredentials: 'holds the write-only credentials JSON of a secret, which no value should ever be logged from',
  WorkspaceReference: 'references come from tfe resources (tokens), not literals',
  AzureadConsumerProviderConfig: 'returned by AzureConsumer.azureadProviderConfig, never passed in by a user',
  'AwsEngineRole.constructor.id': 'protected: the public AwsAssumedRole, AwsIamUserRole and AwsFederationTokenRole constructors pass their own id',
  'AwsEngineRole.constructor.roleArns': 'protected: receives AwsAssumedRoleProps.roleArns, exercised as a struct prop',
  'GcpEngineRole.constructor.id': 'protected: the public GcpRoleset and GcpStaticAccount constructors pass their own id',
  'WorkspaceGrant.constructor.id': 'built by VaultBackedDynamicCredentials.grantWorkspaces (exercised), which passes its id unchanged',
  'StackDeploymentGrant.constructor.id': 'built by VaultBackedDynamicCredentials.grantStackDeployments (exercised), which passes its id unchanged',
  'ModuleTestGrant.constructor.id': 'built by VaultBackedDynamicCredentials.grantModuleTests (exercised), which passes its id unchanged',
};

type Kind = 'string' | 'number' | 'string[]' | 'map';
/** A struct property (`struct` set) or a parameter (`key` is `Class.method.parameter`, `constructor` for initializers). */
export interface Input {
  readonly key: string;
  readonly name: string;
  readonly kind: Kind;
  readonly struct?: string;
}

const assembly = libraryAssembly();
export const structs = new Map(Object.values(assembly.types ?? {}).filter((t) => t.kind === 'interface' && t.datatype === true).map((t) => [t.name, t]));

/** The struct and its bases, nearest first. */
function ancestry(name: string): string[] {
  return [name, ...(structs.get(name)?.interfaces ?? []).flatMap((fqn) => ancestry(fqn.split('.').pop() ?? fqn))];
}

function kindOf(type: JsiiTypeRef | undefined): Kind | undefined {
  if (type?.primitive === 'string' || type?.primitive === 'number') return type.primitive;
  if (type?.collection?.elementtype.primitive === 'string') return type.collection.kind === 'map' ? 'map' : 'string[]';
  return undefined;
}

export const INPUTS: Input[] = [];
for (const type of Object.values(assembly.types ?? {})) {
  if (structs.has(type.name)) {
    for (const prop of type.properties ?? []) {
      const kind = kindOf(prop.type);
      if (kind) INPUTS.push({ key: `${type.name}.${prop.name}`, name: prop.name, kind, struct: type.name });
    }
  } else if (type.kind === 'class') {
    const callables = [...(type.initializer ? [{ ...type.initializer, name: 'constructor' }] : []), ...(type.methods ?? [])];
    for (const callable of callables) {
      for (const parameter of callable.parameters ?? []) {
        const kind = kindOf(parameter.type);
        // A variadic string parameter is passed as a list of strings.
        if (kind === 'string' || kind === 'number' || kind === 'string[]') {
          INPUTS.push({ key: `${type.name}.${callable.name}.${parameter.name}`, name: parameter.name, kind: parameter.variadic ? 'string[]' : kind });
        }
      }
    }
  }
}

/** Passes a struct literal (keyed by the struct's name) or a parameter (keyed by `Class.method.parameter`) through. */
export type Hook = <T>(key: string, literal: T) => T;
/** Cloud providers a scenario's stack configures, besides Vault and tfe. */
type Cloud = 'aws' | 'google' | 'azurerm';
export interface Scenario {
  readonly name: string;
  /** The structs it builds and the parameters it passes through the hook. */
  readonly keys: string[];
  readonly clouds?: Cloud[];
  readonly build: (stack: TerraformStack, h: Hook) => void;
}

/**
 * A locally generated provider binding stands in for AzureAD (this package has no AzureAD bindings): like every
 * generated provider it writes the arguments it is given.
 */
class AzureadStandIn extends TerraformProvider {
  constructor(scope: Construct, id: string, private readonly config: AzureadConsumerProviderConfig) {
    super(scope, id, { terraformResourceType: 'azuread', terraformGeneratorMetadata: { providerName: 'azuread' } });
    this.alias = config.alias;
  }
  protected synthesizeAttributes(): Record<string, unknown> {
    const { useCli, tenantId, clientIdFilePath, clientSecretFilePath } = this.config;
    return { alias: this.alias, use_cli: useCli, tenant_id: tenantId, client_id_file_path: clientIdFilePath, client_secret_file_path: clientSecretFilePath };
  }
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'facade with an AWS engine, workspace, Stack and module grants',
    keys: [
      'VaultBackedDynamicCredentialsProps', 'AwsSecretsEngineProps', 'AwsAssumedRoleProps', 'AwsIamUserRoleProps', 'AwsFederationTokenRoleProps',
      'WorkspaceGrantOptions', 'AwsPhaseCredentials', 'TaggedCredentials', 'StackDeploymentGrantOptions', 'ModuleTestGrantOptions',
      'VaultBackedDynamicCredentials.constructor.id', 'VaultBackedDynamicCredentials.addAwsSecretsEngine.id',
      'VaultBackedDynamicCredentials.grantWorkspaces.id', 'VaultBackedDynamicCredentials.grantStackDeployments.id',
      'VaultBackedDynamicCredentials.grantModuleTests.id', 'AwsSecretsEngine.addAssumedRole.id', 'AwsSecretsEngine.addIamUser.id',
      'AwsSecretsEngine.addFederationToken.id',
    ],
    build: (stack, h) => {
      const id = h('VaultBackedDynamicCredentials.constructor.id', 'trust');
      const trust = new VaultBackedDynamicCredentials(stack, id, h('VaultBackedDynamicCredentialsProps', TRUST));
      const aws = trust.addAwsSecretsEngine(h('VaultBackedDynamicCredentials.addAwsSecretsEngine.id', 'aws'), h('AwsSecretsEngineProps', {}));
      const r = aws.addAssumedRole(h('AwsSecretsEngine.addAssumedRole.id', 'r'), h('AwsAssumedRoleProps', { roleArns: [ARN] }));
      const u = aws.addIamUser(h('AwsSecretsEngine.addIamUser.id', 'u'), h('AwsIamUserRoleProps', { policyArns: [POLICY] }));
      const f = aws.addFederationToken(h('AwsSecretsEngine.addFederationToken.id', 'f'), h('AwsFederationTokenRoleProps', { policyArns: [POLICY] }));
      trust.grantWorkspaces(h('VaultBackedDynamicCredentials.grantWorkspaces.id', 'g'), h('WorkspaceGrantOptions', {
        ...HERE,
        aws: h('AwsPhaseCredentials', { plan: r, apply: r }),
        additionalConfigurations: [
          h('TaggedCredentials', { tag: 'IAM', aws: { plan: u, apply: u, sleepSeconds: 15 } }),
          { tag: 'FED', aws: { plan: f, apply: f } },
        ],
      }));
      const stackGrant = { project: 'Platform', stack: 'network', deployments: ['prod'], planCredentials: [r], applyCredentials: [r] };
      trust.grantStackDeployments(h('VaultBackedDynamicCredentials.grantStackDeployments.id', 'st'), h('StackDeploymentGrantOptions', stackGrant));
      const moduleGrant = { module: 'terraform-aws-vpc', moduleProvider: 'aws', aws: r };
      trust.grantModuleTests(h('VaultBackedDynamicCredentials.grantModuleTests.id', 'mt'), h('ModuleTestGrantOptions', moduleGrant));
    },
  },
  {
    name: 'adopted grant names and an acknowledged warning',
    keys: ['GrantAdoption', 'Acknowledgement'],
    build: (stack, h) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const engine = trust.addAwsSecretsEngine('aws');
      const [plan, apply] = [engine.addAssumedRole('plan', { roleArns: [ARN] }), engine.addAssumedRole('apply', { roleArns: [ARN] })];
      const names = { planRoleName: 'tfc-plan', planPolicyName: 'tfc-plan-policy', applyRoleName: 'tfc-apply', applyPolicyName: 'tfc-apply-policy' };
      const adopt = h('GrantAdoption', { ...names, variableSetId: 'varset-AbCdEfGh12345678' });
      const grant = trust.grantWorkspaces('g', { ...HERE, aws: { plan, apply }, adopt });
      Acknowledgements.of(grant).add(h('Acknowledgement', { ruleId: 'name-only-binding', reason: 'names are managed by a reviewed process' }));
    },
  },
  {
    name: 'AWS engine with plugin workload identity',
    keys: ['AwsEngineWorkloadIdentity'],
    build: (stack, h) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const workloadIdentity = h('AwsEngineWorkloadIdentity', { roleArn: ARN, identityTokenAudience: 'sts.amazonaws.com' });
      const r = trust.addAwsSecretsEngine('aws', { workloadIdentity }).addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('g', { ...HERE, aws: { plan: r, apply: r } });
    },
  },
  {
    name: 'GCP engine, roleset and static account',
    keys: [
      'GcpSecretsEngineProps', 'GcpEngineWorkloadIdentity', 'GcpRolesetProps', 'GcpStaticAccountProps', 'GcpBinding', 'GcpPhaseCredentials',
      'VaultBackedDynamicCredentials.addGcpSecretsEngine.id', 'GcpSecretsEngine.addRoleset.id', 'GcpSecretsEngine.addStaticAccount.id',
    ],
    build: (stack, h) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const identityTokenAudience = '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/v';
      const workloadIdentity = h('GcpEngineWorkloadIdentity', { serviceAccountEmail: SA, identityTokenAudience });
      const gcp = trust.addGcpSecretsEngine(h('VaultBackedDynamicCredentials.addGcpSecretsEngine.id', 'gcp'), h('GcpSecretsEngineProps', { workloadIdentity }));
      const bindings = [h('GcpBinding', { resource: RESOURCE, roles: ['roles/viewer'] })];
      const roleset = gcp.addRoleset(h('GcpSecretsEngine.addRoleset.id', 'rs'), h('GcpRolesetProps', { project: 'acme-data', tokenScopes: [SCOPE], bindings }));
      gcp.addStaticAccount(h('GcpSecretsEngine.addStaticAccount.id', 'sa'), h('GcpStaticAccountProps', { serviceAccountEmail: SA, tokenScopes: [SCOPE] }));
      trust.grantWorkspaces('g', { ...HERE, gcp: h('GcpPhaseCredentials', { plan: roleset, apply: roleset }) });
    },
  },
  {
    name: 'Azure engine and role',
    keys: [
      'AzureSecretsEngineProps', 'AzureEngineWorkloadIdentity', 'AzureEngineRoleProps', 'AzureRbacRole', 'AzurePhaseCredentials',
      'VaultBackedDynamicCredentials.addAzureSecretsEngine.id', 'AzureSecretsEngine.addRole.id',
    ],
    build: (stack, h) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const workloadIdentity = h('AzureEngineWorkloadIdentity', { clientId: SUBSCRIPTION, identityTokenAudience: 'api://AzureADTokenExchange' });
      const engine = h('AzureSecretsEngineProps', { subscriptionId: SUBSCRIPTION, tenantId: TENANT, workloadIdentity });
      const azure = trust.addAzureSecretsEngine(h('VaultBackedDynamicCredentials.addAzureSecretsEngine.id', 'azure'), engine);
      const azureRoles = [h('AzureRbacRole', { roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/data` })];
      const role = azure.addRole(h('AzureSecretsEngine.addRole.id', 'r'), h('AzureEngineRoleProps', { azureRoles, ttlSeconds: 3600 }));
      trust.grantWorkspaces('g', { ...HERE, azure: h('AzurePhaseCredentials', { plan: role, apply: role }) });
    },
  },
  {
    name: 'existing mounts referenced with fromMountPath, and look-ups on their own',
    keys: [
      'ImportedHcpTerraformJwtAuthMountProps', 'ImportedAwsSecretsEngineProps', 'ImportedGcpSecretsEngineProps', 'ImportedAzureSecretsEngineProps',
      'HcpTerraformLookupsProps', 'HcpTerraformJwtAuthMount.fromMountPath.id', 'AwsSecretsEngine.fromMountPath.id', 'GcpSecretsEngine.fromMountPath.id',
      'AzureSecretsEngine.fromMountPath.id', 'HcpTerraformLookups.constructor.id', 'HcpTerraformLookups.lookupProject.name',
      'HcpTerraformLookups.lookupWorkspace.name', 'HcpTerraformLookups.lookupWorkspace.projectName', 'HcpTerraformLookups.checkProjectSpelling.projectName',
    ],
    build: (stack, h) => {
      const jwt = h('ImportedHcpTerraformJwtAuthMountProps', { mountPath: 'jwt' });
      const authMount = HcpTerraformJwtAuthMount.fromMountPath(stack, h('HcpTerraformJwtAuthMount.fromMountPath.id', 'jwt'), jwt);
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { ...TRUST, authMount });
      const awsMount = h('ImportedAwsSecretsEngineProps', { mountPath: 'aws' });
      const aws = AwsSecretsEngine.fromMountPath(stack, h('AwsSecretsEngine.fromMountPath.id', 'aws'), awsMount).addAssumedRole('r', { roleArns: [ARN] });
      const gcpMount = h('ImportedGcpSecretsEngineProps', { mountPath: 'gcp' });
      const gcp = GcpSecretsEngine.fromMountPath(stack, h('GcpSecretsEngine.fromMountPath.id', 'gcp'), gcpMount).addRoleset('rs', ROLESET);
      const azureMount = h('ImportedAzureSecretsEngineProps', { mountPath: 'azure', subscriptionId: SUBSCRIPTION, tenantId: TENANT });
      const azure = AzureSecretsEngine.fromMountPath(stack, h('AzureSecretsEngine.fromMountPath.id', 'azure'), azureMount)
        .addRole('r', { azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/data` }], ttlSeconds: 3600 });
      trust.grantWorkspaces('g', { ...HERE, aws: { plan: aws, apply: aws }, gcp: { plan: gcp, apply: gcp }, azure: { plan: azure, apply: azure } });
      const lookupsId = h('HcpTerraformLookups.constructor.id', 'lookups');
      const lookups = new HcpTerraformLookups(stack, lookupsId, h('HcpTerraformLookupsProps', { organization: 'acme' }));
      lookups.checkOrganizationSpelling();
      lookups.lookupProject(h('HcpTerraformLookups.lookupProject.name', 'Platform'));
      lookups.lookupWorkspace(h('HcpTerraformLookups.lookupWorkspace.name', 'network'), h('HcpTerraformLookups.lookupWorkspace.projectName', 'Platform'));
      lookups.checkProjectSpelling(h('HcpTerraformLookups.checkProjectSpelling.projectName', 'Platform'));
    },
  },
  {
    name: 'standalone engines and roles built with new',
    keys: [
      'AwsSecretsEngine.constructor.id', 'GcpSecretsEngine.constructor.id', 'AzureSecretsEngine.constructor.id', 'AwsAssumedRole.constructor.id',
      'AwsIamUserRole.constructor.id', 'AwsFederationTokenRole.constructor.id', 'GcpRoleset.constructor.id', 'GcpStaticAccount.constructor.id',
      'AzureEngineRole.constructor.id',
    ],
    build: (stack, h) => {
      const aws = new AwsSecretsEngine(stack, h('AwsSecretsEngine.constructor.id', 'aws'));
      new AwsAssumedRole(aws, h('AwsAssumedRole.constructor.id', 'r'), { roleArns: [ARN] });
      new AwsIamUserRole(aws, h('AwsIamUserRole.constructor.id', 'u'), { policyArns: [POLICY] });
      new AwsFederationTokenRole(aws, h('AwsFederationTokenRole.constructor.id', 'f'), { policyArns: [POLICY] });
      const gcp = new GcpSecretsEngine(stack, h('GcpSecretsEngine.constructor.id', 'gcp'));
      new GcpRoleset(gcp, h('GcpRoleset.constructor.id', 'rs'), ROLESET);
      new GcpStaticAccount(gcp, h('GcpStaticAccount.constructor.id', 'sa'), { serviceAccountEmail: SA, tokenScopes: [SCOPE] });
      const azure = new AzureSecretsEngine(stack, h('AzureSecretsEngine.constructor.id', 'azure'), { subscriptionId: SUBSCRIPTION, tenantId: TENANT });
      new AzureEngineRole(azure, h('AzureEngineRole.constructor.id', 'az'), { azureRoles: [READER_ROLE], ttlSeconds: 3600 });
    },
  },
  {
    name: 'standalone mount, workload role and variable set',
    keys: [
      'HcpTerraformJwtAuthMountProps', 'WorkloadRoleProps', 'CredentialVariableSetProps', 'EnvironmentVariable', 'HcpTerraformJwtAuthMount.constructor.id',
      'WorkloadRole.constructor.id', 'CredentialVariableSet.constructor.id', 'CredentialVariableSet.findVariable.key',
    ],
    build: (stack, h) => {
      const r = new AwsAssumedRole(new AwsSecretsEngine(stack, 'aws'), 'r', { roleArns: [ARN] });
      const mount = new HcpTerraformJwtAuthMount(stack, h('HcpTerraformJwtAuthMount.constructor.id', 'mount'), h('HcpTerraformJwtAuthMountProps', {}));
      const role = { authMount: mount, organization: 'acme', ...HERE, runPhases: [RunPhase.PLAN], credentials: [r], roleName: 'standalone' };
      new WorkloadRole(stack, h('WorkloadRole.constructor.id', 'role'), h('WorkloadRoleProps', role));
      const variables = [h('EnvironmentVariable', { key: 'EXTRA', value: 'v', sensitive: false, description: 'd' })];
      const set = new CredentialVariableSet(stack, h('CredentialVariableSet.constructor.id', 'set'), h('CredentialVariableSetProps', {
        organization: 'acme',
        name: 'standalone',
        ...HERE,
        variables,
      }));
      // Looking a variable up writes nothing; a hostile key finds nothing.
      const found = set.findVariable(h('CredentialVariableSet.findVariable.key', 'EXTRA'));
      if (found) found.description = 'found';
    },
  },
  {
    name: 'workspace selectors in a grant',
    keys: ['WorkspaceSelector.names.names', 'WorkspaceSelector.ids.ids', 'WorkspaceSelector.prefix.prefix'],
    build: (stack, h) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const aws = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      const grant = (id: string, workspaces: WorkspaceSelector) =>
        trust.grantWorkspaces(id, { project: 'Platform', workspaces, aws: { plan: aws, apply: aws } });
      grant('names', WorkspaceSelector.names(...h('WorkspaceSelector.names.names', ['network'])));
      grant('ids', WorkspaceSelector.ids(...h('WorkspaceSelector.ids.ids', ['ws-AbCdEfGh12345678'])));
      grant('prefix', WorkspaceSelector.prefix(h('WorkspaceSelector.prefix.prefix', 'app-')));
    },
  },
  {
    name: 'the set grants of one trust share',
    keys: ['SharedVariableSet.findVariable.key'],
    build: (stack, h) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      const aws = { plan: r, apply: r };
      const grants = ['one', 'two'].map((id) => trust.grantWorkspaces(id, { project: 'Platform', workspaces: WorkspaceSelector.names(id), aws }));
      // Looking a variable up writes nothing; a hostile key finds nothing.
      const found = grants[0].sharedVariableSet?.findVariable(h('SharedVariableSet.findVariable.key', 'TFC_VAULT_ADDR'));
      if (found) found.description = 'found';
    },
  },
  {
    name: 'consumer provider configurations',
    keys: [
      'GoogleConsumerOptions', 'DynamicCredentialsConsumer.constructor.id', 'DynamicCredentialsConsumer.vaultProviderConfig.tag',
      'AwsConsumer.providerConfig.region', 'AwsConsumer.providerConfig.tag', 'GoogleConsumer.providerConfig.project',
      'AzureConsumer.azurermProviderConfig.subscriptionId', 'AzureConsumer.azurermProviderConfig.tenantId', 'AzureConsumer.azurermProviderConfig.tag',
      'AzureConsumer.azureadProviderConfig.tenantId', 'AzureConsumer.azureadProviderConfig.tag',
    ],
    build: (stack, h) => {
      const consumer = new DynamicCredentialsConsumer(stack, h('DynamicCredentialsConsumer.constructor.id', 'consumer'));
      new VaultProvider(stack, 'vault-tagged', consumer.vaultProviderConfig(h('DynamicCredentialsConsumer.vaultProviderConfig.tag', 'PRIMARY')));
      const region = h('AwsConsumer.providerConfig.region', 'us-east-1');
      new AwsProvider(stack, 'aws', consumer.aws.providerConfig(region, h('AwsConsumer.providerConfig.tag', 'PRIMARY')));
      const google = consumer.google.providerConfig(h('GoogleConsumer.providerConfig.project', 'acme-data'), h('GoogleConsumerOptions', { tag: 'DATA' }));
      new GoogleProvider(stack, 'google', google);
      new AzurermProvider(stack, 'azurerm', consumer.azure.azurermProviderConfig(
        h('AzureConsumer.azurermProviderConfig.subscriptionId', SUBSCRIPTION),
        h('AzureConsumer.azurermProviderConfig.tenantId', TENANT),
        h('AzureConsumer.azurermProviderConfig.tag', 'PRIMARY'),
      ));
      const azureadTenant = h('AzureConsumer.azureadProviderConfig.tenantId', TENANT);
      const azuread = consumer.azure.azureadProviderConfig(azureadTenant, h('AzureConsumer.azureadProviderConfig.tag', 'PRIMARY'));
      new AzureadStandIn(stack, 'azuread', azuread);
    },
  },
  {
    name: 'cloud-side AWS identities: engine user and run role',
    keys: [
      'AwsSecretsEngineUserProps', 'AwsRunRoleProps', 'AwsSecretsEngineUser.constructor.id', 'AwsSecretsEngineUser.allowAssumeRole.roleArn',
      'AwsRunRole.constructor.id',
    ],
    clouds: ['aws'],
    build: (stack, h) => {
      const engineUser = new AwsSecretsEngineUser(stack, h('AwsSecretsEngineUser.constructor.id', 'engine-user'), h('AwsSecretsEngineUserProps', {
        userName: 'vault-engine',
        path: '/vault/',
        permissionsBoundaryArn: POLICY,
        assumableRoleArns: ['arn:aws:iam::222222222222:role/elsewhere'],
      }));
      // The run role trusts a principal by ARN (engineUser and trustedPrincipalArn are alternatives).
      const run = new AwsRunRole(stack, h('AwsRunRole.constructor.id', 'run'), h('AwsRunRoleProps', {
        trustedPrincipalArn: 'arn:aws:iam::123456789012:user/vault',
        externalId: 'acme-app',
        managedPolicyArns: [POLICY],
        inlinePolicies: { deploy: DEPLOY_POLICY },
        roleName: 'app-apply',
        maxSessionDurationSeconds: 7200,
        path: '/vault/',
        permissionsBoundaryArn: POLICY,
        description: 'apply role',
      }));
      engineUser.allowAssumeRole(run.arn);
      engineUser.allowAssumeRole(h('AwsSecretsEngineUser.allowAssumeRole.roleArn', 'arn:aws:iam::222222222222:role/other'), true);
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [run.arn], externalId: run.externalId });
      trust.grantWorkspaces('g', { ...HERE, aws: { plan: r, apply: r } });
    },
  },
  {
    name: 'cloud-side GCP identity: engine service account',
    keys: ['GcpSecretsEngineServiceAccountProps', 'GcpSecretsEngineServiceAccount.constructor.id'],
    clouds: ['google'],
    build: (stack, h) => {
      new GcpSecretsEngineServiceAccount(stack, h('GcpSecretsEngineServiceAccount.constructor.id', 'gcp-engine'), h('GcpSecretsEngineServiceAccountProps', {
        project: 'acme-data',
        accountId: 'vault-federated',
        displayName: 'Vault engine',
        workloadIdentityMembers: [POOL_SUBJECT],
      }));
    },
  },
  {
    name: 'cloud-side Azure identity: engine role assignment',
    keys: ['AzureSecretsEngineRoleAssignmentProps', 'AzureSecretsEngineRoleAssignment.constructor.id'],
    clouds: ['azurerm'],
    build: (stack, h) => {
      const assignment = h('AzureSecretsEngineRoleAssignmentProps', {
        scope: `/subscriptions/${SUBSCRIPTION}`,
        principalId: ENGINE_OBJECT_ID,
        roleDefinitionName: 'User Access Administrator',
        assignableRoleDefinitionIds: [READER],
        description: 'engine assigns Reader',
      });
      new AzureSecretsEngineRoleAssignment(stack, h('AzureSecretsEngineRoleAssignment.constructor.id', 'azure-engine'), assignment);
    },
  },
];

const STRINGS = [
  '${file("/etc/passwd")}', '${var.injected}', '%{ if true }x%{ endif }', 'a/../b', 'default', 'app.terraform.io:443', '', 'a\u0000\n\tb', 'x'.repeat(3000),
];
const NUMBERS = [Number.NaN, -1, 1.5, 1e12];
/**
 * Appended to the value the scenario itself passes, so a grammar checked only at the start of a value (a prefix, or
 * a pattern ending in `\S+`) still meets an interpolation.
 */
const SUFFIX = '${var.injected}';

/** Every unescaped interpolation or directive opening in the JSON's strings and keys, with a little context. */
export function templateSequences(json: unknown): Set<string> {
  const found = new Set<string>();
  // "$${" and "%%{" are escapes: the opening is preceded by its own sign.
  const scan = (text: string) => [...text.matchAll(/(?<![$%])([$%])\{[^}]{0,60}/g)].forEach((match) => found.add(match[0]));
  const walk = (value: unknown): void => {
    if (typeof value === 'string') scan(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        scan(k);
        walk(v);
      }
    }
  };
  walk(json);
  return found;
}

export function synth(scenario: Scenario, h: Hook): unknown {
  const stack = new TerraformStack(Testing.app(), 'test');
  new VaultProvider(stack, 'vault', {});
  new TfeProvider(stack, 'tfe', {});
  const clouds = scenario.clouds ?? [];
  if (clouds.includes('aws')) new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  if (clouds.includes('google')) new GoogleProvider(stack, 'google', { project: 'acme-data' });
  if (clouds.includes('azurerm')) new AzurermProvider(stack, 'azurerm', { features: [{}] });
  scenario.build(stack, h);
  return JSON.parse(Testing.synth(stack, true));
}

/** Words of a camelCase prop, for messages that name it in prose ("mountPath" -> "path"). */
function nameMentioned(message: string, name: string): boolean {
  const lower = message.toLowerCase();
  if (lower.includes(name.toLowerCase())) return true;
  // In prose: "roleArns" as "role ARN", "tokenScopes" as "token scope", "mountPath" as "path" (a mount path message).
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ').map((w) => w.replace(/s$/, ''));
  return lower.includes(words.join(' ')) || lower.includes(words[words.length - 1]);
}

function valueMentioned(message: string, value: unknown): boolean {
  if (typeof value === 'number') return message.includes(String(value));
  // The constructs library refuses an empty construct id before the library sees it: "... may have an empty ID".
  if (value === '' && /\bempty\b/i.test(message)) return true;
  const open = JSON.stringify(value).slice(0, -1);
  return message.includes(open.slice(0, 40)) || message.includes(String(value).slice(0, 40));
}

/**
 * What a hostile case must satisfy: refused at synthesis naming the construct path, the input and the value, or
 * accepted with no new template.
 */
export function judge(label: string, name: string, value: unknown, build: () => unknown, baseline: Set<string>): 'refused' | 'accepted' {
  let json: unknown;
  try {
    json = build();
  } catch (error) {
    const message = (error as Error).message;
    // A construct id holds no "/": the constructs library writes "--" for it, and messages show the id it keeps.
    const kept = name === 'id' && typeof value === 'string' ? value.replace(/\//g, '--') : value;
    // Refusals come from the synthesis checks, each line led by the construct path; the one exception is the
    // constructs library's own refusal of an empty construct id, thrown before any check of this library can run.
    const located = /^\s*\[test(\/[^\]]*)?\] /m.test(message) || (value === '' && /may have an empty ID/.test(message));
    const named = located && nameMentioned(message, name) && (valueMentioned(message, value) || valueMentioned(message, kept));
    // On failure the message is shown next to the case.
    expect({ label, named, message: named ? '' : message.slice(0, 1500) }).toEqual({ label, named: true, message: '' });
    return 'refused';
  }
  // The library's own references change with the input (a look-up id holds the project name), so what must not
  // appear is the hostile template itself, unescaped.
  const injected = [...templateSequences(json)].filter((sequence) => !baseline.has(sequence) && /^(\$\{(file|var\.injected)|%\{)/.test(sequence));
  expect([label, injected]).toEqual([label, []]);
  return 'accepted';
}

/** The hostile values for an input whose scenario passes `own`, each in the shapes the input takes. */
export function hostileCases(input: Input, own: unknown): Array<{ value: unknown; shaped: unknown }> {
  if (input.kind === 'number') return NUMBERS.map((value) => ({ value, shaped: value }));
  const first = typeof own === 'string' ? own : Array.isArray(own) && typeof own[0] === 'string' ? own[0] : undefined;
  const values = input.kind === 'map' || first === undefined || first === '' ? STRINGS : [...STRINGS, first + SUFFIX];
  if (input.kind === 'string') return values.map((value) => ({ value, shaped: value }));
  if (input.kind === 'string[]') return values.map((value) => ({ value, shaped: [value] }));
  // A map gets each value as a key, and as the value of a key that is legal for the map, so a refusal is about the value.
  const legalKey = input.name === 'claimMappings' ? 'terraform_organization_name' : 'k';
  const cases = values.flatMap((value) => [{ value, shaped: { [String(value)]: 'x' } }, { value, shaped: { [legalKey]: value } }]);
  if (own !== null && typeof own === 'object' && Object.keys(own).length > 0) {
    // The scenario's own first entry with the template appended to its key, then to its value.
    const [key, entry] = Object.entries(own as Record<string, string>)[0];
    cases.push({ value: key + SUFFIX, shaped: { ...own, [key + SUFFIX]: entry } }, { value: entry + SUFFIX, shaped: { ...own, [key]: entry + SUFFIX } });
  }
  return cases;
}

/** Whether hook key `key` passes `input`: the struct or one of its descendants, or the parameter itself. */
export const passes = (key: string, input: Input) =>
  (input.struct === undefined ? key === input.key : structs.has(key) && ancestry(key).includes(input.struct));
export const scenarioOf = (input: Input) => SCENARIOS.find((s) => s.keys.some((key) => passes(key, input)));
export const notExercised = (input: Input) => NOT_EXERCISED[input.struct ?? input.key];
const counts = { inputs: 0, cases: 0, refused: 0, accepted: 0 };
const baselines = new Map<string, Set<string>>();

/** What the inputs of one test file came to, printed after it. */
export function printCounts(): void {
  console.log(`public inputs: ${counts.inputs} struct props and parameters from .jsii, ${counts.cases} hostile cases: ` +
    `${counts.refused} refused naming path, input and value, ${counts.accepted} accepted inert`);
}

/** Feeds every hostile value of `input` through its scenario and judges each case. */
export function exerciseInput(input: Input): void {
  const scenario = scenarioOf(input);
  if (scenario === undefined) throw new Error(`no scenario passes ${input.key}`);
  // The literal the scenario passes for the input; the scenario really passes it (a listed key it never passes proves nothing).
  let own: unknown;
  let seen = false;
  const plain = synth(scenario, <T>(key: string, literal: T): T => {
    if (passes(key, input)) {
      seen = true;
      if (own === undefined) own = input.struct === undefined ? literal : (literal as Record<string, unknown>)[input.name];
    }
    return literal;
  });
  expect([input.key, seen]).toEqual([input.key, true]);
  if (!baselines.has(scenario.name)) baselines.set(scenario.name, templateSequences(plain));
  const baseline = baselines.get(scenario.name)!;
  counts.inputs++;
  for (const { value, shaped } of hostileCases(input, own)) {
    counts.cases++;
    const hook = <T>(key: string, literal: T): T =>
      !passes(key, input) ? literal : input.struct === undefined ? (shaped as T) : ({ ...literal, [input.name]: shaped } as T);
    const label = `${input.key} = ${JSON.stringify(shaped).slice(0, 60)}`;
    counts[judge(label, input.name, value, () => synth(scenario, hook), baseline)]++;
  }
}
