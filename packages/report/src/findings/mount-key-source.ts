import { literalOf } from '../terraform-json';
import { mountKeySourceProblem } from '../vault-index';
import { Finding, Rule } from './types';

/**
 * Vault verifies every token's signature with the mount's one key source before it looks at any claim. A mount with
 * no key source or several is refused by Vault; a discovery URL that is not exactly the tokens' issuer (another
 * host, or a trailing slash) yields no keys that verify HCP Terraform's tokens. Either way no run logs in, whatever
 * the roles say. Judged against `bound_issuer` here; the matrix judges each run against its own token's issuer.
 */
export const mountKeySource: Rule = {
  id: 'mount-key-source',
  description: 'A JWT auth mount without exactly one key source, or whose discovery or JWKS URL is not the tokens\' issuer: no run can log in.',
  check: (model) =>
    model.index.mounts.flatMap((mount): Finding[] => {
      const issuer = mount.boundIssuer && literalOf(mount.boundIssuer);
      const problem = mountKeySourceProblem(mount, issuer);
      if (problem === undefined) return [];
      return [
        {
          rule: 'mount-key-source',
          severity: 'error',
          subject: mount.block.address,
          message: `${problem}; every login fails. Set oidc_discovery_url (only) to the HCP Terraform address, exactly as bound_issuer, e.g. "https://app.terraform.io"`,
        },
      ];
    }),
};
