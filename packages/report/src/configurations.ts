/**
 * How HCP Terraform reads a run's environment into dynamic-credential configurations: the default Vault
 * configuration and tagged ones (`_<TAG>` suffixes), the `TFC_DEFAULT_*` shared forms, per-phase values with their
 * `RUN` fallback, and Vault-backed AWS, GCP and Azure configurations mapped to a Vault configuration with
 * `TFC_VAULT_BACKED_<CLOUD>_VAULT_CONFIG`.
 *
 * Where HCP Terraform's documentation leaves the order open, each variable is first resolved on its own (explicit
 * tagged or untagged form, then its `TFC_DEFAULT_` form) and the phase fallback applies afterwards: `PLAN`, then
 * `RUN`.
 */
import {
  AWS_AUTH_TYPES,
  AwsAuthTypeName,
  awsCredentialPath,
  azureCredentialPath,
  DEFAULT_VAULT_AUDIENCE,
  DEFAULT_VAULT_AUTH_PATH,
  GCP_AUTH_TYPES,
  GcpAuthTypeName,
  gcpCredentialPath,
  MAX_SLEEP_SECONDS,
} from './env/variables';
import { EnvEntry } from './environment';
import { literalOf, Resolved, textOf } from './terraform-json';
import { Cloud, ROOT_NAMESPACE, trimSlashes } from './vault-index';
import { DEFAULT_ENGINE_MOUNTS } from './catalogue';

/** The two run phases (query runs use the plan configuration). */
export type Phase = 'plan' | 'apply';
export const PHASES: readonly Phase[] = ['plan', 'apply'];

/** A value read from the environment with the key it came from. */
export interface EnvValue {
  readonly key: string;
  readonly value: Resolved;
}

/** A Vault configuration (default or tagged) as the run will use it. */
export interface VaultConfiguration {
  /** Undefined for the default configuration. */
  readonly tag?: string;
  readonly address?: EnvValue;
  readonly namespace: Resolved;
  readonly authPath: Resolved;
  readonly audience: Resolved;
  /** The JWT role per phase after the `RUN` fallback. */
  readonly roles: Readonly<Partial<Record<Phase, EnvValue>>>;
  /** Reasons HCP Terraform cannot log in with this configuration in any phase. */
  readonly problems: string[];
  /** Reasons it cannot log in in one phase. */
  readonly phaseProblems: Readonly<Record<Phase, string[]>>;
}

/** What a cloud configuration reads in one phase. */
export interface CloudPhase {
  /** Secrets engine role, roleset or static account. */
  readonly role: EnvValue;
  readonly kind: 'role' | 'roleset' | 'static-account';
  /** The credential path below the namespace; undefined when the credential type is unknown. */
  readonly path?: string;
  /** True when mount, role and type are all literals. */
  readonly pathResolved: boolean;
  /** IAM role ARN requested (AWS `assumed_role`). */
  readonly roleArn?: EnvValue;
}

/** A Vault-backed cloud configuration (default or tagged). */
export interface CloudConfiguration {
  readonly cloud: Cloud;
  readonly tag?: string;
  /** Tag of the Vault configuration it logs in with; undefined for the default one. */
  readonly vaultTag?: string;
  readonly authType?: EnvValue;
  readonly mountPath: Resolved;
  readonly phases: Readonly<Partial<Record<Phase, CloudPhase>>>;
  /** Reasons HCP Terraform cannot fetch these credentials in any phase. */
  readonly problems: string[];
  /** Reasons it cannot fetch them in one phase. */
  readonly phaseProblems: Readonly<Record<Phase, string[]>>;
}

/** Every configuration a run's environment defines. */
export interface RunConfigurations {
  readonly vault: VaultConfiguration[];
  readonly clouds: CloudConfiguration[];
}

const TAG = '[A-Za-z0-9_]+';
const VAULT_ENABLE = new RegExp(`^TFC_VAULT_PROVIDER_AUTH(?:_(${TAG}))?$`);
const CLOUD_ENABLE = new RegExp(`^TFC_VAULT_BACKED_(AWS|GCP|AZURE)_AUTH(?:_(${TAG}))?$`);

/** Reads one variable of a configuration: the explicit (tagged) key, else its `TFC_DEFAULT_` form. */
export function readVariable(env: ReadonlyMap<string, EnvEntry>, base: string, tag?: string): EnvValue | undefined {
  const explicit = tag === undefined ? base : `${base}_${tag}`;
  const entry = env.get(explicit);
  if (entry) return { key: explicit, value: entry.value };
  const shared = `TFC_DEFAULT_${base.slice('TFC_'.length)}`;
  const fallback = env.get(shared);
  return fallback ? { key: shared, value: fallback.value } : undefined;
}

