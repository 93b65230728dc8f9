import { MatrixRow } from '../model';
import { Finding, Rule } from './types';

/** How a matrix row is named in findings: `workspace network-prod (project Networking) plan [tag OTHER]`. */
export function rowSubject(row: Pick<MatrixRow, 'selector' | 'phase' | 'vaultTag'>): string {
  return `${row.selector.label} ${row.phase}${row.vaultTag === undefined ? '' : ` [configuration ${row.vaultTag}]`}`;
}

/** A workspace that receives the variables but whose token is refused fails every run in that phase. */
export const phaseCannotLogIn: Rule = {
  id: 'phase-cannot-log-in',
  description: 'A workspace, project or organization receives the variables, but its runs cannot log in to Vault in a phase.',
  check: (model) =>
    model.rows.flatMap((row): Finding[] => {
      const subject = rowSubject(row);
      if (row.login === 'refused') {
        const role = row.role === undefined ? 'its role' : `role "${row.role}" (${row.roleVariable})`;
        return [
          {
            rule: 'phase-cannot-log-in',
            severity: 'error',
            subject,
            message: `receives ${role} at auth/${row.authPath} in ${row.namespace === '' ? 'the root namespace' : `namespace "${row.namespace}"`}, but Vault refuses its ${row.phase} token: ${row.reason}; every ${row.phase} run fails`,
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
