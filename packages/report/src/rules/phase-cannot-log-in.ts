import { MatrixRow } from '../model';
import { Finding, ReportRule } from './types';

/** How a matrix row is named in findings: `workspace network-prod (project Networking) plan [tag OTHER]`. */
export function rowSubject(row: Pick<MatrixRow, 'selector' | 'phase' | 'vaultTag'>): string {
  return `${row.selector.label} ${row.phase}${row.vaultTag === undefined ? '' : ` [configuration ${row.vaultTag}]`}`;
}

/** A workspace that receives the variables but whose token is refused fails every run in that phase. */
export const phaseCannotLogIn: ReportRule = {
  id: 'phase-cannot-log-in',
  severity: 'error',
  title: 'Runs of a phase cannot log in to Vault',
  explanation:
    'A workspace, project or organization receives the credential variables, but Vault refuses its token in a ' +
    'phase, or its variables are incomplete; every run of that phase fails.',
  fix: 'Make the role\'s bindings admit the selector\'s token in that phase, or complete its variables (role, address, Vault configuration).',
  stages: ['report'],
  check: (model) =>
    model.rows.flatMap((row): Finding[] => {
      const subject = rowSubject(row);
      if (row.login === 'refused') {
        const role = row.role === undefined ? 'its role' : `role "${row.role}" (${row.roleVariable})`;
        const namespace = row.namespace === '' ? 'the root namespace' : `namespace "${row.namespace}"`;
        return [
          {
            rule: 'phase-cannot-log-in',
            severity: 'error',
            subject,
            message:
              `receives ${role} at auth/${row.authPath} in ${namespace}, ` +
              `but Vault refuses its ${row.phase} token: ${row.reason}; every ${row.phase} run fails`,
          },
        ];
      }
      if (row.login === 'not attempted' && row.problems.length > 0) {
        return [
          {
            rule: 'phase-cannot-log-in',
            severity: 'error',
            subject,
            message: `its ${row.phase} runs cannot log in to Vault: ${row.problems.join('; ')}`,
          },
        ];
      }
      return [];
    }),
};
