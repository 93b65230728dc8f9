import { invalidAttributes } from '../input-shapes';
import { Finding, ReportRule } from './types';

/**
 * Values of the wrong type (`bound_audiences` as a string, `bound_claims` as a number) are input Terraform rejects
 * at plan time. The report names them instead of reading them as absent, and leaves the logins of such a role
 * undecided rather than judging a role Terraform would never create.
 */
export const invalidInput: ReportRule = {
  id: 'invalid-input',
  severity: 'error',
  title: 'Attribute of a type Terraform rejects',
  explanation:
    'A JWT role or mount attribute has the wrong type (bound_audiences as a string, bound_claims as a number). ' +
    'Terraform refuses the configuration, so the report cannot judge that role\'s logins and marks them unknown.',
  fix: 'Give the attribute the type the Vault provider\'s schema declares (a list of strings for bound_audiences, a map of strings for bound_claims).',
  stages: ['report'],
  check: (model) =>
    [...model.index.roles.map((r) => r.block), ...model.index.mounts.map((m) => m.block)].flatMap((block) =>
      invalidAttributes(block).map(
        ({ attribute, problem }): Finding => ({
          rule: 'invalid-input',
          severity: 'error',
          subject: block.address,
          message:
            `${attribute} ${problem}, so Terraform refuses the configuration; the report does not guess what was meant. ` +
            `Write ${attribute} with that type`,
        }),
      ),
    ),
};
