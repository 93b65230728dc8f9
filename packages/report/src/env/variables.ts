/**
 * The environment-variable contract between HCP Terraform runs and Vault.
 *
 * Pure module: it knows every `TFC_VAULT_*` / `TFC_VAULT_BACKED_*` name this library emits, when each one is
 * needed, and how a tagged configuration (`_<TAG>`) spells it. It imports nothing from cdktf, so values may be
 * plain strings or unresolved Terraform tokens alike; it never inspects a value it does not own.
 */

import { DEFAULT_VAULT_AUDIENCE, DEFAULT_VAULT_AUTH_PATH } from '../catalogue/defaults';

/** One environment variable a run needs. */
export interface EnvVariableSpec {
  readonly key: string;
  readonly value: string;
  readonly sensitive: boolean;
  readonly description: string;
}

export { DEFAULT_VAULT_AUDIENCE, DEFAULT_VAULT_AUTH_PATH };
/** Upper bound HCP Terraform accepts for `*_SLEEP_SECONDS`. */
export const MAX_SLEEP_SECONDS = 1500;

/** Credential types of the Vault AWS secrets engine that HCP Terraform can consume. */
export const AWS_AUTH_TYPES = ['iam_user', 'assumed_role', 'federation_token'] as const;
export type AwsAuthTypeName = (typeof AWS_AUTH_TYPES)[number];

/** Which Vault role(s) the run logs in with: one per phase, or one for both. */
export type PhaseValues =
  | { readonly kind: 'per-phase'; readonly plan: string; readonly apply: string }
  | { readonly kind: 'shared'; readonly run: string };

/** Everything the Vault half of the contract needs. */
export interface VaultRunSettings {
  /** Vault address, including scheme. Emitted as a sensitive variable. */
  readonly address: string;
  /** Vault Enterprise namespace that holds the JWT mount; omitted for the root namespace. */
  readonly namespace?: string;
  /** Value to emit for the auth mount path (may be a token). */
  readonly authPath: string;
  /** True when the mount path is the default `jwt`, so the variable can be left out. */
  readonly authPathIsDefault: boolean;
  /** Audience value to emit (may be a token). */
  readonly audience: string;
  /** True when the audience is `vault.workload.identity`, so the variable can be left out. */
  readonly audienceIsDefault: boolean;
  readonly roles: PhaseValues;
  /** Base64-encoded PEM bundle of a private CA, when Vault's certificate is not publicly trusted. */
  readonly encodedCaCert?: string;
  /** Client timeout for Vault requests, in seconds. */
  readonly clientTimeoutSeconds?: number;
}

/** Everything the AWS half of the contract needs. */
export interface AwsRunSettings {
  /** Credential type; a literal or a token that resolves to one of {@link AWS_AUTH_TYPES}. */
  readonly authType: string;
  readonly vaultRoles: PhaseValues;
  /** IAM role ARNs to request, required for `assumed_role`. */
  readonly roleArns?: PhaseValues;
  readonly mountPath: string;
  readonly sleepSeconds?: number;
}

/** Problem with a configuration tag, or undefined when it is usable. */
export function tagProblem(tag: string): string | undefined {
  if (!/^[A-Za-z0-9_]+$/.test(tag)) {
    return `configuration tag ${JSON.stringify(tag)} may contain only ASCII letters, digits and "_"; choose a tag such as "SECONDARY"`;
  }
  if (tag === 'TYPE') {
    return 'configuration tag "TYPE" is reserved by HCP Terraform; choose another tag';
  }
  return undefined;
}

/** The key of a variable in a tagged configuration: `KEY_<TAG>`, or `KEY` for the default configuration. */
export function taggedKey(key: string, tag?: string): string {
  if (tag === undefined) {
    return key;
  }
  const problem = tagProblem(tag);
  if (problem) {
    throw new Error(problem);
  }
  return `${key}_${tag}`;
}

function v(key: string, value: string, description: string, sensitive = false): EnvVariableSpec {
  return { key, value, sensitive, description };
}

function phaseVariables(prefix: string, suffix: string, values: PhaseValues, what: string): EnvVariableSpec[] {
  if (values.kind === 'shared') {
    return [v(`${prefix}_RUN_${suffix}`, values.run, `${what} used by both plan and apply.`)];
  }
  return [
    v(`${prefix}_PLAN_${suffix}`, values.plan, `${what} used during the plan phase.`),
    v(`${prefix}_APPLY_${suffix}`, values.apply, `${what} used during the apply phase.`),
  ];
}

