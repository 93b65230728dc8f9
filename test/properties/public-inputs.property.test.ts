/**
 * Every string and number input of the public API, derived from the jsii assembly (not a hand list), fed a corpus of
 * hostile values. Each case must be either refused at synthesis with a message that names the construct path, the
 * prop and the value, or accepted inert: the synthesized JSON holds no `${` or `%{` (in any value or key) that the
 * same scenario does not hold without the hostile value, so no accepted input changes meaning for Terraform.
 *
 * Inputs are exercised through scenarios that build the structs the way users do; a struct no scenario builds must be
 * listed in NOT_EXERCISED with the reason, so a new prop of a built struct is covered by construction.
 *
 * The same holds for the string parameters of public methods, static methods and constructors (construct ids
 * included: they become Vault role, variable set and mount names by default): PARAM_SCENARIOS call them the way users
 * do, and a parameter no scenario passes must be listed in PARAMS_NOT_EXERCISED with the reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformProvider, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  Acknowledgements,
  AwsAssumedRole,
  AwsFederationTokenRole,
  AwsIamUserRole,
  AwsRunRole,
  AwsSecretsEngine,
  AwsSecretsEngineUser,
  AzureEngineRole,
  AzureSecretsEngine,
  AzureSecretsEngineRoleAssignment,
  AzureadConsumerProviderConfig,
  DynamicCredentialsConsumer,
  GcpRoleset,
  GcpSecretsEngine,
  GcpSecretsEngineServiceAccount,
  GcpStaticAccount,
  HcpTerraformLookups,
  CredentialVariableSet,
  HcpTerraformJwtAuthMount,
  RunPhase,
  VaultBackedDynamicCredentials,
  WorkloadRole,
  WorkspaceSelector,
} from '../../lib';

const ARN = 'arn:aws:iam::123456789012:role/runner';
const POLICY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const RESOURCE = '//cloudresourcemanager.googleapis.com/projects/acme-data';
const SA = 'deployer@acme-data.iam.gserviceaccount.com';
const POOL_SUBJECT = 'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/vault/subject/plugin-identity:root:secret:gcp_1234';
const ENGINE_OBJECT_ID = '66666666-6666-4666-8666-666666666666';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const DEPLOY_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });

/** Structs no scenario builds, with the reason. */
const NOT_EXERCISED: Record<string, string> = {
  WorkspaceGrantProps: 'built by the facade from WorkspaceGrantOptions and TrustSettings, both exercised; its own userClaim and lookups come from the facade props',
  StackDeploymentGrantProps: 'built by the facade from StackDeploymentGrantOptions and TrustSettings, both exercised; runNamespace is checked by vaultNamespaceProblem like vaultNamespace',
  ModuleTestGrantProps: 'built by the facade from ModuleTestGrantOptions and TrustSettings, both exercised',
  AzureEngineClientCredentials: 'holds a sensitive TerraformVariable and a client id checked as a GUID',
  GcpEngineWriteOnlyCredentials: 'holds the write-only credentials JSON of a secret, which no value should ever be logged from',
  WorkspaceReference: 'references come from tfe resources (tokens), not literals',
  AzureadConsumerProviderConfig: 'returned by AzureConsumer.azureadProviderConfig, never passed in by a user',
};

interface Input {
  readonly struct: string;
  readonly prop: string;
  readonly kind: 'string' | 'number' | 'string[]' | 'map';
}

const assembly = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '.jsii'), 'utf8'));
const structs = new Map<string, any>();
for (const type of Object.values<any>(assembly.types)) if (type.kind === 'interface' && type.datatype) structs.set(type.name, type);

/** The struct and its bases, nearest first. */
function ancestry(name: string): string[] {
  const type = structs.get(name);
  return [name, ...((type?.interfaces ?? []) as string[]).flatMap((fqn) => ancestry(fqn.split('.').pop()!))];
}

function kindOf(type: any): Input['kind'] | undefined {
  if (type.primitive === 'string') return 'string';
  if (type.primitive === 'number') return 'number';
  if (type.collection?.elementtype?.primitive === 'string') return type.collection.kind === 'map' ? 'map' : 'string[]';
  return undefined;
}

const INPUTS: Input[] = [];
for (const [name, type] of structs) {
  for (const prop of type.properties ?? []) {
    const kind = kindOf(prop.type);
    if (kind) INPUTS.push({ struct: name, prop: prop.name, kind });
  }
}

type Override = (struct: string, literal: any) => any;

/** Cloud providers a scenario's stack configures, besides Vault and tfe. */
type Cloud = 'aws' | 'google' | 'azurerm';

