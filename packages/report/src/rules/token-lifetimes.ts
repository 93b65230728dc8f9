/**
 * Reading the token settings of JWT roles (shared by the token-* rules): durations in seconds, as the Terraform Vault
 * provider takes them, or as Go duration strings ("20m", "1h30m"), which Vault's API also accepts.
 */
import { parseVaultDuration } from '../catalogue';
import { literalOf, TerraformConfiguration } from '../terraform-json';

export { describeSeconds, LONGEST_MAX_TTL_SECONDS, LONGEST_RUN_TTL_SECONDS, VAULT_SYSTEM_DEFAULT_TTL_SECONDS } from '../catalogue';

/** Seconds of a duration attribute (whole seconds, or a duration string Vault parses); undefined when not a literal or not a duration. */
export function durationSeconds(config: TerraformConfiguration, value: unknown): number | undefined {
  const text = literalOf(config.resolve(value));
  return text === undefined ? undefined : parseVaultDuration(text);
}
