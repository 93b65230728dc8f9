/**
 * The fleet both benchmark builders synthesize: the inputs a platform team would write down, shared by the library
 * builder (bench/fleet.ts) and the hand-written baseline (bench/baseline.ts). Everything the library derives from
 * these inputs (names, paths, policies, variables) is derived independently by each builder.
 */
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformStack, TerraformVariable } from 'cdktf';

export const STACK_NAME = 'fleet';
export const ORGANIZATION = 'acme';
export const VAULT_ADDRESS = 'https://vault.acme.example:8200';
export const VAULT_NAMESPACE = 'admin';
export const AWS_REGION = 'eu-west-1';
export const AZURE_SUBSCRIPTION_ID = '00000000-0000-4000-8000-000000000001';
export const AZURE_TENANT_ID = '00000000-0000-4000-8000-000000000002';
export const AZURE_ENGINE_CLIENT_ID = '00000000-0000-4000-8000-000000000003';
export const GCP_PROJECT = 'acme-fleet';
export const GCP_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
export const GCP_PROJECT_RESOURCE = `//cloudresourcemanager.googleapis.com/projects/${GCP_PROJECT}`;
export const AZURE_RESOURCE_GROUP = `/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/fleet`;
/** Grants are spread over this many HCP Terraform projects, so project look-ups are shared between grants. */
export const PROJECT_COUNT = 10;

/** What one grant of the fleet gives, and to whom. */
export interface FleetGrantSpec {
  /** Grant id (`g<i>`): also the base of its Vault role, policy and variable set names. */
  readonly id: string;
  readonly project: string;
  /** Two workspaces per grant, distinct across the fleet so no two grants reach one workspace. */
  readonly workspaces: readonly string[];
  readonly aws: { readonly plan: string; readonly apply: string; readonly planArn: string; readonly applyArn: string };
  readonly gcp: { readonly plan: string; readonly apply: string; readonly planRoles: string[]; readonly applyRoles: string[] };
  readonly azure: { readonly plan: string; readonly apply: string; readonly planRole: string; readonly applyRole: string };
}

/** The i-th grant of a fleet. */
export function grantSpec(i: number): FleetGrantSpec {
  const id = `g${i}`;
  return {
    id,
    project: `team-${i % PROJECT_COUNT}`,
    workspaces: [`svc-${i}-prod`, `svc-${i}-stage`],
    aws: {
      plan: `${id}-read`,
      apply: `${id}-admin`,
      planArn: `arn:aws:iam::111111111111:role/${id}-read`,
      applyArn: `arn:aws:iam::111111111111:role/${id}-admin`,
    },
    gcp: { plan: `${id}-viewer`, apply: `${id}-deployer`, planRoles: ['roles/viewer'], applyRoles: ['roles/storage.admin'] },
    azure: { plan: `${id}-reader`, apply: `${id}-contributor`, planRole: 'Reader', applyRole: 'Contributor' },
  };
}

/** The variables that carry the engines' root credentials: inputs of the stack, not output of either builder. */
export interface FleetInputs {
  readonly awsAccessKeyId: TerraformVariable;
  readonly awsSecretAccessKey: TerraformVariable;
  readonly gcpCredentials: TerraformVariable;
  readonly azureClientSecret: TerraformVariable;
}

/** The stack skeleton both builders start from: the Vault and TFE providers and the credential variables. */
export function fleetStack(app: App, name: string = STACK_NAME): { stack: TerraformStack; inputs: FleetInputs } {
  const stack = new TerraformStack(app, name);
  new VaultProvider(stack, 'vault', { address: VAULT_ADDRESS });
  new TfeProvider(stack, 'tfe', { hostname: 'app.terraform.io' });
  const inputs: FleetInputs = {
    awsAccessKeyId: new TerraformVariable(stack, 'aws_access_key_id', { type: 'string' }),
    awsSecretAccessKey: new TerraformVariable(stack, 'aws_secret_access_key', { type: 'string', sensitive: true }),
    gcpCredentials: new TerraformVariable(stack, 'gcp_credentials', { type: 'string', sensitive: true }),
    azureClientSecret: new TerraformVariable(stack, 'azure_client_secret', { type: 'string', sensitive: true }),
  };
  return { stack, inputs };
}

/** Called after each grant is built (the benchmark samples the heap there); a no-op by default. */
export type GrantHook = (index: number) => void;

/**
 * Where a fleet goes when an app holds several (the report benchmark's app of 10 stacks): its stack name, its Vault
 * namespace and the index of its first grant. Stacks of one app must not write the same Vault names on one Vault nor
 * the same variable set names in one organization (the library refuses it), so each fleet gets its own namespace and
 * its own range of grant ids.
 */
export interface FleetPlacement {
  readonly stackName: string;
  readonly vaultNamespace: string;
  readonly firstGrant: number;
}

/** Builds an N-grant fleet into a fresh stack of `app`. */
export type FleetBuilder = (app: App, grants: number, afterGrant?: GrantHook) => TerraformStack;