/** Scenarios: each builds some structs the way users do, passing each literal through `o`. */
const SCENARIOS: Array<{ name: string; structs: string[]; clouds?: Cloud[]; build: (stack: TerraformStack, o: Override) => void }> = [
  {
    name: 'facade with AWS, Stack and module grants',
    structs: ['VaultBackedDynamicCredentialsProps', 'AwsSecretsEngineProps', 'AwsAssumedRoleProps', 'AwsIamUserRoleProps', 'AwsFederationTokenRoleProps', 'WorkspaceGrantOptions', 'AwsPhaseCredentials', 'TaggedCredentials', 'StackDeploymentGrantOptions', 'ModuleTestGrantOptions'],
    build: (stack, o) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', o('VaultBackedDynamicCredentialsProps', { organization: 'acme', vaultAddress: 'https://vault.example.com' }));
      const aws = trust.addAwsSecretsEngine('aws', o('AwsSecretsEngineProps', {}));
      const r = aws.addAssumedRole('r', o('AwsAssumedRoleProps', { roleArns: [ARN] }));
      const u = aws.addIamUser('u', o('AwsIamUserRoleProps', { policyArns: [POLICY] }));
      aws.addFederationToken('f', o('AwsFederationTokenRoleProps', { policyArns: [POLICY] }));
      trust.grantWorkspaces('g', o('WorkspaceGrantOptions', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('network'),
        aws: o('AwsPhaseCredentials', { plan: r, apply: r }),
        additionalConfigurations: [o('TaggedCredentials', { tag: 'IAM', aws: { plan: u, apply: u, sleepSeconds: 15 } })],
      }));
      trust.grantStackDeployments('st', o('StackDeploymentGrantOptions', { project: 'Platform', stack: 'network', deployments: ['prod'], planCredentials: [r], applyCredentials: [r] }));
      trust.grantModuleTests('mt', o('ModuleTestGrantOptions', { module: 'terraform-aws-vpc', moduleProvider: 'aws', aws: r }));
    },
  },
  {
    name: 'adopted grant names and an acknowledged warning',
    structs: ['GrantAdoption', 'Acknowledgement'],
    build: (stack, o) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const aws = trust.addAwsSecretsEngine('aws');
      const plan = aws.addAssumedRole('plan', { roleArns: [ARN] });
      const apply = aws.addAssumedRole('apply', { roleArns: [ARN] });
      const grant = trust.grantWorkspaces('g', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('network'),
        aws: { plan, apply },
        adopt: o('GrantAdoption', { planRoleName: 'tfc-plan', planPolicyName: 'tfc-plan-policy', applyRoleName: 'tfc-apply', applyPolicyName: 'tfc-apply-policy', variableSetId: 'varset-AbCdEfGh12345678' }),
      });
      Acknowledgements.of(grant).add(o('Acknowledgement', { ruleId: 'name-only-binding', reason: 'names are managed by a reviewed process' }));
    },
  },
  {
    name: 'AWS engine with plugin workload identity',
    structs: ['AwsEngineWorkloadIdentity'],
    build: (stack, o) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const aws = trust.addAwsSecretsEngine('aws', { workloadIdentity: o('AwsEngineWorkloadIdentity', { roleArn: ARN, identityTokenAudience: 'sts.amazonaws.com' }) });
      const r = aws.addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: r, apply: r } });
    },
  },
  {
    name: 'GCP engine, roleset and static account',
    structs: ['GcpSecretsEngineProps', 'GcpEngineWorkloadIdentity', 'GcpRolesetProps', 'GcpStaticAccountProps', 'GcpBinding', 'GcpPhaseCredentials'],
    build: (stack, o) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const gcp = trust.addGcpSecretsEngine('gcp', o('GcpSecretsEngineProps', { workloadIdentity: o('GcpEngineWorkloadIdentity', { serviceAccountEmail: SA, identityTokenAudience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/v' }) }));
      const roleset = gcp.addRoleset('rs', o('GcpRolesetProps', { project: 'acme-data', tokenScopes: [SCOPE], bindings: [o('GcpBinding', { resource: RESOURCE, roles: ['roles/viewer'] })] }));
      gcp.addStaticAccount('sa', o('GcpStaticAccountProps', { serviceAccountEmail: SA, tokenScopes: [SCOPE] }));
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), gcp: o('GcpPhaseCredentials', { plan: roleset, apply: roleset }) });
    },
  },
  {
    name: 'Azure engine and role',
    structs: ['AzureSecretsEngineProps', 'AzureEngineWorkloadIdentity', 'AzureEngineRoleProps', 'AzureRbacRole', 'AzurePhaseCredentials'],
    build: (stack, o) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const azure = trust.addAzureSecretsEngine('azure', o('AzureSecretsEngineProps', {
        subscriptionId: SUBSCRIPTION,
        tenantId: TENANT,
        workloadIdentity: o('AzureEngineWorkloadIdentity', { clientId: SUBSCRIPTION, identityTokenAudience: 'api://AzureADTokenExchange' }),
      }));
      const role = azure.addRole('r', o('AzureEngineRoleProps', { azureRoles: [o('AzureRbacRole', { roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/data` })], ttlSeconds: 3600 }));
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), azure: o('AzurePhaseCredentials', { plan: role, apply: role }) });
    },
  },
  {
    name: 'existing mounts referenced with fromMountPath, and look-ups on their own',
    structs: ['ImportedHcpTerraformJwtAuthMountProps', 'ImportedAwsSecretsEngineProps', 'ImportedGcpSecretsEngineProps', 'ImportedAzureSecretsEngineProps', 'HcpTerraformLookupsProps'],
    build: (stack, o) => {
      const authMount = HcpTerraformJwtAuthMount.fromMountPath(stack, 'jwt', o('ImportedHcpTerraformJwtAuthMountProps', { mountPath: 'jwt' }));
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', authMount });
      const aws = AwsSecretsEngine.fromMountPath(stack, 'aws', o('ImportedAwsSecretsEngineProps', { mountPath: 'aws' })).addAssumedRole('r', { roleArns: [ARN] });
      const gcp = GcpSecretsEngine.fromMountPath(stack, 'gcp', o('ImportedGcpSecretsEngineProps', { mountPath: 'gcp' }))
        .addRoleset('rs', { project: 'acme-data', tokenScopes: [SCOPE], bindings: [{ resource: RESOURCE, roles: ['roles/viewer'] }] });
      const azure = AzureSecretsEngine.fromMountPath(stack, 'azure', o('ImportedAzureSecretsEngineProps', { mountPath: 'azure', subscriptionId: SUBSCRIPTION, tenantId: TENANT }))
        .addRole('r', { azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/data` }], ttlSeconds: 3600 });
      trust.grantWorkspaces('g', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('network'),
        aws: { plan: aws, apply: aws },
        gcp: { plan: gcp, apply: gcp },
        azure: { plan: azure, apply: azure },
      });
      new HcpTerraformLookups(stack, 'lookups', o('HcpTerraformLookupsProps', { organization: 'acme' })).lookupWorkspace('network', 'Platform');
    },
  },
  {
    name: 'standalone mount, workload role and variable set',
    structs: ['HcpTerraformJwtAuthMountProps', 'WorkloadRoleProps', 'CredentialVariableSetProps', 'EnvironmentVariable'],
    build: (stack, o) => {
      const mount = new HcpTerraformJwtAuthMount(stack, 'mount', o('HcpTerraformJwtAuthMountProps', {}));
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', authMount: HcpTerraformJwtAuthMount.fromMountPath(stack, 'jwt', { mountPath: 'jwt' }) });
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      new WorkloadRole(stack, 'role', o('WorkloadRoleProps', {
        authMount: mount,
        organization: 'acme',
        project: 'Platform',
        workspaces: WorkspaceSelector.names('network'),
        runPhases: [RunPhase.PLAN],
        credentials: [r],
        roleName: 'standalone',
      }));
      new CredentialVariableSet(stack, 'set', o('CredentialVariableSetProps', {
        organization: 'acme',
        name: 'standalone',
        project: 'Platform',
        workspaces: WorkspaceSelector.names('network'),
        variables: [o('EnvironmentVariable', { key: 'EXTRA', value: 'v', sensitive: false, description: 'd' })],
      }));
    },
  },  {
    name: 'cloud-side AWS identities: engine user and run role',
    structs: ['AwsSecretsEngineUserProps', 'AwsRunRoleProps'],
    clouds: ['aws'],
    build: (stack, o) => {
      const engineUser = new AwsSecretsEngineUser(stack, 'engine-user', o('AwsSecretsEngineUserProps', {
        userName: 'vault-engine',
        path: '/vault/',
        permissionsBoundaryArn: POLICY,
        assumableRoleArns: ['arn:aws:iam::222222222222:role/elsewhere'],
      }));
      // The run role trusts a principal by ARN (engineUser and trustedPrincipalArn are alternatives).
      const run = new AwsRunRole(stack, 'run', o('AwsRunRoleProps', {
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
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [run.arn], externalId: run.externalId });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: r, apply: r } });
    },
  },
  {
    name: 'cloud-side GCP identity: engine service account',
    structs: ['GcpSecretsEngineServiceAccountProps'],
    clouds: ['google'],
    build: (stack, o) => {
      new GcpSecretsEngineServiceAccount(stack, 'engine', o('GcpSecretsEngineServiceAccountProps', {
        project: 'acme-data',
        accountId: 'vault-federated',
        displayName: 'Vault engine',
        workloadIdentityMembers: [POOL_SUBJECT],
      }));
    },
  },
  {
    name: 'cloud-side Azure identity: engine role assignment',
    structs: ['AzureSecretsEngineRoleAssignmentProps'],
    clouds: ['azurerm'],
    build: (stack, o) => {
      new AzureSecretsEngineRoleAssignment(stack, 'engine', o('AzureSecretsEngineRoleAssignmentProps', {
        scope: `/subscriptions/${SUBSCRIPTION}`,
        principalId: ENGINE_OBJECT_ID,
        roleDefinitionName: 'User Access Administrator',
        assignableRoleDefinitionIds: [READER],
        description: 'engine assigns Reader',
      }));
    },
  },
  {
    name: 'consumer-side Google provider configuration',
    structs: ['GoogleConsumerOptions'],
    build: (stack, o) => {
      const consumer = new DynamicCredentialsConsumer(stack, 'consumer');
      new GoogleProvider(stack, 'google', consumer.google.providerConfig('acme-data', o('GoogleConsumerOptions', { tag: 'DATA' })));
    },
  },
];

