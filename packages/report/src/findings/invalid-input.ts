import { invalidAttributes } from '../input-shapes';
import { Finding, Rule } from './types';

/**
 * Values of the wrong type (`bound_audiences` as a string, `bound_claims` as a number) are input Terraform rejects
 * at plan time. The report names them instead of reading them as absent, and leaves the logins of such a role
 * undecided rather than judging a role Terraform would never create.
 */
export const invalidInput: Rule = {
  id: 'invalid-input',
  description: 'An attribute of a JWT role or mount has a type Terraform rejects (e.g. bound_audiences as a string, bound_claims as a number).',
  check: (model) =>
    [...model.index.roles.map((r) => r.block), ...model.index.mounts.map((m) => m.block)].flatMap((block) =>
      invalidAttributes(block).map(
        ({ attribute, problem }): Finding => ({
          rule: 'invalid-input',
          severity: 'error',
          subject: block.address,
          message: `${attribute} ${problem}, so Terraform refuses the configuration; the report does not guess what was meant. Write ${attribute} with that type`,
        }),
      ),
    ),
};
