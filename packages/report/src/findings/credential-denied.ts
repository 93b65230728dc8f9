import { Finding, Rule } from './types';
import { rowSubject } from './phase-cannot-log-in';

/** A run that logs in but may not read the credential its variables point at fails every time. */
export const credentialDenied: Rule = {
  id: 'credential-denied',
  description: 'A run logs in, but cannot obtain the cloud credential its variables point at (policy, engine role or ARN).',
  check: (model) =>
    model.rows.flatMap((row) =>
      row.login !== 'admitted'
        ? []
        : row.credentials.flatMap((cell): Finding[] => {
            const what = `${cell.cloud.toUpperCase()}${cell.tag === undefined ? '' : ` [${cell.tag}]`} credential ${cell.path ?? '(unknown path)'}`;
            if (cell.read === 'denied') {
              return [{ rule: 'credential-denied', severity: 'error', subject: rowSubject(row), message: `logs in as "${row.role}" but cannot read the ${what}: ${cell.reason}` }];
            }
            if (cell.problems.length > 0) {
              return [{ rule: 'credential-denied', severity: 'error', subject: rowSubject(row), message: `cannot obtain the ${what}: ${cell.problems.join('; ')}` }];
            }
            return [];
          }),
    ),
};
