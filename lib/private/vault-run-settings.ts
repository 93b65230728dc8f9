import { encodedCaCertProblem, secondsProblem, vaultAddressProblem } from './synth-checks';
import { DEFAULT_VAULT_AUTH_PATH, EnvVariableSpec, PhaseValues, vaultRunVariables } from 'vault-backed-credentials-report/env';
import { ResolvedTrust, TrustSettings } from '../trust-settings';
import { IHcpTerraformJwtAuthMount } from '../vault/jwt-auth-mount';

/**
 * The Vault variables of a run that logs in through `authMount` with the resolved trust settings and the given
 * plan/apply roles: one derivation for every grant kind that emits a variable set or test variables.
 */
export function runVaultVariables(authMount: IHcpTerraformJwtAuthMount, trust: ResolvedTrust, roles: PhaseValues): EnvVariableSpec[] {
  return vaultRunVariables({
    address: trust.vaultAddress,
    namespace: authMount.runNamespace,
    authPath: authMount.mountPathReference,
    authPathIsDefault: authMount.mountPath === DEFAULT_VAULT_AUTH_PATH,
    audience: trust.audience,
    audienceIsDefault: trust.audienceIsDefault,
    roles,
    encodedCaCert: trust.vaultEncodedCaCert,
    clientTimeoutSeconds: trust.vaultClientTimeoutSeconds,
  });
}

/**
 * Problems with the settings that become a run's Vault variables (`TFC_VAULT_ADDR`, `TFC_VAULT_ENCODED_CACERT`,
 * `TFC_VAULT_CLIENT_TIMEOUT`): one check for the facade and every grant kind that emits them.
 */
export function vaultRunSettingProblems(settings: Pick<TrustSettings, 'vaultAddress' | 'vaultEncodedCaCert' | 'vaultClientTimeoutSeconds'>): string[] {
  return [
    vaultAddressProblem(settings.vaultAddress),
    encodedCaCertProblem(settings.vaultEncodedCaCert),
    secondsProblem('vaultClientTimeoutSeconds', settings.vaultClientTimeoutSeconds, 1, 3600),
  ].filter((p): p is string => p !== undefined);
}
