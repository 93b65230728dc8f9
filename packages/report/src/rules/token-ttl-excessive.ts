import { describeSeconds, durationSeconds, LONGEST_MAX_TTL_SECONDS, LONGEST_RUN_TTL_SECONDS } from './token-lifetimes';
import { Finding, ReportRule } from './types';

/**
 * A run's token is needed for one plan or apply, and HCP Terraform renews a renewable token while the run lasts, so a
 * `token_ttl` above 2 h or a maximum above 24 h only keeps a leaked token usable for longer.
 */
export const tokenTtlExcessive: ReportRule = {
  id: 'token-ttl-excessive',
  severity: 'warning',
  title: 'Token TTL far longer than any run',
  explanation:
    'A token_ttl above two hours, or a token_max_ttl or token_explicit_max_ttl above a day, keeps a run\'s Vault ' +
    'token (and what it can read) usable long after the run.',
  fix: 'Lower token_ttl to the length of a run and token_max_ttl to the longest run you allow.',
  stages: ['report'],
  check: (model) =>
    model.index.roles.flatMap((role): Finding[] => {
      const body = role.block.body;
      const out: Finding[] = [];
      const ttl = durationSeconds(model.config, body.token_ttl);
      if (ttl !== undefined && ttl > LONGEST_RUN_TTL_SECONDS) {
        out.push({
          rule: 'token-ttl-excessive',
          severity: 'warning',
          subject: role.block.address,
          message:
            `token_ttl is ${describeSeconds(ttl)}, far longer than a run needs (HCP Terraform renews the token during the run); ` +
            'a leaked token stays valid that long. Set token_ttl = 1200 (20 minutes)',
        });
      }
      for (const attribute of ['token_max_ttl', 'token_explicit_max_ttl']) {
        const max = durationSeconds(model.config, body[attribute]);
        if (max !== undefined && max > LONGEST_MAX_TTL_SECONDS) {
          out.push({
            rule: 'token-ttl-excessive',
            severity: 'warning',
            subject: role.block.address,
            message:
              `${attribute} is ${describeSeconds(max)}: renewals keep a token alive that long, far beyond any run. Lower it to the ` +
              `longest run you expect (at most ${describeSeconds(LONGEST_MAX_TTL_SECONDS)}), or leave it unset and rely on token_ttl ` +
              'and revocation at the end of the run',
          });
        }
      }
      return out;
    }),
};
