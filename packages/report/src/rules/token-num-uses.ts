import { literalOf } from '../terraform-json';
import { Finding, ReportRule } from './types';

/**
 * `token_num_uses` limits how many requests a token may make. A run's token is used to read each of its cloud
 * credentials, by the Vault provider when the configuration uses it, to renew itself while the run lasts and to
 * revoke itself at the end; a token that runs out fails the run at whichever request comes next.
 */
export const tokenNumUses: ReportRule = {
  id: 'token-num-uses',
  severity: 'error',
  title: 'Token use limit that runs exhaust',
  explanation:
    'token_num_uses caps how many requests a run\'s token may make. A run needs one request per credential it reads ' +
    'plus its renewals and revocation; a lower limit makes it fail part-way (error), and any limit is fragile ' +
    '(warning).',
  fix: 'Remove token_num_uses (0 means unlimited) from run roles.',
  stages: ['report'],
  check: (model) =>
    model.index.roles.flatMap((role): Finding[] => {
      const text = literalOf(model.config.resolve(role.block.body.token_num_uses));
      const uses = text === undefined ? undefined : Number(text);
      if (uses === undefined || !Number.isInteger(uses) || uses <= 0) return [];
      // What the runs that log in with this role need at least: each credential they read, plus renewing and revoking.
      const rows = model.rows.filter((r) => r.roleAddress === role.block.address && r.login === 'admitted');
      const needed = Math.max(0, ...rows.map((r) => r.credentials.length)) + 2;
      const severity = uses < needed ? 'error' : 'warning';
      const fix = 'Remove token_num_uses (0 means unlimited) and keep token_ttl short instead';
      return [
        {
          rule: 'token-num-uses',
          severity,
          subject: role.block.address,
          message:
            severity === 'error'
              ? `token_num_uses is ${uses}, but its runs need at least ${needed} requests (each credential read, renew-self and ` +
                `revoke-self); runs fail when the token runs out. ${fix}`
              : `token_num_uses is ${uses}: every credential read, Vault provider request and renewal counts, so a longer run or ` +
                `one more credential makes runs fail when the token runs out. ${fix}`,
        },
      ];
    }),
};
