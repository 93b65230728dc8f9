import { literalOf } from '../terraform-json';
import { Finding, ReportRule } from './types';

/**
 * Batch tokens cannot be renewed or revoked (developer.hashicorp.com/vault/docs/concepts/tokens, "Token types"):
 * HCP Terraform renews the run's token while the run lasts and revokes it at the end, so with a batch token a long
 * run loses its token when the TTL ends and a finished run leaves its token valid.
 */
export const tokenTypeBatch: ReportRule = {
  id: 'token-type-batch',
  severity: 'warning',
  title: 'JWT role issuing batch tokens',
  explanation:
    'Batch tokens can be neither renewed nor revoked: a long run loses Vault access at the first expiry, and a ' +
    'finished run\'s token stays valid until it expires.',
  fix: 'Use token_type = "service" (or "default-service") for run roles.',
  stages: ['report'],
  check: (model) =>
    model.index.roles.flatMap((role): Finding[] => {
      const type = literalOf(model.config.resolve(role.block.body.token_type));
      if (type !== 'batch' && type !== 'default-batch') return [];
      return [
        {
          rule: 'token-type-batch',
          severity: 'warning',
          subject: role.block.address,
          message:
            `token_type is "${type}": batch tokens cannot be renewed or revoked, so runs longer than token_ttl lose Vault access ` +
            "mid-run and a finished run's token stays valid until it expires. Set token_type = \"service\" (or leave it unset)",
        },
      ];
    }),
};
