import { literalOf } from '../terraform-json';
import { Finding, Rule } from './types';

/**
 * Batch tokens cannot be renewed or revoked (developer.hashicorp.com/vault/docs/concepts/tokens, "Token types"):
 * HCP Terraform renews the run's token while the run lasts and revokes it at the end, so with a batch token a long
 * run loses its token when the TTL ends and a finished run leaves its token valid.
 */
export const tokenTypeBatch: Rule = {
  id: 'token-type-batch',
  description: 'A JWT role that issues batch tokens, which HCP Terraform can neither renew during a run nor revoke after it.',
  check: (model) =>
    model.index.roles.flatMap((role): Finding[] => {
      const type = literalOf(model.config.resolve(role.block.body.token_type));
      if (type !== 'batch' && type !== 'default-batch') return [];
      return [
        {
          rule: 'token-type-batch',
          severity: 'warning',
          subject: role.block.address,
          message: `token_type is "${type}": batch tokens cannot be renewed or revoked, so runs longer than token_ttl lose Vault access mid-run and a finished run's token stays valid until it expires. Set token_type = "service" (or leave it unset)`,
        },
      ];
    }),
};
