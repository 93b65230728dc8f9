import { literalOf } from '../terraform-json';
import { Finding, ReportRule } from './types';

/**
 * Vault compares `bound_issuer` with the token's `iss` exactly; HCP Terraform's is `https://<host>` with no
 * trailing slash.
 */
export const issuerMalformed: ReportRule = {
  id: 'issuer-malformed',
  severity: 'error',
  title: 'bound_issuer does not match the token issuer',
  explanation:
    'Vault compares bound_issuer with the token\'s iss exactly. A trailing "/" or a missing https:// refuses every ' +
    'login (error); a missing bound_issuer or a discovery URL that differs from it weakens or confuses the check ' +
    '(warning).',
  fix: 'Set bound_issuer and oidc_discovery_url to "https://<host>" of HCP Terraform or Terraform Enterprise, with no trailing slash.',
  stages: ['report'],
  check: (model) =>
    model.index.mounts.flatMap((mount): Finding[] => {
      const subject = mount.block.address;
      const finding = (severity: 'error' | 'warning', message: string): Finding => ({ rule: 'issuer-malformed', severity, subject, message });
      if (mount.boundIssuer === undefined) {
        const advice = 'set it to the HCP Terraform address, e.g. "https://app.terraform.io"';
        return [finding('warning', `bound_issuer is not set, so Vault does not compare the token's iss at all; ${advice}`)];
      }
      const issuer = literalOf(mount.boundIssuer);
      if (issuer === undefined) return [];
      const out: Finding[] = [];
      if (issuer.endsWith('/')) {
        const why = "HCP Terraform's iss never does, and Vault compares exactly, so every login fails";
        out.push(finding('error', `bound_issuer "${issuer}" ends with "/"; ${why}; remove the trailing slash`));
      }
      if (!issuer.startsWith('https://')) {
        const how = 'HCP Terraform and Terraform Enterprise issue tokens with iss = "https://<host>"';
        out.push(finding('error', `bound_issuer "${issuer}" is not an https:// address; ${how}`));
      }
      // A discovery URL that differs from the issuer is judged by mount-key-source: no token verifies then.
      return out;
    }),
};
