/**
 * Every string and number input of the public API, derived from the jsii assembly (not a hand list), fed a corpus of
 * hostile values. Each case must be either refused with a message that names the prop and the value, or accepted
 * inert: the synthesized JSON holds no `${` or `%{` (in any value or key) that the same scenario does not hold without
 * the hostile value, so no accepted input changes meaning for Terraform.
 *
 * Inputs are exercised through scenarios that build the structs the way users do; a struct no scenario builds must be
 * listed in NOT_EXERCISED with the reason, so a new prop of a built struct is covered by construction.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import {
  Acknowledgements,
  AwsSecretsEngine,
  AzureSecretsEngine,
  GcpSecretsEngine,
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

/** Structs no scenario builds, with the reason. */
const NOT_EXERCISED: Record<string, string> = {
  WorkspaceGrantProps: 'built by the facade from WorkspaceGrantOptions and TrustSettings, both exercised; its own userClaim and lookups come from the facade props',
  StackDeploymentGrantProps: 'built by the facade from StackDeploymentGrantOptions and TrustSettings, both exercised; runNamespace is checked by vaultNamespaceProblem like vaultNamespace',
  ModuleTestGrantProps: 'built by the facade from ModuleTestGrantOptions and TrustSettings, both exercised',
  AwsRunRoleProps: 'cloud-side AWS identity (optional peer): not yet in a scenario; its description and inline policies pass the boundary (literalText)',
  AwsSecretsEngineUserProps: 'cloud-side AWS identity (optional peer): not yet in a scenario',
  GcpSecretsEngineServiceAccountProps: 'cloud-side GCP identity (optional peer): not yet in a scenario; displayName passes the boundary (literalText)',
  AzureSecretsEngineRoleAssignmentProps: 'cloud-side Azure identity (optional peer): not yet in a scenario; description passes the boundary (literalText)',
  AzureEngineClientCredentials: 'holds a sensitive TerraformVariable and a client id checked as a GUID',
  GcpEngineWriteOnlyCredentials: 'holds the write-only credentials JSON of a secret, which no value should ever be logged from',
  GoogleConsumerOptions: 'consumer-side provider wiring; its tag is checked by tagProblem',
  WorkspaceReference: 'references come from tfe resources (tokens), not literals',
  AzureadConsumerProviderConfig: 'returned by DynamicCredentialsConsumer.azureadProviderConfig, never passed in by a user',
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

/** Scenarios: each builds some structs the way users do, passing each literal through `o`. */
const SCENARIOS: Array<{ name: string; structs: string[]; build: (stack: TerraformStack, o: Override) => void }> = [
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
      const role = azure.addRole('r', o('AzureEngineRoleProps', { azureRoles: [o('AzureRbacRole', { roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/data` })], ttl: '1h' }));
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
        .addRole('r', { azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/data` }], ttl: '1h' });
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
  },
];

const STRINGS = ['${file("/etc/passwd")}', '${var.injected}', '%{ if true }x%{ endif }', 'a/../b', 'default', 'app.terraform.io:443', '', 'a\u0000\n\tb', 'x'.repeat(3000)];
const NUMBERS = [Number.NaN, -1, 1.5, 1e12];

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

function synth(build: (stack: TerraformStack) => void): any {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new VaultProvider(stack, 'vault', {});
  new TfeProvider(stack, 'tfe', {});
  build(stack);
  return JSON.parse(Testing.synth(stack, true));
}

/** Words of a camelCase prop, for messages that name it in prose ("existingMountPath" -> "path"). */
function propMentioned(message: string, prop: string): boolean {
  const lower = message.toLowerCase();
  if (lower.includes(prop.toLowerCase())) return true;
  // In prose: "roleArns" as "role ARN", "tokenScopes" as "token scope", "existingMountPath" as "path".
  const words = prop.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ').map((w) => w.replace(/s$/, ''));
  return lower.includes(words.join(' ')) || lower.includes(words[words.length - 1]);
}

function valueMentioned(message: string, value: unknown): boolean {
  if (typeof value === 'number') return message.includes(String(value));
  const open = JSON.stringify(value).slice(0, -1);
  return message.includes(open.slice(0, 40)) || message.includes(String(value).slice(0, 40));
}

const counts = { inputs: 0, cases: 0, refused: 0, accepted: 0 };
const scenarioOf = (struct: string) => SCENARIOS.find((s) => s.structs.some((built) => ancestry(built).includes(struct)));
const baselines = new Map<string, Set<string>>();

afterAll(() => {
  console.log(`public-inputs: ${counts.inputs} inputs from .jsii, ${counts.cases} hostile cases: ${counts.refused} refused with prop and value, ${counts.accepted} accepted inert`);
});

test('every struct with string or number inputs is built by a scenario or listed with a reason', () => {
  const unbuilt = [...new Set(INPUTS.map((i) => i.struct))].filter((s) => scenarioOf(s) === undefined && NOT_EXERCISED[s] === undefined).sort();
  expect(unbuilt).toEqual([]);
  expect(Object.keys(NOT_EXERCISED).filter((s) => scenarioOf(s) !== undefined)).toEqual([]);
});

const exercised = INPUTS.filter((i) => scenarioOf(i.struct) !== undefined);

test.each(exercised.map((i) => [`${i.struct}.${i.prop}`, i] as const))('%s: hostile values are refused naming prop and value, or accepted inert', (_label, input) => {
  const scenario = scenarioOf(input.struct)!;
  if (!baselines.has(scenario.name)) baselines.set(scenario.name, templateSequences(synth((stack) => scenario.build(stack, (_s, literal) => literal))));
  const baseline = baselines.get(scenario.name)!;
  counts.inputs++;
  const values: unknown[] = input.kind === 'number' ? NUMBERS : STRINGS;
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
  for (const value of values) {
    for (const shaped of shapes(value)) {
      counts.cases++;
      const override: Override = (struct, literal) =>
        ancestry(struct).includes(input.struct) ? { ...literal, [input.prop]: shaped } : literal;
      let json: any;
      try {
        json = synth((stack) => scenario.build(stack, override));
      } catch (error) {
        const message = (error as Error).message;
        const label = `${input.struct}.${input.prop} = ${JSON.stringify(shaped).slice(0, 60)}`;
        const named = propMentioned(message, input.prop) && valueMentioned(message, value);
        // On failure the message is shown next to the case.
        expect({ label, named, message: named ? '' : message.slice(0, 600) }).toEqual({ label, named: true, message: '' });
        counts.refused++;
        continue;
      }
      // The library's own references change with the input (a look-up id holds the project name), so what must not
      // appear is the hostile template itself, unescaped.
      const injected = [...templateSequences(json)].filter((sequence) => !baseline.has(sequence) && /^(\$\{(file|var\.injected)|%\{)/.test(sequence));
      expect([`${input.struct}.${input.prop} = ${JSON.stringify(shaped).slice(0, 60)}`, injected]).toEqual([`${input.struct}.${input.prop} = ${JSON.stringify(shaped).slice(0, 60)}`, []]);
      counts.accepted++;
    }
  }
}, 120000);