const STRINGS = ['${file("/etc/passwd")}', '${var.injected}', '%{ if true }x%{ endif }', 'a/../b', 'default', 'app.terraform.io:443', '', 'a\u0000\n\tb', 'x'.repeat(3000)];
const NUMBERS = [Number.NaN, -1, 1.5, 1e12];
/**
 * Appended to the value the scenario itself passes, so a grammar checked only at the start of a value (a prefix, or
 * a pattern ending in `\S+`) still meets an interpolation.
 */
const SUFFIX = '${var.injected}';

/** Every unescaped interpolation or directive opening in the JSON's strings and keys, with a little context. */
function templateSequences(json: unknown): Set<string> {
  const found = new Set<string>();
  const scan = (text: string) => {
    for (const match of text.matchAll(/(?<![$%])([$%])\{[^}]{0,60}/g)) {
      // "$${" and "%%{" are escapes: the opening is preceded by its own sign.
      found.add(match[0]);
    }
  };
  const walk = (value: unknown) => {
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

function synth(build: (stack: TerraformStack) => void, clouds: Cloud[] = []): any {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new VaultProvider(stack, 'vault', {});
  new TfeProvider(stack, 'tfe', {});
  if (clouds.includes('aws')) new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  if (clouds.includes('google')) new GoogleProvider(stack, 'google', { project: 'acme-data' });
  if (clouds.includes('azurerm')) new AzurermProvider(stack, 'azurerm', { features: [{}] });
  build(stack);
  return JSON.parse(Testing.synth(stack, true));
}

/** Words of a camelCase prop, for messages that name it in prose ("mountPath" -> "path"). */
function propMentioned(message: string, prop: string): boolean {
  const lower = message.toLowerCase();
  if (lower.includes(prop.toLowerCase())) return true;
  // In prose: "roleArns" as "role ARN", "tokenScopes" as "token scope", "mountPath" as "path" (a Vault mount path message).
  const words = prop.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ').map((w) => w.replace(/s$/, ''));
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
function judge(label: string, input: string, value: unknown, build: () => any, baseline: Set<string>): 'refused' | 'accepted' {
  let json: any;
  try {
    json = build();
  } catch (error) {
    const message = (error as Error).message;
    // A construct id holds no "/": the constructs library writes "--" for it, and messages show the id it keeps.
    const kept = input === 'id' && typeof value === 'string' ? value.replace(/\//g, '--') : value;
    // Refusals come from the synthesis checks, each line led by the construct path; the one exception is the
    // constructs library's own refusal of an empty construct id, thrown before any check of this library can run.
    const located = /^\s*\[test(\/[^\]]*)?\] /m.test(message) || (value === '' && /may have an empty ID/.test(message));
    const named = located && propMentioned(message, input) && (valueMentioned(message, value) || valueMentioned(message, kept));
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

/** The hostile values for an input of `kind` whose scenario passes `literal`. */
function hostileValues(kind: 'string' | 'number' | 'string[]' | 'map', literal: unknown): unknown[] {
  if (kind === 'number') return NUMBERS;
  const own = typeof literal === 'string' ? literal : Array.isArray(literal) && typeof literal[0] === 'string' ? literal[0] : undefined;
  return own === undefined || own === '' ? STRINGS : [...STRINGS, own + SUFFIX];
}

const counts = { inputs: 0, cases: 0, refused: 0, accepted: 0 };
const scenarioOf = (struct: string) => SCENARIOS.find((s) => s.structs.some((built) => ancestry(built).includes(struct)));
const baselines = new Map<string, Set<string>>();

afterAll(() => {
  console.log(`public-inputs: ${counts.inputs} inputs from .jsii, ${counts.cases} hostile cases: ${counts.refused} refused naming path, prop and value, ${counts.accepted} accepted inert`);
  console.log(`public-parameters: ${paramCounts.inputs} parameters from .jsii, ${paramCounts.cases} hostile cases: ${paramCounts.refused} refused naming path, parameter and value, ${paramCounts.accepted} accepted inert`);
});

test('every struct with string or number inputs is built by a scenario or listed with a reason', () => {
  const unbuilt = [...new Set(INPUTS.map((i) => i.struct))].filter((s) => scenarioOf(s) === undefined && NOT_EXERCISED[s] === undefined).sort();
  expect(unbuilt).toEqual([]);
  expect(Object.keys(NOT_EXERCISED).filter((s) => scenarioOf(s) !== undefined)).toEqual([]);
});

const exercised = INPUTS.filter((i) => scenarioOf(i.struct) !== undefined);

test.each(exercised.map((i) => [`${i.struct}.${i.prop}`, i] as const))('%s: hostile values are refused naming prop and value, or accepted inert', (_label, input) => {
  const scenario = scenarioOf(input.struct)!;
  if (!baselines.has(scenario.name)) baselines.set(scenario.name, templateSequences(synth((stack) => scenario.build(stack, (_s, literal) => literal), scenario.clouds)));
  const baseline = baselines.get(scenario.name)!;
  counts.inputs++;
  // The literal the scenario passes for the prop, for the suffixed case.
  let own: unknown;
  scenario.build(new TerraformStack(Testing.app(), 'literals'), (struct, literal) => {
    if (ancestry(struct).includes(input.struct) && own === undefined) own = literal[input.prop];
    return literal;
  });
  const shapes = (value: unknown): unknown[] => {
    switch (input.kind) {
      case 'string[]':
        return [[value]];
      case 'map':
        // The value shape uses a key that is legal for the map, so a refusal is about the value.
        return [{ [String(value)]: 'x' }, { [input.prop === 'claimMappings' ? 'terraform_organization_name' : 'k']: value }];
      default:
        return [value];
    }
  };
  const cases: Array<{ value: unknown; shaped: unknown }> = [];
  for (const value of hostileValues(input.kind, input.kind === 'map' ? undefined : own)) {
    for (const shaped of shapes(value)) cases.push({ value, shaped });
  }
  if (input.kind === 'map' && own !== null && typeof own === 'object' && Object.keys(own).length > 0) {
    // The scenario's own first entry with the template appended to its key, then to its value.
    const [key, entry] = Object.entries(own as Record<string, string>)[0];
    cases.push({ value: key + SUFFIX, shaped: { ...own, [key + SUFFIX]: entry } });
    cases.push({ value: entry + SUFFIX, shaped: { ...own, [key]: entry + SUFFIX } });
  }
  for (const { value, shaped } of cases) {
    counts.cases++;
    const override: Override = (struct, literal) =>
      ancestry(struct).includes(input.struct) ? { ...literal, [input.prop]: shaped } : literal;
    const label = `${input.struct}.${input.prop} = ${JSON.stringify(shaped).slice(0, 60)}`;
    counts[judge(label, input.prop, value, () => synth((stack) => scenario.build(stack, override), scenario.clouds), baseline) === 'refused' ? 'refused' : 'accepted']++;
  }
}, 120000);

// ---------------------------------------------------------------------------------------------------------------
// Parameters of public methods, static methods and constructors.

interface Param {
  /** `Class.method.param`, with `constructor` for initializers. */
  readonly key: string;
  readonly param: string;
  readonly kind: 'string' | 'number' | 'string[]';
}

const PARAMS: Param[] = [];
for (const type of Object.values<any>(assembly.types)) {
  if (type.kind !== 'class') continue;
  const callables = [...(type.initializer ? [{ ...type.initializer, name: 'constructor' }] : []), ...(type.methods ?? [])];
  for (const callable of callables) {
    for (const parameter of callable.parameters ?? []) {
      const kind = kindOf(parameter.type);
      // A variadic string parameter is passed as a list of strings.
      if (kind === 'string' || kind === 'number' || kind === 'string[]') {
        PARAMS.push({ key: `${type.name}.${callable.name}.${parameter.name}`, param: parameter.name, kind: parameter.variadic ? 'string[]' : kind });
      }
    }
  }
}

/** Parameters no scenario passes, with the reason. */
const PARAMS_NOT_EXERCISED: Record<string, string> = {
  'AwsEngineRole.constructor.id': 'protected: only the public AwsAssumedRole, AwsIamUserRole and AwsFederationTokenRole constructors (exercised) call it, with their own id',
  'AwsEngineRole.constructor.roleArns': 'protected: receives AwsAssumedRoleProps.roleArns (exercised as a struct prop)',
  'GcpEngineRole.constructor.id': 'protected: only the public GcpRoleset and GcpStaticAccount constructors (exercised) call it, with their own id',
  'WorkspaceGrant.constructor.id': 'built by VaultBackedDynamicCredentials.grantWorkspaces (exercised), which passes its id unchanged; WorkspaceGrantProps are facade-made (NOT_EXERCISED)',
  'StackDeploymentGrant.constructor.id': 'built by VaultBackedDynamicCredentials.grantStackDeployments (exercised), which passes its id unchanged',
  'ModuleTestGrant.constructor.id': 'built by VaultBackedDynamicCredentials.grantModuleTests (exercised), which passes its id unchanged',
};

/** Passes `literal` through, or the hostile value when `key` is the parameter under test. */
type ParamOverride = <T>(key: string, literal: T) => T;

const TRUST = { organization: 'acme', vaultAddress: 'https://vault.example.com' };

/**
 * A locally generated provider binding stands in for AzureAD (this package has no AzureAD bindings): like every
 * generated provider it writes the arguments it is given.
 */
class AzureadStandIn extends TerraformProvider {
  constructor(scope: Construct, id: string, private readonly config: AzureadConsumerProviderConfig) {
    super(scope, id, { terraformResourceType: 'azuread', terraformGeneratorMetadata: { providerName: 'azuread' } });
    this.alias = config.alias;
  }
  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      alias: this.alias,
      use_cli: this.config.useCli,
      tenant_id: this.config.tenantId,
      client_id_file_path: this.config.clientIdFilePath,
      client_secret_file_path: this.config.clientSecretFilePath,
    };
  }
}

/** Scenarios calling methods and constructors the way users do, passing each parameter literal through `p`. */
const PARAM_SCENARIOS: Array<{ name: string; params: string[]; clouds?: Cloud[]; build: (stack: TerraformStack, p: ParamOverride) => void }> = [
  {
    name: 'facade, engines and their roles, grants (construct ids)',
    params: [
      'VaultBackedDynamicCredentials.constructor.id', 'VaultBackedDynamicCredentials.addAwsSecretsEngine.id', 'VaultBackedDynamicCredentials.addGcpSecretsEngine.id',
      'VaultBackedDynamicCredentials.addAzureSecretsEngine.id', 'VaultBackedDynamicCredentials.grantWorkspaces.id', 'VaultBackedDynamicCredentials.grantStackDeployments.id',
      'VaultBackedDynamicCredentials.grantModuleTests.id', 'AwsSecretsEngine.addAssumedRole.id', 'AwsSecretsEngine.addIamUser.id', 'AwsSecretsEngine.addFederationToken.id',
      'GcpSecretsEngine.addRoleset.id', 'GcpSecretsEngine.addStaticAccount.id', 'AzureSecretsEngine.addRole.id',
    ],
    build: (stack, p) => {
      const trust = new VaultBackedDynamicCredentials(stack, p('VaultBackedDynamicCredentials.constructor.id', 'trust'), TRUST);
      const aws = trust.addAwsSecretsEngine(p('VaultBackedDynamicCredentials.addAwsSecretsEngine.id', 'aws'));
      const r = aws.addAssumedRole(p('AwsSecretsEngine.addAssumedRole.id', 'r'), { roleArns: [ARN] });
      const u = aws.addIamUser(p('AwsSecretsEngine.addIamUser.id', 'u'), { policyArns: [POLICY] });
      const f = aws.addFederationToken(p('AwsSecretsEngine.addFederationToken.id', 'f'), { policyArns: [POLICY] });
      const gcp = trust.addGcpSecretsEngine(p('VaultBackedDynamicCredentials.addGcpSecretsEngine.id', 'gcp'));
      const rs = gcp.addRoleset(p('GcpSecretsEngine.addRoleset.id', 'rs'), { project: 'acme-data', tokenScopes: [SCOPE], bindings: [{ resource: RESOURCE, roles: ['roles/viewer'] }] });
      gcp.addStaticAccount(p('GcpSecretsEngine.addStaticAccount.id', 'sa'), { serviceAccountEmail: SA, tokenScopes: [SCOPE] });
      const azure = trust.addAzureSecretsEngine(p('VaultBackedDynamicCredentials.addAzureSecretsEngine.id', 'azure'), { subscriptionId: SUBSCRIPTION, tenantId: TENANT });
      const az = azure.addRole(p('AzureSecretsEngine.addRole.id', 'az'), { azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}` }], ttlSeconds: 3600 });
      trust.grantWorkspaces(p('VaultBackedDynamicCredentials.grantWorkspaces.id', 'g'), {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('network'),
        aws: { plan: r, apply: r },
        gcp: { plan: rs, apply: rs },
        azure: { plan: az, apply: az },
        additionalConfigurations: [{ tag: 'IAM', aws: { plan: u, apply: u } }, { tag: 'FED', aws: { plan: f, apply: f } }],
      });
      trust.grantStackDeployments(p('VaultBackedDynamicCredentials.grantStackDeployments.id', 'st'), { project: 'Platform', stack: 'network', deployments: ['prod'], planCredentials: [r], applyCredentials: [r] });
      trust.grantModuleTests(p('VaultBackedDynamicCredentials.grantModuleTests.id', 'mt'), { module: 'terraform-aws-vpc', moduleProvider: 'aws', aws: r });
    },
  },
  {
    name: 'standalone engines, mounts, roles and variable sets built with new and fromMountPath',
    params: [
      'AwsSecretsEngine.constructor.id', 'GcpSecretsEngine.constructor.id', 'AzureSecretsEngine.constructor.id', 'AwsAssumedRole.constructor.id',
      'AwsIamUserRole.constructor.id', 'AwsFederationTokenRole.constructor.id', 'GcpRoleset.constructor.id', 'GcpStaticAccount.constructor.id',
      'AzureEngineRole.constructor.id', 'HcpTerraformJwtAuthMount.constructor.id', 'HcpTerraformJwtAuthMount.fromMountPath.id',
      'AwsSecretsEngine.fromMountPath.id', 'GcpSecretsEngine.fromMountPath.id', 'AzureSecretsEngine.fromMountPath.id', 'WorkloadRole.constructor.id',
      'CredentialVariableSet.constructor.id', 'CredentialVariableSet.findVariable.key', 'HcpTerraformLookups.constructor.id',
    ],
    build: (stack, p) => {
      const aws = new AwsSecretsEngine(stack, p('AwsSecretsEngine.constructor.id', 'aws'));
      const r = new AwsAssumedRole(aws, p('AwsAssumedRole.constructor.id', 'r'), { roleArns: [ARN] });
      new AwsIamUserRole(aws, p('AwsIamUserRole.constructor.id', 'u'), { policyArns: [POLICY] });
      new AwsFederationTokenRole(aws, p('AwsFederationTokenRole.constructor.id', 'f'), { policyArns: [POLICY] });
      const gcp = new GcpSecretsEngine(stack, p('GcpSecretsEngine.constructor.id', 'gcp'));
      new GcpRoleset(gcp, p('GcpRoleset.constructor.id', 'rs'), { project: 'acme-data', tokenScopes: [SCOPE], bindings: [{ resource: RESOURCE, roles: ['roles/viewer'] }] });
      new GcpStaticAccount(gcp, p('GcpStaticAccount.constructor.id', 'sa'), { serviceAccountEmail: SA, tokenScopes: [SCOPE] });
      const azure = new AzureSecretsEngine(stack, p('AzureSecretsEngine.constructor.id', 'azure'), { subscriptionId: SUBSCRIPTION, tenantId: TENANT });
      new AzureEngineRole(azure, p('AzureEngineRole.constructor.id', 'az'), { azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}` }], ttlSeconds: 3600 });
      const mount = new HcpTerraformJwtAuthMount(stack, p('HcpTerraformJwtAuthMount.constructor.id', 'mount'));
      HcpTerraformJwtAuthMount.fromMountPath(stack, p('HcpTerraformJwtAuthMount.fromMountPath.id', 'jwt'), { mountPath: 'jwt-existing' });
      AwsSecretsEngine.fromMountPath(stack, p('AwsSecretsEngine.fromMountPath.id', 'aws-existing'), { mountPath: 'aws-existing' });
      GcpSecretsEngine.fromMountPath(stack, p('GcpSecretsEngine.fromMountPath.id', 'gcp-existing'), { mountPath: 'gcp-existing' });
      AzureSecretsEngine.fromMountPath(stack, p('AzureSecretsEngine.fromMountPath.id', 'azure-existing'), { mountPath: 'azure-existing', subscriptionId: SUBSCRIPTION, tenantId: TENANT });
      new WorkloadRole(stack, p('WorkloadRole.constructor.id', 'role'), {
        authMount: mount,
        organization: 'acme',
        project: 'Platform',
        workspaces: WorkspaceSelector.names('network'),
        runPhases: [RunPhase.PLAN],
        credentials: [r],
        roleName: 'standalone',
      });
      const lookups = new HcpTerraformLookups(stack, p('HcpTerraformLookups.constructor.id', 'lookups'), { organization: 'acme' });
      const set = new CredentialVariableSet(stack, p('CredentialVariableSet.constructor.id', 'set'), {
        organization: 'acme',
        name: 'standalone',
        project: 'Platform',
        workspaces: WorkspaceSelector.names('network'),
        variables: [{ key: 'EXTRA', value: 'v' }],
        lookups,
      });
      // Looking a variable up writes nothing; a hostile key finds nothing.
      const found = set.findVariable(p('CredentialVariableSet.findVariable.key', 'EXTRA'));
      if (found) found.description = 'found';
    },
  },
  {
    name: 'workspace selectors in a grant',
    params: ['WorkspaceSelector.names.names', 'WorkspaceSelector.ids.ids', 'WorkspaceSelector.prefix.prefix'],
    build: (stack, p) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('names', { project: 'Platform', workspaces: WorkspaceSelector.names(...p('WorkspaceSelector.names.names', ['network'])), aws: { plan: r, apply: r } });
      trust.grantWorkspaces('ids', { project: 'Platform', workspaces: WorkspaceSelector.ids(...p('WorkspaceSelector.ids.ids', ['ws-AbCdEfGh12345678'])), aws: { plan: r, apply: r } });
      trust.grantWorkspaces('prefix', { project: 'Platform', workspaces: WorkspaceSelector.prefix(p('WorkspaceSelector.prefix.prefix', 'app-')), aws: { plan: r, apply: r } });
    },
  },
  {
    name: 'the set grants of one trust share',
    params: ['SharedVariableSet.findVariable.key'],
    build: (stack, p) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      const aws = { plan: r, apply: r };
      const grants = ['one', 'two'].map((id) => trust.grantWorkspaces(id, { project: 'Platform', workspaces: WorkspaceSelector.names(id), aws }));
      // Looking a variable up writes nothing; a hostile key finds nothing.
      const found = grants[0].sharedVariableSet?.findVariable(p('SharedVariableSet.findVariable.key', 'TFC_VAULT_ADDR'));
      if (found) found.description = 'found';
    },
  },
  {
    name: 'shared look-ups called directly',
    params: ['HcpTerraformLookups.lookupProject.name', 'HcpTerraformLookups.lookupWorkspace.name', 'HcpTerraformLookups.lookupWorkspace.projectName', 'HcpTerraformLookups.checkProjectSpelling.projectName'],
    build: (stack, p) => {
      const lookups = new HcpTerraformLookups(stack, 'lookups', { organization: 'acme' });
      lookups.checkOrganizationSpelling();
      lookups.lookupProject(p('HcpTerraformLookups.lookupProject.name', 'Platform'));
      lookups.lookupWorkspace(p('HcpTerraformLookups.lookupWorkspace.name', 'network'), p('HcpTerraformLookups.lookupWorkspace.projectName', 'Platform'));
      lookups.checkProjectSpelling(p('HcpTerraformLookups.checkProjectSpelling.projectName', 'Platform'));
    },
  },
  {
    name: 'consumer provider configurations',
    params: [
      'DynamicCredentialsConsumer.constructor.id', 'DynamicCredentialsConsumer.vaultProviderConfig.tag', 'AwsConsumer.providerConfig.region',
      'AwsConsumer.providerConfig.tag', 'GoogleConsumer.providerConfig.project', 'AzureConsumer.azurermProviderConfig.subscriptionId',
      'AzureConsumer.azurermProviderConfig.tenantId', 'AzureConsumer.azurermProviderConfig.tag', 'AzureConsumer.azureadProviderConfig.tenantId',
      'AzureConsumer.azureadProviderConfig.tag',
    ],
    build: (stack, p) => {
      const consumer = new DynamicCredentialsConsumer(stack, p('DynamicCredentialsConsumer.constructor.id', 'consumer'));
      new VaultProvider(stack, 'vault-tagged', consumer.vaultProviderConfig(p('DynamicCredentialsConsumer.vaultProviderConfig.tag', 'PRIMARY')));
      new AwsProvider(stack, 'aws', consumer.aws.providerConfig(p('AwsConsumer.providerConfig.region', 'us-east-1'), p('AwsConsumer.providerConfig.tag', 'PRIMARY')));
      new GoogleProvider(stack, 'google', consumer.google.providerConfig(p('GoogleConsumer.providerConfig.project', 'acme-data')));
      new AzurermProvider(stack, 'azurerm', consumer.azure.azurermProviderConfig(
        p('AzureConsumer.azurermProviderConfig.subscriptionId', SUBSCRIPTION),
        p('AzureConsumer.azurermProviderConfig.tenantId', TENANT),
        p('AzureConsumer.azurermProviderConfig.tag', 'PRIMARY'),
      ));
      new AzureadStandIn(stack, 'azuread', consumer.azure.azureadProviderConfig(
        p('AzureConsumer.azureadProviderConfig.tenantId', TENANT),
        p('AzureConsumer.azureadProviderConfig.tag', 'PRIMARY'),
      ));
    },
  },
  {
    name: 'cloud-side identities (construct ids and allowAssumeRole)',
    params: [
      'AwsSecretsEngineUser.constructor.id', 'AwsSecretsEngineUser.allowAssumeRole.roleArn', 'AwsRunRole.constructor.id',
      'GcpSecretsEngineServiceAccount.constructor.id', 'AzureSecretsEngineRoleAssignment.constructor.id',
    ],
    clouds: ['aws', 'google', 'azurerm'],
    build: (stack, p) => {
      const engineUser = new AwsSecretsEngineUser(stack, p('AwsSecretsEngineUser.constructor.id', 'engine-user'));
      new AwsRunRole(stack, p('AwsRunRole.constructor.id', 'run'), { engineUser, managedPolicyArns: [POLICY] });
      engineUser.allowAssumeRole(p('AwsSecretsEngineUser.allowAssumeRole.roleArn', 'arn:aws:iam::222222222222:role/elsewhere'), true);
      new GcpSecretsEngineServiceAccount(stack, p('GcpSecretsEngineServiceAccount.constructor.id', 'gcp-engine'), { project: 'acme-data' });
      new AzureSecretsEngineRoleAssignment(stack, p('AzureSecretsEngineRoleAssignment.constructor.id', 'azure-engine'), { scope: `/subscriptions/${SUBSCRIPTION}`, principalId: ENGINE_OBJECT_ID });
    },
  },
];

