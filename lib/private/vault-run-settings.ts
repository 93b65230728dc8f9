import { encodedCaCertProblem, secondsProblem, vaultAddressProblem } from './validation';
import { TrustSettings } from '../trust-settings';

/**
 * Problems with the settings that become a run's Vault variables (`TFC_VAULT_ADDR`, `TFC_VAULT_ENCODED_CACERT`,
 * `TFC_VAULT_CLIENT_TIMEOUT`): one check for the facade and every grant kind that emits them.
 */
export function vaultRunSettingProblems(settings: Pick<TrustSettings, 'vaultAddress' | 'vaultEncodedCaCert' | 'vaultClientTimeout'>): string[] {
  return [
    vaultAddressProblem(settings.vaultAddress),
    encodedCaCertProblem(settings.vaultEncodedCaCert),
    secondsProblem('vaultClientTimeout', settings.vaultClientTimeout, 1, 3600),
  ].filter((p): p is string => p !== undefined);
}
