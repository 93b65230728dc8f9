import { literalOf } from '../terraform-json';
import { describeNamespace } from '../vault-index';
import { Finding, ReportRule } from './types';

/**
 * Vault lets a role name a policy that does not exist; its tokens simply get nothing from that name. When no block
 * of the configuration defines the policy, either it is managed elsewhere (and the report cannot see what it grants)
 * or the name is a typo and every run lacks the access it needs.
 */
export const policyNotDefined: ReportRule = {
  id: 'policy-not-defined',
  severity: 'warning',
  title: 'Role names a policy the configuration does not define',
  explanation:
    'A JWT role\'s token_policies name a policy that no vault_policy of this configuration defines: either it is ' +
    'managed elsewhere, or a typo leaves the run\'s token without the permissions it needs.',
  fix: 'Define the policy in this configuration or correct the name; if it is managed elsewhere on purpose, acknowledge the finding with the reason.',
  stages: ['report'],
  check: (model) => {
    const defined = new Set(model.index.policies.map((p) => literalOf(p.name)));
    return model.index.roles.flatMap((role): Finding[] =>
      role.policies.flatMap((entry): Finding[] => {
        const name = literalOf(entry.name);
        if (name === undefined || name === 'default' || entry.block) return [];
        if (defined.has(name)) return [];
        return [
          {
            rule: 'policy-not-defined',
            severity: 'warning',
            subject: role.block.address,
            message:
              `token_policies names "${name}", which no vault_policy in this configuration defines (the role is in ` +
              `${describeNamespace(role.namespace)}); if it is managed elsewhere the report cannot tell what it grants, and if it is ` +
              'a typo runs get nothing from it. Define the policy here, or refer to its block (vault_policy.<name>.name)',
          },
        ];
      }),
    );
  },
};
