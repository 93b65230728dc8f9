import { Finding, ReportRule } from './types';
import { rowSubject } from './phase-cannot-log-in';

/** A run that logs in but may not read the credential its variables point at fails every time. */
export const credentialDenied: ReportRule = {
  id: 'credential-denied',
  severity: 'error',
  title: 'Run logs in but cannot obtain its credential',
  explanation:
    'The run is admitted, but its policies do not grant the credential path its variables point at, a deny wins, ' +
    'the engine role is elsewhere, or the ARN is not among the engine role\'s role_arns; the run fails when it asks ' +
    'for the credential.',
  fix:
    'Grant read on the exact credential path in the role\'s policy, in the same namespace, and keep the engine role ' +
    'and ARN in line with the variables.',
  stages: ['report'],
  check: (model) =>
    model.rows.flatMap((row) =>
      row.login !== 'admitted'
        ? []
        : row.credentials.flatMap((cell): Finding[] => {
            const what = `${cell.cloud.toUpperCase()}${cell.tag === undefined ? '' : ` [${cell.tag}]`} credential ${cell.path ?? '(unknown path)'}`;
            const subject = rowSubject(row);
            if (cell.read === 'denied') {
              const message = `logs in as "${row.role}" but cannot read the ${what}: ${cell.reason}`;
              return [{ rule: 'credential-denied', severity: 'error', subject, message }];
            }
            if (cell.problems.length > 0) {
              return [{ rule: 'credential-denied', severity: 'error', subject, message: `cannot obtain the ${what}: ${cell.problems.join('; ')}` }];
            }
            return [];
          }),
    ),
};