/** Variables that make a run log in to Vault with its workload identity token. */
export function vaultRunVariables(settings: VaultRunSettings): EnvVariableSpec[] {
  const out: EnvVariableSpec[] = [
    v('TFC_VAULT_PROVIDER_AUTH', 'true', 'Turns on Vault workload identity login for this run.'),
    v('TFC_VAULT_ADDR', settings.address, 'Address of the Vault cluster the run logs in to.', true),
  ];
  if (settings.namespace !== undefined) {
    out.push(v('TFC_VAULT_NAMESPACE', settings.namespace, 'Vault namespace that holds the JWT auth mount, its roles and the secrets engines.'));
  }
  if (!settings.authPathIsDefault) {
    out.push(v('TFC_VAULT_AUTH_PATH', settings.authPath, 'Path of the JWT auth mount that trusts this run token issuer.'));
  }
  if (!settings.audienceIsDefault) {
    const about = 'Audience of the workload identity token; matches bound_audiences of the Vault role.';
    out.push(v('TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE', settings.audience, about));
  }
  out.push(...phaseVariables('TFC_VAULT', 'ROLE', settings.roles, 'Vault JWT role'));
  if (settings.encodedCaCert !== undefined) {
    out.push(v('TFC_VAULT_ENCODED_CACERT', settings.encodedCaCert, 'Base64-encoded PEM CA bundle the run uses to trust Vault.', true));
  }
  if (settings.clientTimeoutSeconds !== undefined) {
    out.push(v('TFC_VAULT_CLIENT_TIMEOUT', String(settings.clientTimeoutSeconds), 'Seconds the run waits for Vault before giving up.'));
  }
  return out;
}

/** Variables that make a run fetch AWS credentials from Vault's AWS secrets engine. */
export function awsRunVariables(settings: AwsRunSettings): EnvVariableSpec[] {
  const out: EnvVariableSpec[] = [
    v('TFC_VAULT_BACKED_AWS_AUTH', 'true', 'Turns on Vault-backed AWS credentials for this run.'),
    v('TFC_VAULT_BACKED_AWS_AUTH_TYPE', settings.authType, 'Credential type the Vault AWS secrets engine role issues.'),
    ...phaseVariables('TFC_VAULT_BACKED_AWS', 'VAULT_ROLE', settings.vaultRoles, 'Vault AWS secrets engine role'),
  ];
  if (settings.roleArns !== undefined) {
    out.push(...phaseVariables('TFC_VAULT_BACKED_AWS', 'ROLE_ARN', settings.roleArns, 'IAM role ARN'));
  }
  out.push(v('TFC_VAULT_BACKED_AWS_MOUNT_PATH', settings.mountPath, 'Path of the Vault AWS secrets engine mount.'));
  if (settings.sleepSeconds !== undefined) {
    out.push(v('TFC_VAULT_BACKED_AWS_SLEEP_SECONDS', String(settings.sleepSeconds), 'Seconds to wait for new IAM credentials to become usable.'));
  }
  return out;
}

/**
 * HCP Terraform's GCP auth types: the kind of engine role (`roleset` or `static_account`) and the secret it issues
 * (`access_token` or `service_account_key`). There is deliberately no impersonated-account type: HCP Terraform
 * cannot consume one.
 */
export const GCP_AUTH_TYPES = [
  'roleset/access_token',
  'roleset/service_account_key',
  'static_account/access_token',
  'static_account/service_account_key',
] as const;
export type GcpAuthTypeName = (typeof GCP_AUTH_TYPES)[number];

/** Everything the GCP half of the contract needs. */
export interface GcpRunSettings {
  /** One of {@link GCP_AUTH_TYPES}; both phases share it. */
  readonly authType: GcpAuthTypeName;
  /** Roleset or static-account names (by the kind in `authType`), per phase or shared. */
  readonly vaultRoles: PhaseValues;
  readonly mountPath: string;
}

/** Everything the Azure half of the contract needs. */
export interface AzureRunSettings {
  readonly vaultRoles: PhaseValues;
  readonly mountPath: string;
  /** Seconds to wait after Vault creates a service principal. */
  readonly sleepSeconds?: number;
  /** Emitted as `ARM_SUBSCRIPTION_ID` for the azurerm provider. */
  readonly subscriptionId?: string;
  /** Emitted as `ARM_TENANT_ID` for the azurerm and azuread providers. */
  readonly tenantId?: string;
}

/**
 * Variables a Vault-backed Azure run must never receive: they would switch the azurerm provider to its own OIDC or
 * client-id login and bypass the credentials Vault issued.
 */
export const FORBIDDEN_AZURE_RUN_VARIABLES = ['ARM_CLIENT_ID', 'ARM_CLIENT_SECRET', 'ARM_USE_OIDC', 'ARM_OIDC_TOKEN'] as const;