function phaseVariable(env: ReadonlyMap<string, EnvEntry>, prefix: string, suffix: string, phase: Phase, tag?: string): EnvValue | undefined {
  return readVariable(env, `${prefix}_${phase.toUpperCase()}_${suffix}`, tag) ?? readVariable(env, `${prefix}_RUN_${suffix}`, tag);
}

function isTrue(entry: EnvEntry | undefined): boolean {
  return entry !== undefined && literalOf(entry.value) === 'true';
}

/** Tags whose enable flag is on; `undefined` stands for the default configuration. */
function enabledTags(env: ReadonlyMap<string, EnvEntry>, pattern: RegExp, group: number, cloud?: string): Array<string | undefined> {
  const tags: Array<string | undefined> = [];
  for (const [key, entry] of env) {
    const match = pattern.exec(key);
    if (!match || (cloud !== undefined && match[1] !== cloud)) continue;
    const tag = match[group];
    // TFC_VAULT_BACKED_<CLOUD>_AUTH_TYPE[_<TAG>] is the credential type, not an enable flag ("TYPE" is reserved).
    if (tag !== undefined && (tag === 'TYPE' || tag.startsWith('TYPE_'))) continue;
    if (isTrue(entry)) tags.push(tag);
  }
  // Array sort moves undefined to the end without asking the comparator; the default configuration goes first.
  const named = tags.filter((t): t is string => t !== undefined).sort();
  return tags.includes(undefined) ? [undefined, ...named] : named;
}

function vaultConfiguration(env: ReadonlyMap<string, EnvEntry>, tag: string | undefined): VaultConfiguration {
  const problems: string[] = [];
  const suffix = tag === undefined ? '' : `_${tag}`;
  const address = readVariable(env, 'TFC_VAULT_ADDR', tag);
  if (!address) problems.push(`TFC_VAULT_ADDR${suffix} is not set, so the run does not know which Vault to log in to`);
  const roles: Partial<Record<Phase, EnvValue>> = {};
  const phaseProblems: Record<Phase, string[]> = { plan: [], apply: [] };
  for (const phase of PHASES) {
    const role = phaseVariable(env, 'TFC_VAULT', 'ROLE', phase, tag);
    if (role) roles[phase] = role;
    else {
      const phaseRole = `TFC_VAULT_${phase.toUpperCase()}_ROLE${suffix}`;
      phaseProblems[phase].push(`neither ${phaseRole} nor TFC_VAULT_RUN_ROLE${suffix} is set, so ${phase} runs have no Vault role`);
    }
  }
  return {
    tag,
    address,
    namespace: trimSlashes(readVariable(env, 'TFC_VAULT_NAMESPACE', tag)?.value ?? ROOT_NAMESPACE),
    authPath: trimSlashes(readVariable(env, 'TFC_VAULT_AUTH_PATH', tag)?.value ?? { literal: DEFAULT_VAULT_AUTH_PATH }),
    audience: readVariable(env, 'TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE', tag)?.value ?? { literal: DEFAULT_VAULT_AUDIENCE },
    roles,
    problems,
    phaseProblems,
  };
}

function credentialPath(
  cloud: Cloud,
  authType: string | undefined,
  mount: Resolved,
  role: EnvValue,
): { path?: string; resolved: boolean; kind: CloudPhase['kind'] } {
  const m = textOf(mount)!;
  const r = textOf(role.value)!;
  const literal = 'literal' in mount && 'literal' in role.value;
  if (cloud === 'azure') return { path: azureCredentialPath(m, r), resolved: literal, kind: 'role' };
  if (cloud === 'aws') {
    if (!isAwsAuthType(authType)) return { resolved: false, kind: 'role' };
    return { path: awsCredentialPath(m, authType, r), resolved: literal, kind: 'role' };
  }
  const kind = authType?.startsWith('static_account/') ? 'static-account' : 'roleset';
  if (!isGcpAuthType(authType)) return { resolved: false, kind };
  return { path: gcpCredentialPath(m, authType, r), resolved: literal, kind };
}

function isAwsAuthType(value: string | undefined): value is AwsAuthTypeName {
  return value !== undefined && (AWS_AUTH_TYPES as readonly string[]).includes(value);
}

function isGcpAuthType(value: string | undefined): value is GcpAuthTypeName {
  return value !== undefined && (GCP_AUTH_TYPES as readonly string[]).includes(value);
}

