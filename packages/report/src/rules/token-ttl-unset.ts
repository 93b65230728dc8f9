import { durationSeconds, describeSeconds, LONGEST_RUN_TTL_SECONDS, VAULT_SYSTEM_DEFAULT_TTL_SECONDS } from './token-lifetimes';
import { Finding, ReportRule } from './types';

/**
 * A JWT role without `token_ttl` (or with 0) gives its tokens the mount's `default_lease_ttl`, and when the mount
 * does not tune one, Vault's system default of 768 h (32 days): a run's token that leaks stays valid for a month.
 * Tokens get the TTL of the role, else of the mount, else of the system (developer.hashicorp.com/vault/docs/concepts/tokens,
 * "Token time-to-live").
 */
export const tokenTtlUnset: ReportRule = {
  id: 'token-ttl-unset',
  severity: 'warning',
  title: 'JWT role without token_ttl',
  explanation:
    'Without token_ttl, a run\'s Vault token lives as long as the mount\'s or the system\'s default TTL, 32 days ' +
    'unless tuned, long after the run has ended.',
  fix: 'Set token_ttl on the role to a little more than the longest run (the library\'s default is 1200 s).',
  stages: ['report'],
  check: (model) =>
    model.index.roles.flatMap((role): Finding[] => {
      const config = model.config;
      const body = role.block.body;
      if (body.token_ttl !== undefined && durationSeconds(config, body.token_ttl) !== 0) return [];
      const mount = role.mountBlock ? model.index.mounts.find((m) => m.block === role.mountBlock) : undefined;
      const tune = mount && Array.isArray(mount.block.body.tune) ? (mount.block.body.tune[0] as Record<string, unknown> | undefined) : undefined;
      const tuned = tune ? durationSeconds(config, tune.default_lease_ttl) : undefined;
      if (tuned !== undefined && tuned > 0 && tuned <= LONGEST_RUN_TTL_SECONDS) return [];
      const fallback = tuned !== undefined && tuned > 0
        ? `the mount's tuned default_lease_ttl of ${describeSeconds(tuned)}`
        : `the mount's default, which is Vault's system default of ${describeSeconds(VAULT_SYSTEM_DEFAULT_TTL_SECONDS)} unless the mount is tuned`;
      return [
        {
          rule: 'token-ttl-unset',
          severity: 'warning',
          subject: role.block.address,
          message:
            `token_ttl is not set, so its tokens live for ${fallback}; a leaked run token stays valid that long. ` +
            'Set token_ttl = 1200 (20 minutes): HCP Terraform renews the token while the run lasts and revokes it at the end',
        },
      ];
    }),
};
