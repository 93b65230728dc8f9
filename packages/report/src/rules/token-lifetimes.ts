/**
 * Reading the token settings of JWT roles (shared by the token-* rules): durations in seconds, as the Terraform Vault
 * provider takes them, or as Go duration strings ("20m", "1h30m"), which Vault's API also accepts.
 */
import { literalOf, TerraformConfiguration } from '../terraform-json';

/** Vault's system default token TTL when neither the role nor the mount sets one: 768 h, 32 days. */
export const VAULT_SYSTEM_DEFAULT_TTL_SECONDS = 768 * 3600;

/**
 * The longest `token_ttl` the report accepts without comment: 2 h, the most HCP Terraform allows for a
 * non-renewable token. HashiCorp's guidance is a renewable token of about 20 minutes, which HCP Terraform renews
 * during the run and revokes at its end (developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/vault-configuration, "Token TTLs").
 */
export const LONGEST_RUN_TTL_SECONDS = 2 * 3600;

/** The longest `token_max_ttl` / `token_explicit_max_ttl` the report accepts without comment: 24 h. */
export const LONGEST_MAX_TTL_SECONDS = 24 * 3600;

const UNITS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/** Seconds of a duration: a number of seconds, or a Go duration string; undefined when not a literal or not a duration. */
export function durationSeconds(config: TerraformConfiguration, value: unknown): number | undefined {
  const text = literalOf(config.resolve(value));
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0);
}

/** A duration for messages: `1200 s (20m)`. */
export function describeSeconds(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const go = `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 || seconds === 0 ? `${s}s` : ''}`;
  return `${seconds} s (${go})`;
}