/** The Vault path a run reads for an AWS credential type: `<mount>/creds/<role>` for `iam_user`, else `<mount>/sts/<role>`. */
export function awsCredentialPath(mountPath: string, authType: AwsAuthTypeName, role: string): string {
  return `${mountPath}/${authType === 'iam_user' ? 'creds' : 'sts'}/${role}`;
}

/** The Vault path a run reads for a GCP auth type: `<mount>/roleset/<name>/token`, `<mount>/static-account/<name>/key`, ... */
export function gcpCredentialPath(mountPath: string, authType: GcpAuthTypeName, name: string): string {
  const [kind, secret] = authType.split('/');
  const segment = kind === 'roleset' ? 'roleset' : 'static-account';
  const endpoint = secret === 'access_token' ? 'token' : 'key';
  return `${mountPath}/${segment}/${name}/${endpoint}`;
}

/** The Vault path a run reads for Azure credentials: `<mount>/creds/<role>`. */
export function azureCredentialPath(mountPath: string, role: string): string {
  return `${mountPath}/creds/${role}`;
}

/** Variables that make a run fetch GCP credentials from Vault's GCP secrets engine. */
export function gcpRunVariables(settings: GcpRunSettings): EnvVariableSpec[] {
  const staticAccount = settings.authType.startsWith('static_account/');
  const suffix = staticAccount ? 'VAULT_STATIC_ACCOUNT' : 'VAULT_ROLESET';
  const what = staticAccount ? 'Vault GCP static account' : 'Vault GCP roleset';
  return [
    v('TFC_VAULT_BACKED_GCP_AUTH', 'true', 'Turns on Vault-backed GCP credentials for this run.'),
    v('TFC_VAULT_BACKED_GCP_AUTH_TYPE', settings.authType, 'Kind of GCP engine role and credential the run requests.'),
    ...phaseVariables('TFC_VAULT_BACKED_GCP', suffix, settings.vaultRoles, what),
    v('TFC_VAULT_BACKED_GCP_MOUNT_PATH', settings.mountPath, 'Path of the Vault GCP secrets engine mount.'),
  ];
}

/**
 * Variables that make a run fetch Azure credentials from Vault's Azure secrets engine, plus the subscription and
 * tenant the azurerm provider needs. Never `ARM_CLIENT_ID`, `ARM_USE_OIDC` or `ARM_OIDC_TOKEN`
 * ({@link FORBIDDEN_AZURE_RUN_VARIABLES}).
 */
export function azureRunVariables(settings: AzureRunSettings): EnvVariableSpec[] {
  const out: EnvVariableSpec[] = [
    v('TFC_VAULT_BACKED_AZURE_AUTH', 'true', 'Turns on Vault-backed Azure credentials for this run.'),
    ...phaseVariables('TFC_VAULT_BACKED_AZURE', 'VAULT_ROLE', settings.vaultRoles, 'Vault Azure secrets engine role'),
    v('TFC_VAULT_BACKED_AZURE_MOUNT_PATH', settings.mountPath, 'Path of the Vault Azure secrets engine mount.'),
  ];
  if (settings.sleepSeconds !== undefined) {
    out.push(v('TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS', String(settings.sleepSeconds), 'Seconds to wait for a new service principal to become usable.'));
  }
  if (settings.subscriptionId !== undefined) {
    out.push(v('ARM_SUBSCRIPTION_ID', settings.subscriptionId, 'Azure subscription the azurerm provider works in.'));
  }
  if (settings.tenantId !== undefined) {
    out.push(v('ARM_TENANT_ID', settings.tenantId, 'Microsoft Entra tenant of the service principals Vault issues.'));
  }
  return out;
}

/** The same variables for a tagged (non-default) configuration. */
export function tagVariables(variables: readonly EnvVariableSpec[], tag?: string): EnvVariableSpec[] {
  return variables.map((spec) => ({ ...spec, key: taggedKey(spec.key, tag) }));
}

/** Problem with a `*_SLEEP_SECONDS` value, or undefined. */
export function sleepSecondsProblem(seconds: number): string | undefined {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SLEEP_SECONDS) {
    return `sleep seconds ${seconds} must be a whole number from 0 to ${MAX_SLEEP_SECONDS} (HCP Terraform's limit)`;
  }
  return undefined;
}

/**
 * Collapses per-phase values into one shared value when plan and apply use the same thing, so the run gets the
 * `_RUN_` form and nothing redundant. Callers comparing references (whose strings differ per read) pass `same`.
 */
export function phaseValues(plan: string, apply: string, same: boolean = plan === apply): PhaseValues {
  return same ? { kind: 'shared', run: plan } : { kind: 'per-phase', plan, apply };
}