function cloudConfiguration(
  env: ReadonlyMap<string, EnvEntry>,
  cloud: Cloud,
  tag: string | undefined,
  vaultTags: ReadonlyArray<string | undefined>,
): CloudConfiguration {
  const upper = cloud.toUpperCase();
  const prefix = `TFC_VAULT_BACKED_${upper}`;
  const suffix = tag === undefined ? '' : `_${tag}`;
  const problems: string[] = [];

  const mapping = readVariable(env, `${prefix}_VAULT_CONFIG`, tag);
  const vaultTag = mapping ? textOf(mapping.value) : undefined;
  if (!vaultTags.includes(vaultTag)) {
    const refusal = 'HCP Terraform fails with "configuration for Vault authentication is required';
    problems.push(
      mapping
        ? `${mapping.key} names Vault configuration "${vaultTag}", but TFC_VAULT_PROVIDER_AUTH_${vaultTag} is not "true"; ${refusal}"`
        : 'there is no default Vault configuration (TFC_VAULT_PROVIDER_AUTH is not "true") and ' +
            `${prefix}_VAULT_CONFIG${suffix} is not set; ${refusal} for Vault-backed ${upper} authentication"`,
    );
  }

  const authType = cloud === 'azure' ? undefined : readVariable(env, `${prefix}_AUTH_TYPE`, tag);
  const authTypeText = authType ? literalOf(authType.value) : undefined;
  if (cloud !== 'azure') {
    const allowed: readonly string[] = cloud === 'aws' ? AWS_AUTH_TYPES : GCP_AUTH_TYPES;
    if (!authType) problems.push(`${prefix}_AUTH_TYPE${suffix} is not set; it must be one of ${allowed.join(', ')}`);
    else if (authTypeText !== undefined && !allowed.includes(authTypeText)) {
      problems.push(`${authType.key} is "${authTypeText}"; it must be one of ${allowed.join(', ')}`);
    }
  }
  const mountPath = trimSlashes(readVariable(env, `${prefix}_MOUNT_PATH`, tag)?.value ?? { literal: DEFAULT_ENGINE_MOUNTS[cloud] });

  let roleSuffix = 'VAULT_ROLE';
  if (cloud === 'gcp') roleSuffix = authTypeText?.startsWith('static_account/') ? 'VAULT_STATIC_ACCOUNT' : 'VAULT_ROLESET';
  const phases: Partial<Record<Phase, CloudPhase>> = {};
  const phaseProblems: Record<Phase, string[]> = { plan: [], apply: [] };
  for (const phase of PHASES) {
    const role = phaseVariable(env, prefix, roleSuffix, phase, tag);
    if (!role) {
      const phaseRole = `${prefix}_${phase.toUpperCase()}_${roleSuffix}${suffix}`;
      phaseProblems[phase].push(`neither ${phaseRole} nor ${prefix}_RUN_${roleSuffix}${suffix} is set, so ${phase} runs get no ${upper} credentials`);
      continue;
    }
    const { path, resolved, kind } = credentialPath(cloud, authTypeText, mountPath, role);
    const roleArn = cloud === 'aws' ? phaseVariable(env, prefix, 'ROLE_ARN', phase, tag) : undefined;
    if (cloud === 'aws' && authTypeText === 'assumed_role' && !roleArn) {
      const phaseArn = `${prefix}_${phase.toUpperCase()}_ROLE_ARN${suffix}`;
      phaseProblems[phase].push(`${prefix}_AUTH_TYPE${suffix} is assumed_role but neither ${phaseArn} nor ${prefix}_RUN_ROLE_ARN${suffix} is set`);
    }
    phases[phase] = { role, kind, path, pathResolved: resolved, roleArn };
  }
  if (cloud !== 'gcp') {
    const sleep = readVariable(env, `${prefix}_SLEEP_SECONDS`, tag);
    const seconds = sleep ? Number(literalOf(sleep.value)) : undefined;
    if (sleep && seconds !== undefined && !Number.isNaN(seconds) && (seconds < 0 || seconds > MAX_SLEEP_SECONDS)) {
      problems.push(`${sleep.key} is ${seconds}; HCP Terraform accepts 0 to ${MAX_SLEEP_SECONDS}`);
    }
  }
  return { cloud, tag, vaultTag, authType, mountPath, phases, problems, phaseProblems };
}

/** Reads every Vault and Vault-backed cloud configuration out of a run's environment. */
export function runConfigurations(env: ReadonlyMap<string, EnvEntry>): RunConfigurations {
  const vaultTags = enabledTags(env, VAULT_ENABLE, 1);
  const vault = vaultTags.map((tag) => vaultConfiguration(env, tag));
  const clouds: CloudConfiguration[] = [];
  for (const cloud of ['aws', 'gcp', 'azure'] as const) {
    for (const tag of enabledTags(env, CLOUD_ENABLE, 2, cloud.toUpperCase())) clouds.push(cloudConfiguration(env, cloud, tag, vaultTags));
  }
  return { vault, clouds };
}
