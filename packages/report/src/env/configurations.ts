/**
 * Multiple configurations: how the variables of several (tagged) Vault and cloud configurations are combined into
 * one variable set. Pure: no cdktf.
 *
 * - Each configuration's variables get the `_<TAG>` suffix (none for the default configuration).
 * - A cloud configuration whose Vault configuration is tagged gets `TFC_VAULT_BACKED_<CLOUD>_VAULT_CONFIG[_TAG]`,
 *   so an alias-only setup (no default Vault configuration) never fails silently.
 * - Optionally, a value that every configuration of one kind shares is emitted once in its `TFC_DEFAULT_*` form.
 *   Enable flags (`TFC_VAULT_PROVIDER_AUTH`, `TFC_VAULT_BACKED_<CLOUD>_AUTH`) have no default form and are never
 *   collapsed.
 * - Variables that are not HCP Terraform's own (`ARM_SUBSCRIPTION_ID`, `ARM_TENANT_ID`) belong to the default
 *   provider only; tagged configurations leave them out (their providers take these as arguments).
 */
import { EnvVariableSpec } from './variables';

/** Which family of variables a configuration belongs to. */
export type ConfigurationKind = 'vault' | 'aws' | 'gcp' | 'azure';

/** One configuration's variables in untagged form. */
export interface ConfigurationVariables {
  readonly kind: ConfigurationKind;
  /** Tag, or undefined for the default configuration. */
  readonly tag?: string;
  readonly variables: readonly EnvVariableSpec[];
}

const ENABLE_FLAGS = new Set([
  'TFC_VAULT_PROVIDER_AUTH',
  'TFC_VAULT_BACKED_AWS_AUTH',
  'TFC_VAULT_BACKED_GCP_AUTH',
  'TFC_VAULT_BACKED_AZURE_AUTH',
]);

const CLOUD_PREFIX: Record<Exclude<ConfigurationKind, 'vault'>, string> = {
  aws: 'TFC_VAULT_BACKED_AWS',
  gcp: 'TFC_VAULT_BACKED_GCP',
  azure: 'TFC_VAULT_BACKED_AZURE',
};

/** The variable that points a cloud configuration at a tagged Vault configuration. */
export function vaultConfigMapping(kind: Exclude<ConfigurationKind, 'vault'>, vaultTag: string): EnvVariableSpec {
  return {
    key: `${CLOUD_PREFIX[kind]}_VAULT_CONFIG`,
    value: vaultTag,
    sensitive: false,
    description: `Vault configuration (tag) whose token fetches these ${kind.toUpperCase()} credentials.`,
  };
}

/** `TFC_DEFAULT_<X without TFC_>`: the form that sets a value for every configuration lacking its own. */
export function defaultFormKey(key: string): string {
  return `TFC_DEFAULT_${key.replace(/^TFC_/, '')}`;
}

/** Combines configurations into the final variable list, in a stable order. */
export function combineConfigurations(configurations: readonly ConfigurationVariables[], useDefaultForms: boolean): EnvVariableSpec[] {
  const out: EnvVariableSpec[] = [];
  const collapsed = new Set<string>();
  if (useDefaultForms) {
    const byKind = new Map<ConfigurationKind, ConfigurationVariables[]>();
    for (const configuration of configurations) {
      byKind.set(configuration.kind, [...(byKind.get(configuration.kind) ?? []), configuration]);
    }
    for (const group of byKind.values()) {
      if (group.length < 2) continue;
      const keys = new Set(group.flatMap((c) => c.variables.map((v) => v.key)));
      for (const key of keys) {
        if (ENABLE_FLAGS.has(key) || !key.startsWith('TFC_')) continue;
        const specs = group.map((c) => c.variables.find((v) => v.key === key));
        const first = specs[0];
        if (first === undefined || specs.some((s) => s === undefined || s.value !== first.value || s.sensitive !== first.sensitive)) continue;
        out.push({ ...first, key: defaultFormKey(key), description: `${first.description} Shared by every configuration.` });
        for (const configuration of group) collapsed.add(`${configuration.kind}\u0000${configuration.tag ?? ''}\u0000${key}`);
      }
    }
  }
  for (const configuration of configurations) {
    for (const spec of configuration.variables) {
      if (collapsed.has(`${configuration.kind}\u0000${configuration.tag ?? ''}\u0000${spec.key}`)) continue;
      if (configuration.tag !== undefined && !spec.key.startsWith('TFC_')) continue;
      // Tags are validated by the caller at synthesis; a bad one is reported there rather than thrown here.
      out.push({ ...spec, key: configuration.tag === undefined ? spec.key : `${spec.key}_${configuration.tag}` });
    }
  }
  return out;
}
