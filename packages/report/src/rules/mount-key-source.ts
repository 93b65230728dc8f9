import { literalOf } from '../terraform-json';
import { mountKeySourceProblem } from '../vault-index';
import { Finding, ReportRule } from './types';

/**
 * Vault verifies every token's signature with the mount's one key source before it looks at any claim. A mount with
 * no key source or several is refused by Vault; a discovery URL that is not exactly the tokens' issuer (another
 * host, or a trailing slash) yields no keys that verify HCP Terraform's tokens. Either way no run logs in, whatever
 * the roles say. Judged against `bound_issuer` here; the matrix judges each run against its own token's issuer.
 */
export const mountKeySource: ReportRule = {
  id: 'mount-key-source',
  severity: 'error',
  title: 'JWT mount that cannot verify HCP Terraform tokens',
  explanation:
    'Vault verifies every token with exactly one key source of the mount: oidc_discovery_url, jwks_url or ' +
    'jwt_validation_pubkeys. With none, with several, or with a discovery or JWKS URL that is not on the tokens\' ' +
    'issuer (a trailing slash is enough), Vault refuses the configuration or every signature, and no run logs in.',
  fix:
    'Set oidc_discovery_url to https://<hostname> exactly (no trailing slash), equal to bound_issuer, and leave ' +
    'jwks_url and jwt_validation_pubkeys unset.',
  stages: ['report'],
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