const paramCounts = { inputs: 0, cases: 0, refused: 0, accepted: 0 };
const paramScenarioOf = (key: string) => PARAM_SCENARIOS.find((s) => s.params.includes(key));

test('every string parameter of a public method or constructor is passed by a scenario or listed with a reason', () => {
  const keys = PARAMS.map((p) => p.key);
  expect(PARAMS.filter((p) => paramScenarioOf(p.key) === undefined && PARAMS_NOT_EXERCISED[p.key] === undefined).map((p) => p.key)).toEqual([]);
  expect(Object.keys(PARAMS_NOT_EXERCISED).filter((k) => paramScenarioOf(k) !== undefined || !keys.includes(k))).toEqual([]);
  // A scenario names only parameters the assembly has.
  expect(PARAM_SCENARIOS.flatMap((s) => s.params).filter((k) => !keys.includes(k))).toEqual([]);
});

const passed = PARAMS.filter((p) => paramScenarioOf(p.key) !== undefined);

test.each(passed.map((p) => [p.key, p] as const))('%s: hostile values are refused naming parameter and value, or accepted inert', (_label, param) => {
  const scenario = paramScenarioOf(param.key)!;
  const baselineKey = `param:${scenario.name}`;
  let own: unknown;
  const plain = synth((stack) => scenario.build(stack, (key, literal) => {
    if (key === param.key) own = literal;
    return literal;
  }), scenario.clouds);
  // The scenario really passes the parameter (a scenario that lists it without calling it would prove nothing).
  expect([param.key, own !== undefined]).toEqual([param.key, true]);
  if (!baselines.has(baselineKey)) baselines.set(baselineKey, templateSequences(plain));
  const baseline = baselines.get(baselineKey)!;
  paramCounts.inputs++;
  for (const value of hostileValues(param.kind, own)) {
    const shaped = param.kind === 'string[]' ? [value] : value;
    paramCounts.cases++;
    const override: ParamOverride = <T>(key: string, literal: T): T => (key === param.key ? (shaped as T) : literal);
    const label = `${param.key} = ${JSON.stringify(shaped).slice(0, 60)}`;
    paramCounts[judge(label, param.param, value, () => synth((stack) => scenario.build(stack, override), scenario.clouds), baseline) === 'refused' ? 'refused' : 'accepted']++;
  }
}, 120000);
